# xinfang: one non-recursive GNU Makefile.
#
#   make            build/xinfang
#   make setup      install the Debian packages (idempotent)
#   make demo       setup, build, file the bundled samples into ./xinfang-data
#   make test       setup, build with ASan+UBSan, run every test
#   V=1             show full commands

PKGS := glib-2.0 gio-2.0 gmime-3.0 libcurl tesseract lept sqlite3 poppler-glib json-glib-1.0
# Where the shared test corpus lives; its tests are skipped (with one line
# saying so) when the folder is absent.
CORPUS ?= ../shared/corpus

CC ?= cc
CFLAGS ?= -O2 -g
WARN := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wno-missing-field-initializers
WERROR ?= -Werror
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# pkg-config runs only when something is compiled, so `make setup` works on
# a machine that does not have the libraries yet.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS))
BASE_CFLAGS = -std=gnu11 $(WARN) $(WERROR) -I. $(PKG_CFLAGS) -MMD -MP \
              -DXF_VERSION='"$(VERSION)"'
VERSION := 0.1.0

ifeq ($(V),1)
Q :=
else
Q := @
endif

MODULES := common intake ocr classify store pipeline
LIB_SRCS := $(foreach m,$(MODULES),$(wildcard $(m)/*.c))
CLI_SRCS := $(wildcard cli/*.c)
TEST_SRCS := $(wildcard tests/test-*.c)
TEST_SUPPORT := $(filter-out $(TEST_SRCS),$(wildcard tests/*.c))

# Data compiled in (the topic model), as a generated C source.
RES_SRC := build/gen/resources.c
LIB_SRCS += $(RES_SRC)

OBJ := build/obj
AOBJ := build/asan/obj
LIB_OBJS := $(LIB_SRCS:%.c=$(OBJ)/%.o)
CLI_OBJS := $(CLI_SRCS:%.c=$(OBJ)/%.o)
ALIB_OBJS := $(LIB_SRCS:%.c=$(AOBJ)/%.o)
ACLI_OBJS := $(CLI_SRCS:%.c=$(AOBJ)/%.o)
ASUPPORT_OBJS := $(TEST_SUPPORT:%.c=$(AOBJ)/%.o)
TEST_BINS := $(TEST_SRCS:tests/%.c=build/asan/tests/%)

.PHONY: all setup demo test test-run clean
all: build/xinfang

$(RES_SRC): classify/resources.xml classify/topic-model.txt classify/boilerplate.txt \
            classify/repeat-topic-model.txt ocr/ocr-lm.txt ocr/ocr-fax-lm.txt \
            build/gen/chi_sim_fax.traineddata build/gen/ocr-lang.txt
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)glib-compile-resources --sourcedir=classify --sourcedir=ocr --sourcedir=build/gen \
	  --generate-source \
	  --c-name xf_resources --target=$@ $<

# The standard-fax model is kept compressed (1.7 MB against 2.5).
build/gen/chi_sim_fax.traineddata: ocr/chi_sim_fax.traineddata.gz
	@mkdir -p $(dir $@)
	$(Q)gzip -dc $< > $@.tmp && mv $@.tmp $@

# So is the correction's language (1.3 MB against 4.2).
build/gen/ocr-lang.txt: ocr/ocr-lang.txt.gz
	@mkdir -p $(dir $@)
	$(Q)gzip -dc $< > $@.tmp && mv $@.tmp $@

# Generated code is not held to our warnings.
$(OBJ)/build/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(PKG_CFLAGS) $(CFLAGS) -c $< -o $@

$(AOBJ)/build/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(PKG_CFLAGS) -O1 -g $(SAN) -c $< -o $@

$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(BASE_CFLAGS) $(CFLAGS) -c $< -o $@

$(AOBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC/SAN  $<")
	$(Q)$(CC) $(BASE_CFLAGS) -O1 -g $(SAN) -c $< -o $@

build/xinfang: $(LIB_OBJS) $(CLI_OBJS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $^ -o $@ $(PKG_LIBS) -lm

build/asan/xinfang: $(ALIB_OBJS) $(ACLI_OBJS)
	@$(if $(Q),echo "  LD/SAN  $@")
	$(Q)$(CC) $(SAN) $^ -o $@ $(PKG_LIBS) -lm

# Tests that need a fixed time replace the clock at link time.
build/asan/tests/test-store: WRAP := -Wl,--wrap=xf_clock_now

build/asan/tests/%: $(AOBJ)/tests/%.o $(ALIB_OBJS) $(ASUPPORT_OBJS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD/SAN  $@")
	$(Q)$(CC) $(SAN) $(WRAP) $^ -o $@ $(PKG_LIBS) $$(pkg-config --libs cmocka) -lm

setup:
	$(Q)tools/setup-debian.sh

demo: setup
	$(Q)$(MAKE) --no-print-directory build/xinfang
	$(Q)tools/demo.sh build/xinfang testdata/samples xinfang-data

test: setup
	$(Q)$(MAKE) --no-print-directory test-run

test-run: build/asan/xinfang $(TEST_BINS)
	$(Q)XINFANG_BIN=build/asan/xinfang CORPUS='$(CORPUS)' tests/run.sh $(TEST_BINS)

clean:
	rm -rf build

.SECONDARY:

-include $(shell find build -name '*.d' 2>/dev/null)

# The OCR benchmark: xinfang against the tesseract command on rendered
# letters in five scan and fax conditions (bench/README.md).
.PHONY: bench
bench:
	$(Q)tools/setup-debian.sh --bench
	$(Q)$(MAKE) --no-print-directory build/xinfang
	$(Q)python3 bench/run.py --xinfang build/xinfang --build build/bench
	$(Q)$(MAKE) --no-print-directory bench-mail
	$(Q)$(MAKE) --no-print-directory bench-understand
	$(Q)$(MAKE) --no-print-directory bench-repeats

# The repeat check (candidate lookup in the repeat index) in stores of 10 k,
# 100 k and 1 M synthetic cases, kept in build/bench/repeats-5.
.PHONY: bench-repeats
bench-repeats: build/repeats-bench
	$(Q)build/repeats-bench 10000 100000 1000000

# Understanding (fields, topic, flags) of the evaluation letters from their
# text: the time per letter is the last line.
.PHONY: bench-understand
bench-understand: build/xinfang
	$(Q)build/xinfang eval testdata/letters/eval | tail -n 1

# The mail parsing benchmark: every file of the corpus's mail folder read
# into memory, then parsed by xf_intake_parse_mail over and over on one
# core (bench/README.md).  Linked with the library objects, not the CLI.
.PHONY: bench-mail
build/repeats-bench: $(OBJ)/bench/repeats-bench.o $(LIB_OBJS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $^ -o $@ $(PKG_LIBS) -lm

# Writes pages as the OCR model sees them, for make fax-model.  Without the
# compiled-in data, which holds the fax model it helps to make.
build/fax-prep: $(OBJ)/tools/fax-model/prep.o $(filter-out $(RES_SRC:%.c=$(OBJ)/%.o),$(LIB_OBJS))
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $^ -o $@ $(PKG_LIBS) -lm

build/mail-bench: $(OBJ)/bench/mail-bench.o $(LIB_OBJS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $^ -o $@ $(PKG_LIBS) -lm

bench-mail: build/mail-bench
	$(Q)if [ -d '$(CORPUS)/mail' ]; then build/mail-bench '$(CORPUS)/mail'; \
	else echo "bench-mail: no mail corpus at $(CORPUS)/mail, skipped (set CORPUS=DIR)"; fi

# The topic model compiled into the binary, trained on every labelled set
# but the held-out evaluation letters: the training letters and the
# development sets (each set left out in turn, training on the others raised
# its topic accuracy from 0.82 to 0.88 on average; docs/evaluation.md).
# The repeat check keeps a model of its own, trained on the training letters
# alone (make repeat-model), so that retraining this one does not move its
# decisions; its boilerplate (classify/boilerplate.txt) was learnt from the
# training letters and is kept as committed (make boilerplate).  Commit
# what these write.
TOPIC_SETS := $(filter-out testdata/letters/eval,$(wildcard testdata/letters/*))
.PHONY: model repeat-model boilerplate eval
model: build/xinfang
	$(Q)build/xinfang train --out classify/topic-model.txt $(TOPIC_SETS)

repeat-model: build/xinfang
	$(Q)build/xinfang train --out classify/repeat-topic-model.txt testdata/letters/train

boilerplate: build/xinfang
	$(Q)build/xinfang train --out build/topic-model-train.txt \
	  --boilerplate classify/boilerplate.txt testdata/letters/train

# The OCR text correction's language (ocr/ocr-lang.txt.gz): characters,
# pairs and triples of the training, dev and repeat letters, but not the
# 2100 repeat-set letters whose standard faxes ocr-fax-lm counts, so that
# halves of those pages measure the correction on text its language never
# saw.  A few seconds.
.PHONY: ocr-lang
ocr-lang:
	@mkdir -p build/ocr-lang
	$(Q){ python3 tools/fax-model/lines.py --list 0 330; \
	  python3 tools/fax-model/lines.py --list 2430 100000; } > build/ocr-lang/letters
	$(Q)python3 tools/ocr-lm.py --out build/ocr-lang/ocr-lang.txt \
	  --corpus testdata/letters/train testdata/letters/dev testdata/repeats \
	  --corpus-list build/ocr-lang/letters
	$(Q)gzip -9n -c build/ocr-lang/ocr-lang.txt > ocr/ocr-lang.txt.gz

# The OCR text correction's counts of misreadings (ocr/ocr-lm.txt), from
# the training letters rendered and read back: about half an hour.
.PHONY: ocr-lm
ocr-lm: build/xinfang
	$(Q)tools/setup-debian.sh --bench
	$(Q)tools/make-ocr-lm.sh build/xinfang build/ocr-lm

# What the standard-fax model misreads (ocr/ocr-fax-lm.txt), counted on the
# training and dev letters and 2100 repeat-set letters the model never saw,
# faxed at 98 lines per inch and read by the model compiled in: run after
# make fax-model.  About an hour and a quarter.
.PHONY: ocr-fax-lm
ocr-fax-lm: build/xinfang
	$(Q)tools/setup-debian.sh --bench
	$(Q)tools/make-ocr-lm.sh --fax build/xinfang build/ocr-fax-lm

# The model that reads standard faxes (ocr/chi_sim_fax.traineddata.gz):
# Debian's chi_sim trained further on fictional letters faxed at 98 lines
# per inch (tools/make-fax-model.sh): about an hour and a half.
# FAX_MODEL_ITERATIONS=N trains for N iterations instead of 8500.
.PHONY: fax-model
fax-model: build/fax-prep
	$(Q)tools/setup-debian.sh --bench
	$(Q)tools/make-fax-model.sh build/fax-model $(FAX_MODEL_ITERATIONS)

# Understanding measured on the held-out letters (testdata/letters/eval):
# from their text, then through OCR of their pages rendered as scans; and
# the repeat check on the labelled letters of testdata/repeats (which its
# rules were shaped on) and the sets written apart from them.
REPEAT_SETS := testdata/repeats testdata/repeats-holdout \
  $(foreach n,$(shell seq 2 48),testdata/repeats-holdout$(n))
eval: build/xinfang
	$(Q)tools/setup-debian.sh --bench
	$(Q)build/xinfang eval testdata/letters/eval
	$(Q)for set in $(REPEAT_SETS); do \
	  build/xinfang eval --repeats $$set || exit 1; done
	$(Q)tools/render-letters.sh testdata/letters/eval build/eval
	$(Q)build/xinfang eval --images build/eval/scan testdata/letters/eval

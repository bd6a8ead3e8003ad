#!/bin/sh
# Rebuilds ocr/chi_sim_fax.traineddata.gz (make fax-model), the model that
# reads standard-resolution faxes (docs/fax-model.md).
#
# Debian ships chi_sim only as an integer ("fast") model, which Tesseract's
# lstmtraining cannot train further; tools/fax-model/dequant.py writes the
# same network with its weights as doubles (each int8 weight times its
# row's scale), and lstmtraining continues from that.  It trains on lines
# cut from the first pages of 300 fictional letters of the repeat sets,
# faxed at 204 x 98 dpi and cleaned by the engine's own preparation
# (tools/fax-model/lines.py, build/fax-prep), never the benchmark's
# letters, then writes the result back as an integer model.  It measures
# the stock and the new model on 30 pages of other letters, faxed the same
# way.  About an hour and a half on two cores.  The lines are kept
# (train/done): delete BUILD-DIR/train after changing lines.py or the
# engine's preparation.
#
#   tools/make-fax-model.sh BUILD-DIR [ITERATIONS]
set -eu
build=$1
iterations=${2:-8500}
here=$(dirname "$0")
root=$(cd "$here/.." && pwd)
tessdata=${TESSDATA_PREFIX:-/usr/share/tesseract-ocr/5/tessdata}
mkdir -p "$build/data" "$build/train"
build=$(cd "$build" && pwd)
cd "$build/data"
cp "$tessdata/chi_sim.traineddata" chi_sim.traineddata
combine_tessdata -e chi_sim.traineddata chi_sim.lstm chi_sim.lstm-unicharset >/dev/null
python3 "$root/tools/fax-model/dequant.py" chi_sim.lstm chi_sim_float.lstm
cp chi_sim.traineddata chi_sim_float.traineddata
combine_tessdata -o chi_sim_float.traineddata chi_sim_float.lstm >/dev/null
rm -f chi_sim_float.traineddata.__tmp__
rm -f configs
ln -s "$tessdata/configs" configs
cd "$build"

# Letters 1-300 of the shuffled repeat letters train, 301-330 validate.
if [ ! -f train/done ]; then
    rm -rf train && mkdir -p train
    python3 "$root/tools/fax-model/lines.py" train/a 1 150 data/chi_sim.lstm-unicharset &
    first=$!
    python3 "$root/tools/fax-model/lines.py" train/b 2 150 data/chi_sim.lstm-unicharset
    wait "$first"
    find train/a train/b -name '*.lstmf' | sort \
        | python3 -c 'import random, sys; l = sys.stdin.read().split(); random.Random(1).shuffle(l); print("\n".join(l))' > train/list
    if [ "$(wc -l < train/list)" -lt 1000 ]; then
        echo "make-fax-model: only $(wc -l < train/list) training lines" >&2
        exit 1
    fi
    touch train/done
fi
if [ ! -f val/done ]; then
    rm -rf val
    python3 "$root/tools/fax-model/lines.py" val 11 30 data/chi_sim.lstm-unicharset --pages
    touch val/done
fi

rm -rf model && mkdir -p model
if ! lstmtraining --model_output model/fax --continue_from data/chi_sim_float.lstm \
        --traineddata data/chi_sim_float.traineddata --train_listfile train/list \
        --max_iterations "$iterations" > model/training.log 2>&1; then
    tail -5 model/training.log >&2
    echo "make-fax-model: training failed (model/training.log)" >&2
    exit 1
fi
grep "^At iteration" model/training.log | tail -3
lstmtraining --stop_training --convert_to_int --continue_from model/fax_checkpoint \
    --traineddata data/chi_sim_float.traineddata --model_output data/chi_sim_fax.traineddata

# The stock and the new model on the validation pages, as raw CER.
for lang in chi_sim chi_sim_fax; do
    mkdir -p "val/$lang"
    for page in val/prep/*.png; do
        OMP_THREAD_LIMIT=1 tesseract "$page" - --tessdata-dir data -l "$lang" 2>/dev/null \
            > "val/$lang/$(basename "$page" .png).txt"
    done
    printf '%s on %s validation pages: ' "$lang" "$(ls val/prep | wc -l)"
    python3 - "val/$lang" val/gt "$root/bench" <<'PY'
import os, sys
sys.path.insert(0, sys.argv[3])
import cer
edits = total = 0
for name in os.listdir(sys.argv[1]):
    truth = "".join(open(os.path.join(sys.argv[2], name), encoding="utf-8").read().split())
    text = "".join(open(os.path.join(sys.argv[1], name), encoding="utf-8").read().split())
    edits += cer.distance(truth, text)
    total += len(truth)
print("raw CER %.4f" % (edits / total))
PY
done
gzip -9n -c data/chi_sim_fax.traineddata > "$root/ocr/chi_sim_fax.traineddata.gz"
echo "wrote ocr/chi_sim_fax.traineddata.gz"

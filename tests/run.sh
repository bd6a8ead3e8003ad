#!/bin/sh
# Runs every test binary given on the command line under the sanitizers and
# prints one summary line: "N passed, N failed".  Exit status 1 if any test
# (or any binary) failed.
set -u

export G_DEBUG=fatal-criticals
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export OMP_THREAD_LIMIT=1
export XINFANG_SRCDIR="$(pwd)"

if [ -n "${CORPUS:-}" ] && [ -d "$CORPUS" ]; then
    CORPUS=$(cd "$CORPUS" && pwd)
    export CORPUS
    echo "corpus: $CORPUS"
else
    echo "corpus: not found at '${CORPUS:-}', corpus tests skipped (set CORPUS=DIR to run them)"
    export CORPUS=""
fi

passed=0
failed=0
broken=""
start=$(date +%s)
for t in "$@"; do
    log=$(mktemp)
    "$t" >"$log" 2>&1
    rc=$?
    cat "$log"
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    if [ $rc -ne 0 ] && [ -z "$f" ]; then
        # crashed, or a sanitizer stopped it: count the binary as one failure
        failed=$((failed + 1))
        broken="$broken $(basename "$t")"
    fi
    rm -f "$log"
done
end=$(date +%s)
[ -n "$broken" ] && echo "binaries that did not finish cleanly:$broken"
echo "tests: $((end - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/bin/sh
# make demo: files the bundled samples into a home folder and prints the
# cases.  Running it again files nothing twice: the same bytes are known.
#   tools/demo.sh BINARY SAMPLES-DIR HOME
set -eu
bin=$1 samples=$2 home=$3

echo "== xinfang add $samples/* (into $home)"
# add exits 1 if any file failed; the demo should show that, not hide it
"$bin" --home "$home" add "$samples"/*.png "$samples"/*.tif "$samples"/*.eml
echo
echo "== xinfang cases"
"$bin" --home "$home" cases
first=$("$bin" --home "$home" cases --json | tail -n 1 | sed -n 's/^{"case":"\([^"]*\)".*/\1/p')
if [ -n "$first" ]; then
    echo
    echo "== xinfang show $first"
    "$bin" --home "$home" show "$first"
fi

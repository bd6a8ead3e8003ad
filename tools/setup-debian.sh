#!/bin/sh
# Installs the Debian 12 packages xinfang needs to build, run and test
# (and, with --bench, to render and run the benchmark).  The IMAP tests run
# their own Dovecot on free loopback ports (tests/imapd.c); the package's
# system service is not used by them.  Idempotent: does
# nothing when all are present, and runs apt-get update only when something
# is missing.
set -eu

PACKAGES="
make gcc pkg-config
libglib2.0-dev libgmime-3.0-dev libjson-glib-dev libcurl4-openssl-dev
libsqlite3-dev libpoppler-glib-dev
libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng
libcmocka-dev
dovecot-imapd openssl
"

# make bench renders its own pages and times the tesseract command
if [ "${1:-}" = "--bench" ]; then
    PACKAGES="$PACKAGES imagemagick fonts-noto-cjk time python3"
fi

missing=""
for p in $PACKAGES; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = installed ] || missing="$missing $p"
done

if [ -z "$missing" ]; then
    echo "setup: all $(echo $PACKAGES | wc -w) packages present"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "setup: missing packages:$missing" >&2
    echo "setup: run as root, or install them with apt-get" >&2
    exit 1
fi

echo "setup: installing:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing

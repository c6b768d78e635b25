#!/bin/sh
# `minutes validate` on a fresh `minutes new` file names every line that holds the
# placeholder 「ここに記入」, so staff find each place still to fill from the messages alone.
# (src/session/check.c reports any text still holding 「ここに記入」, on its line.)
set -u
: "${MINUTES:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
"$MINUTES" new s.xml >/dev/null || { echo "minutes new failed"; exit 1; }
"$MINUTES" validate s.xml >v.txt 2>&1
want=$(grep -n 'ここに記入' s.xml | grep -v '^[0-9]*: *[^< ]' | cut -d: -f1 | sort -n | tr '\n' ' ')
got=$(sed -n 's/^s\.xml:\([0-9]*\): .*/\1/p' v.txt | sort -nu | tr '\n' ' ')
echo "placeholder lines: $want"
echo "lines validate names: $got"
[ "$want" = "$got" ]

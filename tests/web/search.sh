#!/bin/sh
# tests/web/search.sh: the search of the published folder (issue 19) in headless chromium
# (search.js): `minutes build` of input/ and tests/build/input/all-constructs.xml, then
# search.js serves the folder on 127.0.0.1 and searches it as a reader would.
# Needs node, /usr/bin/chromium, tests/web/node_modules and site/node_modules (./setup
# installs them).  Without them it skips with a line saying what is missing -- except in CI
# (CI=true), where a missing piece fails the test.
set -u
here=$(cd "$(dirname "$0")" && pwd)
M=${MINUTES:?set MINUTES to the minutes program}
src=${SOURCE_ROOT:-$here/../..}
. "$here/needs.sh"
extra=""
[ -d "$src/site/node_modules/pagefind" ] || extra="$extra site/node_modules (npm ci --prefix site)"
web_needs "search check" $extra
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$M" build -o "$tmp/out" "$src"/input/*.xml "$src/tests/build/input/all-constructs.xml" \
  >"$tmp/log" 2>&1 || { echo "FAIL: minutes build failed:"; cat "$tmp/log"; exit 1; }
grep -q "written $tmp/out/pagefind/" "$tmp/log" || { echo "FAIL: no search index made:"; cat "$tmp/log"; exit 1; }
node "$here/search.js" "$tmp/out" || exit 1
echo "web-search: passed"

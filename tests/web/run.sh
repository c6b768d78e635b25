#!/bin/sh
# tests/web/run.sh: axe-core (WCAG 2.1 A and AA rules) on the web pages `minutes build` writes:
# the seed's page, the page of tests/build/input/all-constructs.xml (every construct of the
# format) and index.html, in headless Debian chromium (axe.js).  They must have 0 violations;
# known-bad.html must have some (the check can fail).
# Needs node, /usr/bin/chromium and tests/web/node_modules (./setup installs them: chromium from
# tools/packages.txt, `npm ci` from package-lock.json).  Without them it skips with a line
# saying what is missing -- except in CI (CI=true), where a missing piece fails the test.
set -u
here=$(cd "$(dirname "$0")" && pwd)
M=${MINUTES:?set MINUTES to the minutes program}
src=${SOURCE_ROOT:-$here/../..}
. "$here/needs.sh"
web_needs "accessibility check"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$M" build -o "$tmp/out" "$src/input/r03-1.xml" "$src/tests/build/input/all-constructs.xml" \
  >"$tmp/log" 2>&1 || { echo "FAIL: minutes build failed:"; cat "$tmp/log"; exit 1; }
fail=0
node "$here/axe.js" "$tmp/out/r03-1.html" "$tmp/out/all-constructs.html" "$tmp/out/index.html" || fail=1
node "$here/axe.js" "$here/known-bad.html" >"$tmp/bad" 2>&1
st=$?
if [ $st != 1 ]; then
  echo "FAIL: axe.js on known-bad.html exited $st, want 1 (violations found):"; cat "$tmp/bad"; fail=1
else
  echo "ok: known-bad.html: $(grep -c ': .* (.*): ' "$tmp/bad") violations found, as it must"
fi
[ $fail = 0 ] && echo "web-axe: passed"
exit $fail

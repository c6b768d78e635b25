#!/bin/sh
# tests/sanitize/leaks-exact.sh: the leak check with every suppression matched by function.
# Only in the sanitized build (MINUTES_SANITIZED=1, set by tests/sanitize/run; skipped
# otherwise).  The suite there runs with ASan's fast unwinder, which cannot see inside
# Debian's cairo, so lsan.supp suppresses cairo's CFF-subsetting leak by library.  Here the
# slow unwinder follows the whole stack and lsan-exact.supp names the one function the leak
# happens in (cairo_surface_finish): any other leak, in cairo or anywhere, fails this test.
#   1. the known leak is still there and the slow unwinder names it (else: remove the
#      suppression from lsan.supp and lsan-exact.supp — cairo fixed it);
#   2. minutes build (the sessions of input/), minutes render (the Noto fallback, a CFF font),
#      and the fuzz replays of render and build leak nothing else.
set -u
if [ "${MINUTES_SANITIZED:-}" != 1 ]; then
  echo "not the sanitized build: skipped"
  exit 77
fi
here=$(cd "$(dirname "$0")" && pwd)
src=${SOURCE_ROOT:?}
b=${BUILD_ROOT:?}
M=${MINUTES:?}
export MINUTES_DATA_DIR="$src"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
noto=$src/tests/layout/fonts-fallback-noto.fo

# 1. No suppressions at all: the cairo leak must be reported, with cairo_surface_finish on
#    its stack.
ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 LSAN_OPTIONS= \
  "$M" render "$noto" -o "$tmp/known.pdf" >/dev/null 2>"$tmp/known"
if grep -q 'in cairo_surface_finish' "$tmp/known" && grep -q 'in mn_pdf_close' "$tmp/known"; then
  echo "ok: the known cairo leak is reported, with cairo_surface_finish ← mn_pdf_close on its stack"
else
  echo "FAIL: the known cairo leak was not reported as expected (fixed in cairo? then remove it"
  echo "      from lsan.supp and lsan-exact.supp)"
  sed 's/^/    | /' "$tmp/known" | head -30
  fail=1
fi

# 2. With lsan-exact.supp: nothing else leaks.
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:fast_unwind_on_malloc=0
export LSAN_OPTIONS=suppressions=$here/lsan-exact.supp:print_suppressions=0
check () {
  "$@" >"$tmp/out" 2>"$tmp/err"
  st=$?
  if [ $st -ne 0 ] || grep -Eq 'LeakSanitizer|AddressSanitizer|runtime error' "$tmp/err"; then
    echo "FAIL (exit $st): $*"
    sed 's/^/    | /' "$tmp/err" | head -40
    fail=1
  else
    echo "ok: $*"
  fi
}
check "$M" build -j1 -o "$tmp/out-build" "$src"/input/*.xml
check "$M" render "$noto" -o "$tmp/noto.pdf"
check "$b/tests/fuzz/replay-render" --ext=.fo "$src/tests/fuzz/corpus/render" "$src/tests/pdf"
check "$b/tests/fuzz/replay-build" --ext=.xml "$src/tests/fuzz/corpus/build" "$src/tests/data"
exit $fail

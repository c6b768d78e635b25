#!/bin/sh
# tests/layout/run-golden.sh: layout goldens.  Renders tests/layout/NAME.fo with
# `minutes render --dump-layout` and compares the dump with tests/layout/NAME.expected byte for
# byte, printing a unified diff on a mismatch.
#
#   run-golden.sh NAME...            check the named cases (all cases if none are named)
#   run-golden.sh --update NAME...   rewrite NAME.expected from the engine's current dump
#
# Only run --update after looking at the PNGs (pdftoppm -r 70 -png) and reading the dump: a
# golden of a wrong layout is a lie.  A case whose right layout the engine does not produce yet
# keeps a hand-written .expected and is marked should_fail in meson.build with the reason.
# Environment: MINUTES (the program; default build/minutes), SOURCE_ROOT (default: ../..).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=${SOURCE_ROOT:-$(cd "$here/../.." && pwd)}
minutes=${MINUTES:-$root/build/minutes}
update=0
if [ "${1:-}" = --update ]; then update=1; shift; fi
if [ $# -eq 0 ]; then
  set -- $(cd "$here" && ls *.expected 2>/dev/null | sed 's/\.expected$//')
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
for name in "$@"; do
  fo=$here/$name.fo
  if [ ! -f "$fo" ]; then echo "$name: no such case ($fo)"; failed=$((failed + 1)); continue; fi
  if ! "$minutes" render "$fo" -o "$tmp/$name.pdf" --dump-layout "$tmp/$name.dump" 2>"$tmp/$name.err"; then
    echo "$name: FAIL: minutes render exited with status $?:"; cat "$tmp/$name.err"
    failed=$((failed + 1)); continue
  fi
  if [ $update -eq 1 ]; then
    cp "$tmp/$name.dump" "$here/$name.expected" && echo "$name: updated $name.expected"
    continue
  fi
  if [ ! -f "$here/$name.expected" ]; then
    echo "$name: FAIL: no $name.expected; look at the rendered PNGs, then run $0 --update $name"
    failed=$((failed + 1)); continue
  fi
  if cmp -s "$here/$name.expected" "$tmp/$name.dump"; then
    echo "$name: ok"
  else
    echo "$name: FAIL: the layout differs from $name.expected:"
    diff -u "$here/$name.expected" "$tmp/$name.dump" | sed 's|'"$tmp"'/||'
    failed=$((failed + 1))
  fi
done
[ $failed -eq 0 ]

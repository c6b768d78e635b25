#!/bin/sh
# tests/data/expect-mismatch.sh: runs a round-trip that must FAIL and checks its report.
#   expect-mismatch.sh ROUNDTRIP EXPECTED-TEXT ARGS...
# Passes only when ROUNDTRIP exits 1 (not 0, not a crash or usage error) and its report
# contains EXPECTED-TEXT.
set -u
prog=$1 expected=$2
shift 2
out=$("$prog" "$@" 2>&1)
status=$?
printf '%s\n' "$out"
if [ "$status" -ne 1 ]; then
  echo "expect-mismatch: wanted exit status 1 (a mismatch), got $status" >&2
  exit 1
fi
case $out in
  *"$expected"*) exit 0 ;;
  *) echo "expect-mismatch: the report does not say: $expected" >&2; exit 1 ;;
esac

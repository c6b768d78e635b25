# tests/reliability/tally.sh: what the reliability checks share, sourced after $tmp is made.
#   ok / bad WHY: count the case named by $case, passed or failed (bad shows the first lines
#   of $tmp/err); tally NAME: the last line, "NAME: N passed, N failed", and the exit status.
pass=0 fail=0
bad () { fail=$((fail + 1)); echo "FAIL: $case: $*"; sed 's/^/    | /' "$tmp/err" 2>/dev/null | head -8; }
ok () { pass=$((pass + 1)); echo "ok: $case"; }
tally () { echo "$1: $pass passed, $fail failed"; [ $fail = 0 ]; }

#!/bin/sh
# tests/bench/generator.sh: bench/gen-session.xsl (the sessions bench/run and bench/scale time)
# makes sessions that validate, with the inquiries, agenda and Q&A counts it promises.
set -eu
: "${MINUTES:?}" "${SOURCE_ROOT:?}"
xsl="$SOURCE_ROOT/bench/gen-session.xsl"
seed="$SOURCE_ROOT/input/r03-1.xml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail () { echo "FAIL: $*"; exit 1; }
# count PATTERN FILE: occurrences of PATTERN (one element a match, not a line)
count () { grep -o "$1" "$2" | wc -l; }

seed_inq=$(count '<inquiry ' "$seed")
seed_qa=$(count '<question>' "$seed")
[ "$seed_inq" -ge 2 ] || fail "the seed has $seed_inq inquiries; the test needs at least 2"

# 1. times=3: every inquiry three times, numbered 1..3n in order; agenda likewise; valid.
xsltproc --param times 3 "$xsl" "$seed" >"$tmp/x3.xml"
[ "$(count '<inquiry ' "$tmp/x3.xml")" -eq $((3 * seed_inq)) ] || fail "x3: $(count '<inquiry ' "$tmp/x3.xml") inquiries, want $((3 * seed_inq))"
[ "$(count '<question>' "$tmp/x3.xml")" -eq $((3 * seed_qa)) ] || fail "x3: Q&A entries not tripled"
want=$(seq 1 $((3 * seed_inq)) | tr '\n' ' ')
# numbers N: the n attributes an XPath selects, space-separated
numbers () { xmllint --xpath "$1" "$2" | grep -o '[0-9][0-9]*' | tr '\n' ' '; }
got=$(numbers '/*/*[local-name()="inquiry"]/@n' "$tmp/x3.xml")
[ "$got" = "$want" ] || fail "x3: inquiries numbered '$got', want '$want'"
got=$(numbers '/*/*[local-name()="agenda"]/*/@n' "$tmp/x3.xml")
[ "$got" = "$want" ] || fail "x3: agenda numbered '$got', want '$want'"
"$MINUTES" validate "$tmp/x3.xml" || fail "x3 does not validate"

# 2. the generator's renumbering is what makes it valid: a copy with a number repeated is refused.
sed '0,/<inquiry n="2"/s//<inquiry n="1"/' "$tmp/x3.xml" >"$tmp/dup.xml"
if "$MINUTES" validate "$tmp/dup.xml" 2>/dev/null; then fail "a repeated inquiry number validated"; fi

# 3. variants: all valid, numbered from 1, meeting number = variant, sizes differ.
sizes=""
for v in 1 2 3 4 5 6 7 8 13 999; do
  xsltproc --param variant $v "$xsl" "$seed" >"$tmp/v$v.xml"
  grep -q "number=\"$v\"" "$tmp/v$v.xml" || fail "variant $v: meeting number not $v"
  n=$(count '<inquiry ' "$tmp/v$v.xml")
  [ "$n" -ge 1 ] && [ "$n" -le "$seed_inq" ] || fail "variant $v: $n inquiries"
  first=$(grep -o '<inquiry n="[0-9]*"' "$tmp/v$v.xml" | head -1)
  [ "$first" = '<inquiry n="1"' ] || fail "variant $v: first inquiry is $first"
  sizes="$sizes $(wc -c <"$tmp/v$v.xml")"
done
"$MINUTES" validate "$tmp"/v*.xml || fail "a variant does not validate"
[ "$(echo $sizes | tr ' ' '\n' | sort -u | wc -l)" -ge 5 ] || fail "variants barely differ: sizes$sizes"
echo "ok: times=3 and 10 variants validate"

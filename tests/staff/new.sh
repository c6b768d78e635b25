#!/bin/sh
# `minutes new`: the file it writes is valid against the schema, names the schema where an
# editor can find it, holds the council given (escaped), and marks with 「ここに記入」 exactly
# the places staff must fill; once those are filled the session is valid.  It never
# overwrites a file, and refuses bad names and missing folders with exit 2.
set -u
: "${MINUTES:?}" "${SOURCE_ROOT:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
failed=0
fail () { echo "FAIL: $*"; failed=1; }
xsd="$SOURCE_ROOT/schema/session.xsd"

# 1. A fresh file is schema-valid as it stands.
"$MINUTES" new plain.xml >out.txt 2>err.txt; rc=$?
[ $rc -eq 0 ] || fail "minutes new plain.xml exited $rc: $(cat err.txt)"
grep -q 'plain.xml' out.txt || fail "minutes new does not say which file it wrote"
xmllint --noout --nonet --schema "$xsd" plain.xml 2>xl.txt || fail "the new file is not schema-valid: $(cat xl.txt)"

# 2. The council is written as given, escaped; the rest still holds placeholders.
"$MINUTES" new --council '環境&<審議会>' council.xml >/dev/null || fail "minutes new --council failed"
got=$(xmllint --nonet --xpath 'string(/*[local-name()="session"]/*[local-name()="council"])' council.xml 2>&1)
[ "$got" = '環境&<審議会>' ] || fail "council is '$got', expected '環境&<審議会>'"
"$MINUTES" new --council= empty.xml >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && [ ! -e empty.xml ] || fail "--council with an empty name: exit $rc (expected 2, no file)"

# 3. The schema location resolves to the schema: a file: URI outside the data folder ...
loc=$(sed -n 's/.*xsi:schemaLocation="urn:minutes:session:1 \([^"]*\)".*/\1/p' plain.xml)
case "$loc" in
  file:///*) p=$(printf '%s' "${loc#file://}" | sed 's/%20/ /g'); cmp -s "$p" "$xsd" || fail "schemaLocation $loc is not the schema" ;;
  *) fail "outside the data folder, schemaLocation should be a file: URI, got '$loc'" ;;
esac
# ... and a relative path inside it (a checkout's input/ folder keeps ../schema/session.xsd).
inside=$(mktemp -d "$SOURCE_ROOT/tests/staff/.new-XXXXXX")
"$MINUTES" new "$inside/r.xml" >/dev/null || fail "minutes new inside the data folder failed"
loc=$(sed -n 's/.*xsi:schemaLocation="urn:minutes:session:1 \([^"]*\)".*/\1/p' "$inside/r.xml")
[ "$loc" = "../../../schema/session.xsd" ] || fail "inside tests/staff/X/, schemaLocation is '$loc', expected ../../../schema/session.xsd"
rm -rf "$inside"

# 4. Never overwrite; refuse a name without .xml and a missing folder; nothing is written.
echo 'precious' > kept.xml
"$MINUTES" new kept.xml >/dev/null 2>err.txt; rc=$?
[ $rc -eq 2 ] || fail "minutes new over an existing file exited $rc, expected 2"
[ "$(cat kept.xml)" = precious ] || fail "minutes new changed an existing file"
grep -q 'kept.xml' err.txt || fail "the refusal does not name the file"
"$MINUTES" new notes.txt >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && [ ! -e notes.txt ] || fail "a name without .xml: exit $rc, expected 2 and no file"
"$MINUTES" new no/such/dir.xml >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "a missing folder: exit $rc, expected 2"
"$MINUTES" new >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "no file: exit $rc, expected 2"
ls -a | grep -q '^\.plain' && fail "a temporary file was left behind"

# 5. The placeholders are text, outside comments, where the staff must write: the session's
#    title, council, date, an attendee, a material, an agenda entry, an inquiry's title, a
#    question, an answer, an opinion.
placeholders () { xmllint --nonet --xpath 'count(//text()[contains(., "ここに記入")])' "$1" 2>/dev/null; }
n=$(placeholders plain.xml)
[ "$n" = 10 ] || fail "expected 10 placeholders outside comments, got '$n'"
n=$(placeholders council.xml)
[ "$n" = 9 ] || fail "with --council, expected 9 placeholders, got '$n'"

# 6. Filled in, the session is schema-valid, with no placeholder left; `minutes validate` accepts it.
sed -e 's|<title>ここに記入</title>|<title>令和7年度第1回</title>|' \
    -e 's|<council>ここに記入</council>|<council>情報公開・個人情報保護審議会</council>|' \
    -e 's|<held-on iso="2000-01-01">ここに記入</held-on>|<held-on iso="2025-05-10">令和7年5月10日(土)</held-on>|' \
    -e '/^ *</s|ここに記入|本文|' plain.xml > filled.xml
[ "$(placeholders filled.xml)" = 0 ] || fail "the test's fill-in left a placeholder"
xmllint --noout --nonet --schema "$xsd" filled.xml 2>xl.txt || fail "the filled-in file is not schema-valid: $(cat xl.txt)"
"$MINUTES" validate filled.xml >v.txt 2>&1; rc=$?
if grep -q 'not available in this build yet' v.txt; then
  echo "note: minutes validate is not on this branch yet; the validator half of part 6 and 7 did not run"
else
  [ $rc -eq 0 ] || fail "the filled-in session is invalid (exit $rc): $(cat v.txt)"
  # 7. The fresh file: `minutes validate` fails, and every line it names holds a placeholder.
  #    (That every placeholder line is named is tests/staff/new-placeholders.sh.)
  "$MINUTES" validate plain.xml >v.txt 2>&1; rc=$?
  [ $rc -eq 1 ] || fail "minutes validate on a fresh file exited $rc, expected 1"
  want=" $(grep -n 'ここに記入' plain.xml | grep -v '^[0-9]*: *[^< ]' | cut -d: -f1 | tr '\n' ' ')"
  got=$(sed -n 's/^plain\.xml:\([0-9]*\): .*/\1/p' v.txt | sort -nu)
  [ -n "$got" ] || fail "minutes validate names no line of a fresh file: $(cat v.txt)"
  for l in $got; do
    case "$want" in *" $l "*) ;; *) fail "validate names line $l of a fresh file, which holds no placeholder: $(grep "plain.xml:$l:" v.txt)" ;; esac
  done
fi

# 8. The whole life: the filled-in session builds into minutes that hold what was written.
"$MINUTES" build filled.xml >b.txt 2>&1; rc=$?
if grep -q 'not available in this build yet' b.txt; then
  echo "note: minutes build is not on this branch yet; part 8 did not run"
else
  [ $rc -eq 0 ] || fail "minutes build of the filled-in session exited $rc: $(cat b.txt)"
  [ -s output/filled.pdf ] && [ -s output/filled.html ] || fail "no output/filled.pdf and output/filled.html"
  text=$(pdftotext -raw output/filled.pdf - 2>/dev/null | tr -d ' \n')
  for want in 令和7年度第1回 情報公開・個人情報保護審議会 令和7年5月10日 本文; do
    case "$text" in *"$want"*) ;; *) fail "the PDF of the filled-in session lacks '$want'" ;; esac
  done
fi
[ $failed -eq 0 ] && echo "ok"
exit $failed

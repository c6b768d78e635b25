#!/bin/sh
# tests/validate/run-golden.sh: `minutes validate` against its goldens.
#   fail-NN-what.xml      must exit 1, print nothing on stdout, and print exactly
#                         fail-NN-what.expected on stderr (LC_ALL=C.UTF-8, English);
#   fail-NN-what.ja.expected, if present: the same run with LANG=ja_JP.UTF-8;
#   valid-*.xml, input/*.xml  must exit 0 and print nothing;
# plus exit codes for unreadable files and usage, and the bombs' time limit.
# `sh run-golden.sh --update` rewrites the .expected files (review the diff!).
set -u
here=$(cd "$(dirname "$0")" && pwd)
M=${MINUTES:?set MINUTES to the minutes program}
src=${SOURCE_ROOT:-$here/../..}
update=0
[ "${1:-}" = "--update" ] && update=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok () { pass=$((pass + 1)); }
bad () { fail=$((fail + 1)); echo "FAIL: $*"; }

cd "$here"   # messages name files as given: fail-NN-what.xml

# 1. Invalid documents: exact diagnostics, exit 1, within 5 seconds (bombs included).
for x in fail-*.xml; do
  base=${x%.xml}
  LC_ALL=C.UTF-8 timeout 5 "$M" validate "$x" >"$tmp/out" 2>"$tmp/err"
  st=$?
  if [ $update = 1 ]; then cp "$tmp/err" "$base.expected"; fi
  if [ $st -ne 1 ]; then bad "$x: exit $st, want 1 (124 means it took over 5 s)"; cat "$tmp/err"; continue; fi
  if [ -s "$tmp/out" ]; then bad "$x: printed on stdout"; continue; fi
  if ! cmp -s "$tmp/err" "$base.expected"; then
    bad "$x: diagnostics differ from $base.expected"; diff "$base.expected" "$tmp/err"; continue
  fi
  ok
done

# 2. The same, in Japanese, where a .ja.expected exists.
for e in fail-*.ja.expected; do
  [ -e "$e" ] || continue
  x=${e%.ja.expected}.xml
  env -u LC_ALL -u LANGUAGE -u LC_MESSAGES LANG=ja_JP.UTF-8 timeout 5 "$M" validate "$x" >"$tmp/out" 2>"$tmp/err"
  st=$?
  if [ $update = 1 ]; then cp "$tmp/err" "$e"; fi
  if [ $st -ne 1 ]; then bad "$x (ja): exit $st, want 1"; continue; fi
  grep -q ': エラー: ' "$tmp/err" || { bad "$x (ja): no 「エラー」 in"; cat "$tmp/err"; continue; }
  if ! cmp -s "$tmp/err" "$e"; then bad "$x (ja): differs from $e"; diff "$e" "$tmp/err"; continue; fi
  ok
done

# 3. XXE and XInclude: the content of /etc/passwd never appears.
for x in fail-30-xxe.xml fail-41-xinclude.xml; do
  LC_ALL=C.UTF-8 "$M" validate -v "$x" >"$tmp/out" 2>&1
  if grep -q 'root:' "$tmp/out"; then bad "$x: the content of /etc/passwd leaked"; else ok; fi
done

# 4. Valid documents, ours and the sessions in input/: exit 0, silent; -v names them.
for x in valid-*.xml "$src"/input/*.xml; do
  [ -e "$x" ] || continue
  LC_ALL=C.UTF-8 "$M" validate "$x" >"$tmp/out" 2>&1
  st=$?
  if [ $st -ne 0 ] || [ -s "$tmp/out" ]; then bad "$x: exit $st, want 0 and no output"; cat "$tmp/out"; continue; fi
  LC_ALL=C.UTF-8 "$M" validate -v "$x" >"$tmp/out" 2>&1
  if [ "$(cat "$tmp/out")" != "$x: valid" ]; then bad "$x: -v printed '$(cat "$tmp/out")'"; continue; fi
  ok
done

# 5. Exit codes: unreadable file 2 (even with invalid ones), usage 2, help 0.
check_exit () {  # want, then the arguments
  want=$1; shift
  LC_ALL=C.UTF-8 "$M" validate "$@" >"$tmp/out" 2>"$tmp/err"
  st=$?
  if [ $st -eq "$want" ]; then ok; else bad "validate $*: exit $st, want $want"; cat "$tmp/err"; fi
}
check_exit 2 no-such-file.xml
grep -qx 'no-such-file.xml: error: cannot read the file (No such file or directory); check its name and permissions' "$tmp/err" \
  && ok || { bad "no-such-file.xml: message"; cat "$tmp/err"; }
check_exit 1 valid-01-minimal.xml fail-05-missing-council.xml
check_exit 2 valid-01-minimal.xml no-such-file.xml fail-05-missing-council.xml
grep -c ': error: ' "$tmp/err" | grep -qx 2 && ok || { bad "both errors of a mixed run"; cat "$tmp/err"; }
check_exit 0 valid-01-minimal.xml valid-05-everything.xml
check_exit 2
check_exit 2 --frobnicate valid-01-minimal.xml
check_exit 2 .
check_exit 0 --help
grep -q '^Usage: minutes validate' "$tmp/out" && ok || bad "--help prints no usage"

# 6. A file over the size limit (32 MB) is refused before parsing, as invalid input.
truncate -s 33M "$tmp/huge.xml"
check_exit 1 "$tmp/huge.xml"
grep -q 'error: the file is larger than 32 MB' "$tmp/err" && ok || { bad "huge file: message"; cat "$tmp/err"; }

# 7. A broken schema is a broken installation: exit 3, our words only (no libxml2 English).
mkdir -p "$tmp/data/schema"
printf '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n<xs:element name="a">\n</xs:schema>\n' \
  >"$tmp/data/schema/session.xsd"
LC_ALL=C.UTF-8 "$M" --data-dir "$tmp/data" validate valid-01-minimal.xml >"$tmp/out" 2>"$tmp/err"
st=$?
if [ $st -eq 3 ] && ! grep -v ': error: the schema cannot be compiled (' "$tmp/err" | grep -q .; then ok
else bad "broken schema: exit $st (want 3), or a line not in our words:"; cat "$tmp/err"; fi

# 8. From another folder, with an absolute path (the schema is not looked up in ".").
(cd "$tmp" && LC_ALL=C.UTF-8 "$M" validate "$here/valid-05-everything.xml" >/dev/null 2>&1) && ok \
  || bad "validate from another folder"

echo "validate goldens: $pass passed, $fail failed"
[ $fail -eq 0 ]

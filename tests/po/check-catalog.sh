#!/bin/sh
# The Japanese catalog is complete: every message in the sources is translated, none fuzzy,
# every source file is listed in po/POTFILES, and msgfmt accepts the catalog with its checks.
set -eu
src=${SOURCE_ROOT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

for f in "$src"/src/*.c "$src"/src/*/*.c; do
  [ -e "$f" ] || continue
  rel=${f#"$src"/}
  grep -qx "$rel" "$src/po/POTFILES" || { echo "po/POTFILES lacks $rel"; fail=1; }
done

cd "$src"
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ -o "$tmp/minutes.pot" -f po/POTFILES
msgmerge --quiet --no-fuzzy-matching -o "$tmp/ja.po" po/ja.po "$tmp/minutes.pot"
untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/ja.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/ja.po" | grep -c '^msgid ' || true)
# msgattrib prints the header entry too when it prints anything.
[ "$untranslated" -le 1 ] || { echo "untranslated messages in po/ja.po:"; msgattrib --untranslated --no-obsolete "$tmp/ja.po" | grep -A1 '^msgid ' | head -40; fail=1; }
[ "$fuzzy" -le 1 ] || { echo "fuzzy messages in po/ja.po:"; msgattrib --only-fuzzy --no-obsolete "$tmp/ja.po" | grep -A1 '^msgid ' | head -40; fail=1; }
msgfmt --check --check-format -o /dev/null po/ja.po || fail=1
exit $fail

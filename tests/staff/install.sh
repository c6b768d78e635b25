#!/bin/sh
# `meson install` into a fresh DESTDIR gives a `minutes` that works from any folder: it finds
# its installed schema, stylesheets, template, fonts and Japanese messages (never the source
# tree), and the man pages and the bash completion are where man and bash look for them.
set -u
: "${MINUTES:?}" "${SOURCE_ROOT:?}" "${BUILD_ROOT:?}"
tmp=$(mktemp -d /tmp/minutes-install-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail () { echo "FAIL: $*"; failed=1; }

meson install -C "$BUILD_ROOT" --no-rebuild --quiet --destdir "$tmp/root" >"$tmp/log" 2>&1 \
  || { cat "$tmp/log"; echo "FAIL: meson install"; exit 1; }
bin=$(find "$tmp/root" -path '*/bin/minutes' -type f | head -1)
[ -x "$bin" ] || { echo "FAIL: no bin/minutes installed"; exit 1; }
prefix=${bin%/bin/minutes}
share=$prefix/share
data=$share/minutes

# 1. What is installed.
for f in schema/session.xsd templates/session.xml fonts/MANIFEST fonts/fetch; do
  [ -f "$data/$f" ] || fail "share/minutes/$f is not installed"
done
[ -x "$data/fonts/fetch" ] || fail "share/minutes/fonts/fetch is not executable"
for f in $(grep -v '^#' "$SOURCE_ROOT/fonts/MANIFEST" | awk 'NF >= 2 { print $2 }'); do
  if [ -f "$SOURCE_ROOT/fonts/$f" ]; then
    cmp -s "$SOURCE_ROOT/fonts/$f" "$data/fonts/$f" || fail "the pinned font $f is not installed (or differs)"
  fi
done
if [ -d "$SOURCE_ROOT/xsl" ]; then
  for f in $(cd "$SOURCE_ROOT" && find xsl -type f); do
    cmp -s "$SOURCE_ROOT/$f" "$data/$f" || fail "share/minutes/$f is not installed"
  done
fi
[ -f "$share/locale/ja/LC_MESSAGES/minutes.mo" ] || fail "the Japanese catalog is not installed"
[ -f "$share/man/man1/minutes.1" ] || fail "man/man1/minutes.1 is not installed"
[ -f "$share/man/ja/man1/minutes.1" ] || fail "man/ja/man1/minutes.1 is not installed"
[ -f "$share/bash-completion/completions/minutes" ] || fail "the bash completion is not installed"

# The man pages name this installation's data folder.
for page in "$share/man/man1/minutes.1" "$share/man/ja/man1/minutes.1"; do
  grep -q "${data#"$tmp/root"}" "$page" || fail "${page#"$tmp"/root} does not name the data folder ${data#"$tmp/root"}"
done

# 2. The man pages read: man renders both with no line it cannot break (Japanese included).
for page in "$share/man/man1/minutes.1" "$share/man/ja/man1/minutes.1"; do
  out=$(MANWIDTH=80 man -l "$page" 2>&1 >"$tmp/man.txt")
  [ -z "$out" ] || fail "man -l ${page#"$tmp"/root} warns: $out"
  grep -q 'minutes new' "$tmp/man.txt" || fail "${page#"$tmp"/root} does not render"
done
grep -q '使い方\|書式' "$tmp/man.txt" || fail "the Japanese man page has no Japanese"
# man finds the Japanese page by language (as `man -L ja minutes`, or LANG=ja_JP.UTF-8 where
# that locale is installed), the English one otherwise.
MANWIDTH=80 MANPATH="$share/man" man -L ja minutes 2>/dev/null | grep -q '書式' || fail "man -L ja minutes does not show the Japanese page"
MANWIDTH=80 MANPATH="$share/man" LC_ALL=C.UTF-8 man minutes 2>/dev/null | grep -q 'SYNOPSIS' || fail "man minutes does not show the English page"

# 3. From an unrelated folder, with no hint where the data is.
mkdir "$tmp/elsewhere" && cd "$tmp/elsewhere" || exit 1
run () { env -u MINUTES_DATA_DIR "$bin" "$@"; }
run --version >/dev/null || fail "installed minutes --version fails"
run new s.xml >/dev/null 2>"$tmp/err" || fail "installed minutes new fails: $(cat "$tmp/err")"
loc=$(sed -n 's/.*xsi:schemaLocation="urn:minutes:session:1 file:\/\/\([^"]*\)".*/\1/p' s.xml)
[ "$loc" = "$data/schema/session.xsd" ] || fail "the installed minutes took its data from '$loc', not from $data"
if [ -f "$SOURCE_ROOT/input/r03-1.xml" ]; then
  cp "$SOURCE_ROOT/input/r03-1.xml" .
  run validate r03-1.xml >"$tmp/v" 2>&1; rc=$?
  if grep -q 'not available in this build yet' "$tmp/v"; then echo "note: validate not on this branch"
  else [ $rc -eq 0 ] || fail "installed minutes validate r03-1.xml exited $rc: $(head -3 "$tmp/v")"; fi
  run build r03-1.xml >"$tmp/b" 2>&1; rc=$?
  if grep -q 'not available in this build yet' "$tmp/b"; then echo "note: build not on this branch"
  else
    [ $rc -eq 0 ] || fail "installed minutes build r03-1.xml exited $rc: $(head -3 "$tmp/b")"
    [ -s output/r03-1.pdf ] || fail "installed minutes build wrote no output/r03-1.pdf"
  fi
fi

# 4. Japanese from LANG, even without the ja_JP locale installed.
env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=ja_JP.UTF-8 "$bin" --help >"$tmp/ja" 2>&1 || fail "installed minutes --help fails in Japanese"
grep -q '使い方' "$tmp/ja" || fail "LANG=ja_JP.UTF-8 minutes --help is not Japanese: $(head -1 "$tmp/ja")"
env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=ja_JP.UTF-8 "$bin" new s.xml >/dev/null 2>"$tmp/ja"
grep -q 'エラー' "$tmp/ja" || fail "a Japanese error is not Japanese: $(cat "$tmp/ja")"

# 5. The completion, installed, completes.
got=$(bash -c '. "$0"; COMP_WORDS=(minutes wa); COMP_CWORD=1; _minutes; echo "${COMPREPLY[*]}"' "$share/bash-completion/completions/minutes")
[ "$got" = watch ] || fail "the installed completion completes 'minutes wa' to '$got'"

[ $failed -eq 0 ] && echo "ok: installed under $prefix, works from $tmp/elsewhere"
exit $failed

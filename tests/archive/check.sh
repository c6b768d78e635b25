#!/bin/sh
# tests/archive/check.sh CASE: one test of the archive side of `minutes build` (issue 7).
# Environment (from tests/meson.build): MINUTES, SOURCE_ROOT.  Prints what it checked and exits
# 0 (pass) or 1 (fail).
set -u
case_name=$1
src=${SOURCE_ROOT:?}
minutes=${MINUTES:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*"; exit 1; }

# A folder of sessions: the seed and the session using every construct (fast to build).
sessions() {
  mkdir -p "$tmp/a/sessions"
  cp "$src/input/r03-1.xml" "$src/tests/build/input/all-constructs.xml" "$tmp/a/sessions/"
}
build() { (cd "$tmp/a" && "$minutes" build "$@"); }

case $case_name in

jobs-identical)
  # The same folder built with one job and with two: every output byte-identical, index.html
  # and SHA256SUMS included.
  sessions
  cp "$src/input/r07-1-kugikai-excerpt.xml" "$tmp/a/sessions/"
  build -j1 -o out1 sessions >/dev/null || fail "build -j1 failed"
  build -j 2 -o out2 sessions/ >/dev/null || fail "build -j 2 failed"
  for f in r03-1.pdf r03-1.html all-constructs.pdf r07-1-kugikai-excerpt.pdf index.html SHA256SUMS; do
    [ -s "$tmp/a/out1/$f" ] || fail "-j1 did not write $f"
  done
  diff -r "$tmp/a/out1" "$tmp/a/out2" || fail "-j1 and -j2 outputs differ"
  echo "ok: $(ls "$tmp/a/out1" | wc -l) files identical"
  ;;

broken-session)
  # One session of three is broken: the two others are built, the broken one is listed at the
  # end, the exit status is 1, and every line of the diagnostics is whole.
  sessions
  cp "$src/input/r07-1-kugikai-excerpt.xml" "$tmp/a/sessions/"
  sed -i '20s/$/<oops>/' "$tmp/a/sessions/r03-1.xml"
  build -j2 -o out sessions >"$tmp/out" 2>"$tmp/err"
  status=$?
  cat "$tmp/err"
  [ $status -eq 1 ] || fail "exit status $status, expected 1"
  for f in all-constructs r07-1-kugikai-excerpt; do
    [ -s "$tmp/a/out/$f.pdf" ] && [ -s "$tmp/a/out/$f.html" ] || fail "$f was not built"
  done
  [ -e "$tmp/a/out/r03-1.pdf" ] && fail "the broken session has a PDF"
  grep -q '^sessions/r03-1.xml:[0-9][0-9]*: error: ' "$tmp/err" || fail "no FILE:LINE: diagnostic"
  tail -2 "$tmp/err" | head -1 | grep -q '^minutes: error: .*1 .*3' || fail "no summary of the failures at the end"
  [ "$(tail -1 "$tmp/err")" = "  sessions/r03-1.xml" ] || fail "the failed session is not listed last"
  # whole lines only: each one is a diagnostic or a listed failure
  grep -v -e '^sessions/[^ ]*: ' -e '^minutes: error: ' -e '^  sessions/' "$tmp/err" && fail "a line that is not whole"
  grep -q 'index.html' "$tmp/out" || fail "no index"
  echo "ok"
  ;;

sums)
  # output/SHA256SUMS: sha256sum -c accepts it, sorted by name, one line for every PDF and HTML.
  sessions
  build -o out sessions >/dev/null || fail "build failed"
  (cd "$tmp/a/out" && sha256sum -c --strict SHA256SUMS) || fail "sha256sum -c"
  (cd "$tmp/a/out" && ls -1 *.pdf *.html | LC_ALL=C sort) >"$tmp/want"
  awk '{print $2}' "$tmp/a/out/SHA256SUMS" >"$tmp/got"
  diff "$tmp/want" "$tmp/got" || fail "SHA256SUMS does not list exactly the PDF and HTML files, sorted"
  grep -qx '[0-9a-f]\{64\}  index.html' "$tmp/a/out/SHA256SUMS" || fail "index.html not covered"
  ls -A "$tmp/a/out" | grep -vx '.summaries' | grep '^\.' && fail "a temporary file was left"
  # the sums follow the files: a changed file, rebuilt, is recorded anew
  echo '<!-- extra -->' >>"$tmp/a/out/r03-1.html"
  build -o out sessions >/dev/null || fail "rebuild failed"
  (cd "$tmp/a/out" && sha256sum -c --quiet SHA256SUMS) || fail "sha256sum -c after a rebuild"
  echo "ok"
  ;;

check)
  # --check passes on a fresh build (one line, exit 0) and leaves the folder as it was; after a
  # byte of a PDF changes it fails with exit 1 and names that file.
  sessions
  build -o out sessions >/dev/null || fail "build failed"
  cp -r "$tmp/a/out" "$tmp/before"
  build --check -o out sessions >"$tmp/out" 2>"$tmp/err"
  status=$?
  cat "$tmp/out" "$tmp/err"
  [ $status -eq 0 ] || fail "--check on a fresh build: exit $status"
  [ "$(wc -l <"$tmp/out")" -eq 1 ] || fail "--check said more than one line"
  grep -q '5' "$tmp/out" || fail "the summary does not count the 5 files"
  [ -s "$tmp/err" ] && fail "--check on a fresh build complained"
  diff -r "$tmp/before" "$tmp/a/out" || fail "--check changed the output folder"
  # one byte of the seed's PDF
  size=$(stat -c %s "$tmp/a/out/r03-1.pdf")
  byte=$(dd if="$tmp/a/out/r03-1.pdf" bs=1 skip=$((size / 2)) count=1 2>/dev/null | od -An -tx1 | tr -d ' ')
  if [ "$byte" = 41 ]; then new=B; else new=A; fi
  printf '%s' "$new" | dd of="$tmp/a/out/r03-1.pdf" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
  cmp -s "$tmp/before/r03-1.pdf" "$tmp/a/out/r03-1.pdf" && fail "the byte was not changed"
  build --check -o out sessions >"$tmp/out" 2>"$tmp/err"
  status=$?
  cat "$tmp/out" "$tmp/err"
  [ $status -eq 1 ] || fail "--check after a changed byte: exit $status, expected 1"
  grep -q '^out/r03-1.pdf: error: ' "$tmp/err" || fail "the changed PDF is not named"
  [ "$(grep -c ': error: ' "$tmp/err")" -eq 1 ] || fail "other files were reported too"
  # a recorded sum that no longer matches what the sessions make is caught as well
  cp "$tmp/before/r03-1.pdf" "$tmp/a/out/r03-1.pdf"
  sed -i 's/令和3年度第1回/令和3年度第2回/' "$tmp/a/sessions/r03-1.xml"
  build --check -o out sessions >/dev/null 2>"$tmp/err"
  [ $? -eq 1 ] || fail "--check after the session changed: not exit 1"
  grep -q '^out/r03-1.pdf: error: ' "$tmp/err" || fail "the PDF of the changed session is not named"
  echo "ok"
  ;;

pdf-records-source)
  # The PDF names what made it: its keywords carry the sha256 of the session file, its creator
  # the program and its version.
  sessions
  build -o out sessions/r03-1.xml >/dev/null || fail "build failed"
  sum=$(sha256sum "$tmp/a/sessions/r03-1.xml" | cut -d' ' -f1)
  version=$("$minutes" --version | awk '{print $2}')
  pdfinfo "$tmp/a/out/r03-1.pdf" >"$tmp/info" || fail "pdfinfo failed"
  grep -E '^(Keywords|Creator):' "$tmp/info"
  grep -q "^Keywords: .*source-sha256:$sum\$" "$tmp/info" || fail "the keywords lack source-sha256:$sum"
  grep -q "^Creator: *minutes $version\$" "$tmp/info" || fail "the creator is not minutes $version"
  echo "ok"
  ;;

*)
  fail "unknown case $case_name"
  ;;
esac

#!/bin/sh
# tests/archive/check.sh CASE: one test of the archive side of `minutes build` (issues 7, 17).
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
# The same under a Japanese locale.
build_ja() { (cd "$tmp/a" && env -u LC_ALL -u LANGUAGE LANG=ja_JP.UTF-8 "$minutes" build "$@"); }

# Five sessions whose names fall in each of 3 shards (1: r04-2; 2: r03-1, r07-1-kugikai-excerpt;
# 3: all-constructs, r04-1 — the sha256 of the name, README "For archivists"): the seed, the
# excerpt, the session using every construct and two variants of it (other numbers, so every
# session's files differ).
five_sessions() {
  sessions
  cp "$src/input/r07-1-kugikai-excerpt.xml" "$tmp/a/sessions/"
  for k in 1 2; do
    n=$((k + 3))
    sed -e "s/令和6年度第3回/令和6年度第${n}回/" -e "s/number=\"3\"/number=\"$n\"/" \
      "$src/tests/build/input/all-constructs.xml" >"$tmp/a/sessions/r04-$k.xml"
  done
}

# The shard of session NAME of N, as README "For archivists" computes it in a shell.
shard_of() { echo $(( 0x$(printf %s "$1" | sha256sum | cut -c1-8) % $2 + 1 )); }

# Run GNU parallel with its files under $tmp, never in the user's home.
gnu_parallel() { HOME=$tmp PARALLEL_HOME=$tmp/.parallel parallel "$@"; }

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
  # only published files are recorded: a page no session makes is not, even when it is in the
  # folder at build time (the index does not list it), nor is the hidden .summaries/
  echo '<html></html>' >"$tmp/a/out/r99-fake.html"
  cp "$tmp/a/out/r03-1.pdf" "$tmp/a/out/r99-fake.pdf"
  build -o out sessions >/dev/null || fail "build with a stray file failed"
  grep -e r99-fake -e summaries "$tmp/a/out/SHA256SUMS" && fail "a file no session makes was recorded"
  [ "$(wc -l <"$tmp/a/out/SHA256SUMS")" -eq 5 ] || fail "SHA256SUMS does not have 5 lines"
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

check-names-each)
  # --check names each file that is not as published, each on its own line, with exit 1: a
  # deleted file, an unlisted file added to the folder and a changed file, one at a time and
  # all three at once; in English and in Japanese.
  sessions
  build -o out sessions >/dev/null || fail "build failed"
  cp -r "$tmp/a/out" "$tmp/before"
  restore() { rm -rf "$tmp/a/out"; cp -r "$tmp/before" "$tmp/a/out"; }
  # check_once DESCRIPTION COUNT [PATTERN]: --check exits 1 with COUNT errors, one matching
  # PATTERN, and nothing else; then the folder is restored
  check_once() {
    build --check -o out sessions >"$tmp/out" 2>"$tmp/err"
    status=$?
    cat "$tmp/err"
    [ $status -eq 1 ] || fail "--check with $1: exit $status, expected 1"
    [ "$(grep -c ': error: ' "$tmp/err")" -eq "$2" ] || fail "--check with $1: not $2 errors"
    [ -s "$tmp/out" ] && fail "--check with $1 said all match"
    grep -v ': error: ' "$tmp/err" && fail "--check with $1: a line that is not an error"
    [ -z "${3:-}" ] || grep -q -- "$3" "$tmp/err" || fail "--check with $1: the file is not named ('$3')"
    [ -z "${3:-}" ] || restore
    return 0
  }
  rm "$tmp/a/out/r03-1.pdf"
  check_once "a deleted file" 1 '^out/r03-1.pdf: error: missing: '
  rm "$tmp/a/out/index.html"
  check_once "index.html deleted" 1 '^out/index.html: error: missing: '
  echo '<html></html>' >"$tmp/a/out/r99-fake.html"
  check_once "an added file" 1 '^out/r99-fake.html: error: unlisted: '
  mkdir "$tmp/a/out/extra"
  check_once "an added folder" 1 '^out/extra: error: unlisted: '
  sed -i 's/<\/body>/<p>added<\/p><\/body>/' "$tmp/a/out/all-constructs.html"
  cmp -s "$tmp/before/all-constructs.html" "$tmp/a/out/all-constructs.html" && fail "the page was not changed"
  check_once "a changed file" 1 '^out/all-constructs.html: error: its bytes differ '
  sed -i 's/<\/body>/<p>added<\/p><\/body>/' "$tmp/a/out/all-constructs.html"
  # all three at once: three lines, one a file
  rm "$tmp/a/out/r03-1.pdf"
  echo '<html></html>' >"$tmp/a/out/r99-fake.html"
  check_once "three problems" 3
  for f in r03-1.pdf r99-fake.html all-constructs.html; do
    [ "$(grep -c "^out/$f: error: " "$tmp/err")" -eq 1 ] || fail "$f is not named once"
  done
  # the same in Japanese
  build_ja --check -o out sessions >"$tmp/out" 2>"$tmp/err"
  status=$?
  cat "$tmp/err"
  [ $status -eq 1 ] || fail "--check in Japanese: exit $status, expected 1"
  [ "$(grep -c ': エラー: ' "$tmp/err")" -eq 3 ] || fail "--check in Japanese: not 3 errors"
  grep -q '^out/r03-1.pdf: エラー: 見つかりません: ' "$tmp/err" || fail "Japanese: the deleted file is not named"
  grep -q '^out/r99-fake.html: エラー: 記録にないファイル: ' "$tmp/err" || fail "Japanese: the added file is not named"
  grep -q '^out/all-constructs.html: エラー: 内容が .*一致しません' "$tmp/err" || fail "Japanese: the changed file is not named"
  # the hidden summaries are not published: --check does not look at them
  restore
  echo x >>"$tmp/a/out/.summaries/r03-1.xml"
  build --check -o out sessions >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; fail "--check looked at .summaries/"; }
  echo "ok"
  ;;

shard-parallel)
  # The recipe of README "For archivists" on one machine (the same commands, `minutes` being
  # $minutes): GNU parallel runs the 3 shards at once, each into its own folder; the folders
  # are gathered with rsync into one; the merge
  # writes the index and the sums.  Every file, SHA256SUMS and index.html included (and the
  # hidden summaries), is byte-identical to a build in one process.  The same with the shards
  # writing into one shared folder.  Then the merge refuses an incomplete set.
  command -v parallel >/dev/null || fail "GNU parallel is not installed (tools/packages.txt)"
  command -v rsync >/dev/null || fail "rsync is not installed (tools/packages.txt)"
  five_sessions
  build -o single sessions >/dev/null || fail "the build in one process failed"
  (cd "$tmp/a" && seq 3 | gnu_parallel -j 3 "'$minutes' build -j 1 --shard {}/3 -o shard-{} sessions") \
    >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "a shard failed"; }
  # the shards are a partition of the sessions, by the documented formula
  for f in "$tmp"/a/sessions/*.xml; do
    n=$(basename "$f" .xml)
    k=$(shard_of "$n" 3)
    found=$(cd "$tmp/a" && ls shard-*/"$n.pdf" 2>/dev/null)
    [ "$found" = "shard-$k/$n.pdf" ] || fail "$n: built as '$found', expected in shard-$k only"
  done
  for k in 1 2 3; do
    ls "$tmp/a/shard-$k"/*.pdf >/dev/null 2>&1 || fail "shard $k built nothing: the test proves less"
    [ -e "$tmp/a/shard-$k/index.html" ] || [ -e "$tmp/a/shard-$k/SHA256SUMS" ] && fail "shard $k wrote the index or the sums"
    (cd "$tmp/a/shard-$k" && sha256sum -c --quiet --strict "SHA256SUMS.$k-of-3") || fail "sha256sum -c of part $k"
  done
  mkdir "$tmp/a/published"
  for k in 1 2 3; do rsync -a "$tmp/a/shard-$k/" "$tmp/a/published/" || fail "rsync"; done
  cp -r "$tmp/a/published" "$tmp/gathered"
  build --merge -o published sessions >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "the merge failed"; }
  cat "$tmp/out"
  diff -r "$tmp/a/single" "$tmp/a/published" || fail "the merged folder differs from the build in one process"
  cmp "$tmp/a/single/SHA256SUMS" "$tmp/a/published/SHA256SUMS" || fail "SHA256SUMS differs"
  cmp "$tmp/a/single/index.html" "$tmp/a/published/index.html" || fail "index.html differs"
  for f in "$tmp"/a/sessions/*.xml; do
    grep -q "href=\"$(basename "$f" .xml).pdf\"" "$tmp/a/published/index.html" || fail "the index does not link $f"
  done
  build --check -o published sessions >/dev/null || fail "--check of the merged folder"
  # one shared folder instead of rsync
  (cd "$tmp/a" && seq 3 | gnu_parallel -j 3 "'$minutes' build -j 1 --shard {}/3 -o shared sessions") \
    >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "a shard into the shared folder failed"; }
  build --merge -o shared sessions >/dev/null || fail "the merge of the shared folder failed"
  diff -r "$tmp/a/single" "$tmp/a/shared" || fail "the shared folder differs from the build in one process"

  # The merge refuses an incomplete set, names what is wrong, and writes nothing.
  # merge_refuses DESCRIPTION PATTERN: the merge of $tmp/a/bad fails with exit 1, an error line
  # matching PATTERN, and neither index.html nor SHA256SUMS.
  merge_refuses() {
    build --merge -o bad sessions >"$tmp/out" 2>"$tmp/err"
    status=$?
    cat "$tmp/err"
    [ $status -eq 1 ] || fail "merge with $1: exit $status, expected 1"
    grep -q -- "$2" "$tmp/err" || fail "merge with $1: no error matching '$2'"
    grep -v ': error: ' "$tmp/err" && fail "merge with $1: a line that is not an error"
    [ -e "$tmp/a/bad/index.html" ] || [ -e "$tmp/a/bad/SHA256SUMS" ] && fail "merge with $1 wrote the index or the sums"
    rm -rf "$tmp/a/bad"
    return 0
  }
  fresh_bad() { cp -r "$tmp/gathered" "$tmp/a/bad"; }
  fresh_bad; rm "$tmp/a/bad/SHA256SUMS.2-of-3"
  merge_refuses "a part missing" '^bad/SHA256SUMS.2-of-3: error: this part is missing: build shard 2 of 3'
  fresh_bad; cp "$tmp/a/bad/SHA256SUMS.1-of-3" "$tmp/a/bad/SHA256SUMS.1-of-2"
  merge_refuses "parts of two shardings" '^bad/SHA256SUMS.1-of-2: error: this part is of a build in 2 shards, but SHA256SUMS.1-of-3'
  fresh_bad; grep r03-1 "$tmp/a/bad/SHA256SUMS.2-of-3" >>"$tmp/a/bad/SHA256SUMS.3-of-3"
  merge_refuses "a session in two parts" '^bad/SHA256SUMS.3-of-3:[0-9]*: error: session r03-1 belongs to shard 2 of 3'
  fresh_bad; rm "$tmp/a/bad/r04-1.pdf"
  merge_refuses "a file not gathered" '^bad/r04-1.pdf: error: this file of shard 3 is not in the folder'
  fresh_bad; rm -r "$tmp/a/bad/.summaries"
  merge_refuses "the summaries not gathered" '^bad/.summaries/r04-2.xml: error: this file of shard 1'
  fresh_bad; touch "$tmp/a/bad/SHA256SUMS.4-of-3"
  merge_refuses "a part of no shard" '^bad/SHA256SUMS.4-of-3: error: not the name of a part'
  mkdir "$tmp/a/bad"
  merge_refuses "no part at all" '^bad: error: this folder holds no part'
  # a session its shard could not build: the shard fails, and so does the merge
  cp -r "$tmp/a/sessions" "$tmp/a/broken"
  sed -i 's|</session>|</sesion>|' "$tmp/a/broken/r07-1-kugikai-excerpt.xml"
  (cd "$tmp/a" && seq 3 | gnu_parallel -j 3 "'$minutes' build -j 1 --shard {}/3 -o bad broken") >/dev/null 2>&1 \
    && fail "parallel did not report the failed shard"
  build --merge -o bad broken >"$tmp/out" 2>"$tmp/err"
  status=$?
  cat "$tmp/err"
  [ $status -eq 1 ] || fail "merge after a failed session: exit $status"
  grep -q '^broken/r07-1-kugikai-excerpt.xml: error: shard 2 of 3 did not build this session' "$tmp/err" \
    || fail "the session not built is not named"
  [ "$(grep -c ': error: ' "$tmp/err")" -eq 1 ] || fail "more than the failed session reported"
  [ -e "$tmp/a/bad/index.html" ] && fail "merge after a failed session wrote the index"
  echo "ok: 3 shards merged, $(ls -A "$tmp/a/published" | wc -l) entries byte-identical"
  ;;

shard-options)
  # --shard K/N out of range or misspelt, and --check/--shard/--merge together, are refused with
  # exit 2 before anything is built; the messages in Japanese too.
  sessions
  for bad in 0/3 4/3 3 1/0 a/3 1/3x 01/3 1/03 -1/3 1/10001 2/ /2; do
    build --shard "$bad" -o out sessions >/dev/null 2>"$tmp/err"
    status=$?
    [ $status -eq 2 ] || fail "--shard $bad: exit $status, expected 2"
    grep -q "^minutes build: --shard needs K/N, .*not '$bad'" "$tmp/err" || { cat "$tmp/err"; fail "--shard $bad: no clear message"; }
  done
  build_ja --shard 4/3 -o out sessions 2>"$tmp/err"
  grep -q '^minutes build: --shard には K/N' "$tmp/err" || { cat "$tmp/err"; fail "no Japanese message"; }
  for combo in "--check --merge" "--check --shard 1/2" "--shard 1/2 --merge"; do
    # shellcheck disable=SC2086
    build $combo -o out sessions >/dev/null 2>"$tmp/err"
    status=$?
    [ $status -eq 2 ] || fail "$combo: exit $status, expected 2"
    grep -q '^minutes build: --check, --shard and --merge are three different builds' "$tmp/err" || fail "$combo: no message"
  done
  [ -e "$tmp/a/out" ] && fail "a refused command line wrote something"
  # --shard 1/1 is the whole, and its merge the build in one process
  build -o single sessions >/dev/null || fail "build failed"
  build --shard 1/1 -o whole sessions >/dev/null || fail "--shard 1/1 failed"
  build --merge -o whole sessions >/dev/null || fail "--merge of 1/1 failed"
  diff -r "$tmp/a/single" "$tmp/a/whole" || fail "--shard 1/1 merged differs from the build in one process"
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

#!/bin/sh
# tests/build/check.sh CASE [ARGS]: one test of `minutes build` / `minutes fo` (see meson.build).
# Environment (from tests/meson.build): MINUTES, SOURCE_ROOT, BUILD_ROOT; TEXTCHECK is the
# textcheck program.  Each case prints what it checked and exits 0 (pass) or 1 (fail).
set -u
case_name=$1
shift
src=${SOURCE_ROOT:?}
minutes=${MINUTES:?}
seed_txt=$src/tests/data/sources/r03-1.seed.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*"; exit 1; }

# A project folder holding input/ with the given sessions; `minutes build` runs inside it.
project() {
  mkdir -p "$tmp/p/input"
  for f in "$@"; do cp "$f" "$tmp/p/input/"; done
}
build() { (cd "$tmp/p" && "$minutes" build "$@"); }

case $case_name in

seed-pdf-text)
  # Every character of the seed, in order, in the PDF's text read in the order of its
  # structure: reading-order.py checks each page's text (pdftotext -raw) against the layout
  # dump of the same session and reads a table cell split over two pages whole, as the
  # structure tree's one TD per cell has it (pdftotext -raw alone gives each page's part of the
  # question, then its part of the answer).  --strict: the FO stays inside the engine's subset
  # (anything outside it would be an error).
  project "$src/input/r03-1.xml"
  build --strict >/dev/null || fail "minutes build --strict failed"
  (cd "$tmp/p" && "$minutes" fo --source-lines input/r03-1.xml -o "$tmp/r03-1.fo") || fail "minutes fo failed"
  "$minutes" render "$tmp/r03-1.fo" -o "$tmp/r03-1.pdf" --dump-layout "$tmp/r03-1.dump" 2>/dev/null \
    || fail "minutes render failed"
  python3 "$src/tests/build/reading-order.py" "$tmp/p/output/r03-1.pdf" "$tmp/r03-1.dump" >"$tmp/r03-1.txt" \
    || fail "the PDF's text in reading order"
  "${TEXTCHECK:?}" "$seed_txt" --text "$tmp/r03-1.txt" || fail "text of the PDF"
  ;;

seed-html-text)
  project "$src/input/r03-1.xml"
  build >/dev/null || fail "minutes build failed"
  "${TEXTCHECK:?}" "$seed_txt" --html "$tmp/p/output/r03-1.html" || fail "text of the HTML"
  ;;

textcheck-can-fail)
  # The checker itself: one character removed from the HTML's text must be reported.
  project "$src/input/r03-1.xml"
  build >/dev/null || fail "minutes build failed"
  if "${TEXTCHECK:?}" --drop-char 3000 "$seed_txt" --html "$tmp/p/output/r03-1.html" 2>"$tmp/err"; then
    fail "a dropped character went unnoticed"
  fi
  grep -q "first missing run" "$tmp/err" || fail "no report of the missing run"
  cat "$tmp/err"
  ;;

html-tidy)
  # Every page we write is valid HTML for tidy (warnings allowed, no errors).
  project "$src/input/r03-1.xml" "$src/input/r07-1-kugikai-excerpt.xml" \
          "$src/tests/build/input/all-constructs.xml"
  build >/dev/null || fail "minutes build failed"
  for f in "$tmp"/p/output/*.html; do
    tidy -errors -q "$f" >/dev/null 2>"$tmp/tidy" || { cat "$tmp/tidy"; fail "tidy: $f"; }
    # status 1 is "warnings only"; tidy prints errors as "line N column M - Error: …"
    grep -q " - Error:" "$tmp/tidy" && { cat "$tmp/tidy"; fail "tidy errors in $f"; }
    echo "tidy: $(basename "$f") ok"
  done
  ;;

html-accessible)
  # lang, title, one h1, captions, th scope on every th, no external resources.
  project "$src/input/r03-1.xml"
  build >/dev/null || fail "minutes build failed"
  h=$tmp/p/output/r03-1.html
  grep -q '<html lang="ja">' "$h" || fail "no lang=ja"
  grep -q '<title>会議録 令和3年度第1回 情報公開・個人情報保護審議会</title>' "$h" || fail "title"
  [ "$(grep -o '<h1' "$h" | wc -l)" -eq 1 ] || fail "not exactly one h1"
  [ "$(grep -o '<h2 id="inquiry-' "$h" | wc -l)" -eq 4 ] || fail "an h2 per inquiry"
  [ "$(grep -o '<table' "$h" | wc -l)" -eq "$(grep -o '<caption' "$h" | wc -l)" ] || fail "a table without caption"
  [ "$(grep -o '<th[ >]' "$h" | wc -l)" -eq "$(grep -o '<th scope="[a-z]*"' "$h" | wc -l)" ] || fail "a th without scope"
  grep -Eq '(src|href)="(https?:)?//[^"]*\.(css|js|png|woff2?)' "$h" && fail "an external resource"
  grep -q '<link ' "$h" && fail "a link element"
  echo "ok"
  ;;

reproducible)
  # Two builds give byte-identical files.
  project "$src/input/r03-1.xml" "$src/tests/build/input/all-constructs.xml"
  build >/dev/null || fail "first build failed"
  cp -r "$tmp/p/output" "$tmp/first"
  build >/dev/null || fail "second build failed"
  # (the search index, pagefind/ and search.js, is there where ./setup installed Pagefind)
  diff -r "$tmp/first" "$tmp/p/output" || fail "the folder differs between builds (above)"
  want=6; [ -d "$tmp/first/pagefind" ] && want=8
  [ "$(ls "$tmp/first" | wc -l)" -eq $want ] \
    || fail "expected 2 PDFs, 2 HTMLs, index.html and SHA256SUMS (and pagefind/ and search.js)"
  echo "ok: $(ls "$tmp/first" | tr '\n' ' ')"
  ;;

failure-keeps-output)
  # A session that breaks leaves its previous PDF and HTML untouched, says file and line, and
  # the other sessions are still built; the exit status is 1 (invalid input).
  project "$src/input/r03-1.xml" "$src/tests/build/input/all-constructs.xml"
  build >/dev/null || fail "first build failed"
  cp -r "$tmp/p/output" "$tmp/before"
  # line 20 becomes not well-formed
  sed -i '20s/$/<oops>/' "$tmp/p/input/r03-1.xml"
  rm "$tmp/p/output/all-constructs.pdf"
  build >"$tmp/out" 2>"$tmp/err"
  status=$?
  cat "$tmp/err"
  [ $status -eq 1 ] || fail "exit status $status, expected 1"
  grep -q '^input/r03-1.xml:[0-9][0-9]*: ' "$tmp/err" || fail "no FILE:LINE: diagnostic"
  cmp "$tmp/before/r03-1.pdf" "$tmp/p/output/r03-1.pdf" || fail "the old PDF was touched"
  cmp "$tmp/before/r03-1.html" "$tmp/p/output/r03-1.html" || fail "the old HTML was touched"
  [ -f "$tmp/p/output/all-constructs.pdf" ] || fail "the other session was not built"
  grep -q 'href="r03-1.pdf"' "$tmp/p/output/index.html" || fail "the failed session left the index"
  grep -q '令和3年度第1回 情報公開・個人情報保護審議会' "$tmp/p/output/index.html" || fail "its index entry lost its name"
  # hidden: only .summaries/ (the index's summaries), and no temporary inside it
  ls -A "$tmp/p/output" | grep -vx '.summaries' | grep '^\.' && fail "a temporary file was left"
  ls -A "$tmp/p/output/.summaries" | grep '^\.' && fail "a temporary file was left"
  # a stylesheet failure (a bad look) also leaves everything as it was
  cp -r "$tmp/p/output" "$tmp/before2"
  build --param base-font-size=large input/all-constructs.xml >/dev/null 2>"$tmp/err2"
  [ $? -eq 1 ] || fail "a bad --param value did not fail"
  cat "$tmp/err2"
  diff -r "$tmp/before2" "$tmp/p/output" || fail "the folder was touched by a failed build (above)"
  echo "ok"
  ;;

pdf-metadata)
  # The seed's PDF: title, author, subject, the decision date as creation date, A4 pages,
  # a bookmark for each 諮問事項 and for 要望事項, the running header from page 2 only.
  project "$src/input/r03-1.xml"
  build >/dev/null || fail "minutes build failed"
  pdf=$tmp/p/output/r03-1.pdf
  pdfinfo "$pdf" >"$tmp/info" || fail "pdfinfo failed"
  cat "$tmp/info"
  grep -q '^Title: *会議録 令和3年度第1回 情報公開・個人情報保護審議会$' "$tmp/info" || fail "title"
  grep -q '^Author: *情報公開・個人情報保護審議会$' "$tmp/info" || fail "author"
  grep -q '^Subject: *諮問事項: (1)東京都' "$tmp/info" || fail "subject"
  grep -q '^CreationDate: *Sun May 23 15:00:00 2021 UTC$' "$tmp/info" || fail "creation date (2021-05-24 JST)"
  grep -q '^Page size: *595.2[0-9]* x 841.8[0-9]* pts (A4)' "$tmp/info" || fail "A4"
  qpdf --json --json-key=outlines "$pdf" >"$tmp/outlines.json" || fail "qpdf"
  for b in 諮問事項1 諮問事項2 諮問事項3 諮問事項4 要望事項; do
    grep -q "\"title\": \"$b" "$tmp/outlines.json" || fail "no bookmark $b"
  done
  header='情報公開・個人情報保護審議会 令和3年度第1回 会議録'
  pdftotext -f 1 -l 1 -raw "$pdf" - | head -1 | grep -q '^会議録$' || fail "page 1 does not open with 会議録"
  pdftotext -f 1 -l 1 -raw "$pdf" - | grep -qx "$header" && fail "a running header on page 1"
  pdftotext -f 2 -l 2 -raw "$pdf" - | grep -qx "$header" || fail "no running header on page 2"
  pages=$(awk '/^Pages:/ {print $2}' "$tmp/info")
  pdftotext -f "$pages" -l "$pages" -raw "$pdf" - | grep -q "^$pages / $pages\$" || fail "no 'n / N' footer"
  echo "ok"
  ;;

output-sums)
  # Every file `minutes build` writes for input/ and tests/build/input/, and the PDF of every
  # tests/layout/*.fo, has the sha256 in tests/build/golden/output.sha256: a change meant to
  # keep behaviour (a refactoring) keeps every byte.  After an intended change to the output,
  # regenerate with
  #   MINUTES_UPDATE_GOLDEN=1 meson test -C build build-output-sums
  # and say in the commit which outputs changed and why.
  g=$src/tests/build/golden/output.sha256
  project "$src"/input/*.xml "$src"/tests/build/input/*.xml
  build >/dev/null || fail "minutes build failed"
  mkdir -p "$tmp/fo"
  for fo in "$src"/tests/layout/*.fo; do
    n=$(basename "$fo" .fo)
    "$minutes" render "$fo" -o "$tmp/fo/$n.pdf" >/dev/null 2>&1 || rm -f "$tmp/fo/$n.pdf"
  done
  # (the search index too, pagefind/ and search.js, made by the Pagefind that ./setup pins)
  (cd "$tmp/p/output" && find . -name '.*' ! -name . -prune -o -type f -print | sed 's|^\./||' \
     | LC_ALL=C sort | xargs sha256sum -- | sed 's|  |  output/|'
   cd "$tmp/fo" && sha256sum -- *.pdf | sed 's|  |  layout/|') \
    | LC_ALL=C sort -k2 >"$tmp/sums"
  if [ "${MINUTES_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$tmp/sums" "$g"; echo "updated $g"; exit 0
  fi
  [ "$(wc -l <"$tmp/sums")" -ge 40 ] || fail "only $(wc -l <"$tmp/sums") files made"
  if ! diff -u "$g" "$tmp/sums"; then
    fail "outputs differ from tests/build/golden/output.sha256 (above: - expected, + made)"
  fi
  echo "ok: $(wc -l <"$tmp/sums") files byte-identical"
  ;;

golden)
  # The stylesheets' output for the session using every construct, byte for byte: the FO
  # (`minutes fo`) and the HTML page.  After an intended change to xsl/, regenerate with
  #   MINUTES_UPDATE_GOLDEN=1 meson test -C build fo-html-golden
  # and read the diff before committing.
  g=$src/tests/build/golden
  project "$src/tests/build/input/all-constructs.xml"
  (cd "$tmp/p" && "$minutes" fo input/all-constructs.xml -o "$tmp/all-constructs.fo") || fail "minutes fo failed"
  build >/dev/null || fail "minutes build failed"
  cp "$tmp/p/output/all-constructs.html" "$tmp/all-constructs.html"
  status=0
  for f in all-constructs.fo all-constructs.html; do
    if [ "${MINUTES_UPDATE_GOLDEN:-}" = 1 ]; then
      cp "$tmp/$f" "$g/$f"; echo "updated $g/$f"; continue
    fi
    if ! cmp -s "$g/$f" "$tmp/$f"; then
      echo "$f differs from tests/build/golden/$f:"
      # one element a line, so the diff says where
      sed 's/></>\n</g' "$g/$f" >"$tmp/want"; sed 's/></>\n</g' "$tmp/$f" >"$tmp/got"
      diff -u "$tmp/want" "$tmp/got" | head -40
      status=1
    fi
  done
  [ $status -eq 0 ] || fail "golden output changed"
  echo "ok"
  ;;

source-line)
  # An error the typesetting engine finds (a character no pinned font has) names the session
  # file and its line, thanks to the mx:line attributes the stylesheet puts on blocks.
  mkdir -p "$tmp/p/input"
  line=$(grep -n '計画案に賛成します。' "$src/tests/build/input/all-constructs.xml" | cut -d: -f1)
  sed 's/計画案に賛成します。/計画案に賛成します。\&#x1F600;/' "$src/tests/build/input/all-constructs.xml" \
    >"$tmp/p/input/emoji.xml"
  build >/dev/null 2>"$tmp/err"
  status=$?
  cat "$tmp/err"
  [ $status -ne 0 ] || fail "a character no font has was accepted"
  grep -q "^input/emoji.xml:$line: .*U+1F600" "$tmp/err" || fail "the error does not name input/emoji.xml:$line"
  [ -e "$tmp/p/output/emoji.pdf" ] && fail "a PDF was written"
  echo "ok"
  ;;

search-skipped)
  # A machine without node, or without Pagefind, still builds every PDF, page and index.html,
  # exits 0 and says in one line (in the reader's language) that the search index was skipped;
  # a later build with both makes it.  A search index that fails to be made is an error.
  project "$src/input/r03-1.xml" "$src/input/r07-1-kugikai-excerpt.xml"
  outputs_ok() {
    for f in r03-1.pdf r03-1.html r07-1-kugikai-excerpt.pdf r07-1-kugikai-excerpt.html index.html SHA256SUMS; do
      [ -s "$tmp/p/output/$f" ] || fail "$1: $f not written"
    done
  }
  # 1. no node
  (cd "$tmp/p" && MINUTES_NODE=/nonexistent/node "$minutes" build) >"$tmp/out" 2>"$tmp/err" \
    || { cat "$tmp/out" "$tmp/err"; fail "without node: the build failed"; }
  outputs_ok "without node"
  [ "$(grep -c 'search index was skipped' "$tmp/out" "$tmp/err" | awk -F: '{ n += $2 } END { print n }')" -eq 1 ] \
    || { cat "$tmp/out" "$tmp/err"; fail "without node: not one line saying the search index was skipped"; }
  grep -q '^output: the search index was skipped: node (Node.js) is not installed' "$tmp/out" \
    || { cat "$tmp/out"; fail "without node: the line does not say node is missing"; }
  [ -e "$tmp/p/output/pagefind" ] || [ -e "$tmp/p/output/search.js" ] && fail "without node: a search index was written"
  echo "ok: without node: $(grep 'skipped' "$tmp/out")"
  # 2. node, but no Pagefind: an installation whose site/ has no node_modules
  mkdir -p "$tmp/data/site"
  cp -r "$src/schema" "$src/xsl" "$tmp/data/"
  ln -s "$src/fonts" "$tmp/data/fonts"; ln -s "$src/templates" "$tmp/data/templates"
  cp "$src"/site/*.mjs "$src"/site/*.js "$src"/site/*.json "$tmp/data/site/"
  if command -v node >/dev/null 2>&1; then
    (cd "$tmp/p" && env -u LC_ALL -u LANGUAGE LANG=ja_JP.UTF-8 "$minutes" --data-dir "$tmp/data" build) >"$tmp/out" 2>"$tmp/err" \
      || { cat "$tmp/out" "$tmp/err"; fail "without Pagefind: the build failed"; }
    outputs_ok "without Pagefind"
    grep -q '^output: 検索用の索引は作りませんでした（Pagefind がインストールされていません' "$tmp/out" \
      || { cat "$tmp/out" "$tmp/err"; fail "without Pagefind: no Japanese line saying the search index was skipped"; }
    [ -e "$tmp/p/output/pagefind" ] && fail "without Pagefind: a search index was written"
    echo "ok: without Pagefind: $(grep '検索用' "$tmp/out")"
  fi
  # 3. with both (where ./setup installed them): made, and said
  if command -v node >/dev/null 2>&1 && [ -d "$src/site/node_modules/pagefind" ]; then
    build >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "with Pagefind: the build failed"; }
    grep -q '^written output/pagefind/ (the search index) and output/search.js$' "$tmp/out" \
      || { cat "$tmp/out"; fail "with Pagefind: no line saying the search index was written"; }
    [ -f "$tmp/p/output/pagefind/pagefind.js" ] && [ -f "$tmp/p/output/search.js" ] || fail "with Pagefind: no index"
    echo "ok: with Pagefind: $(grep 'search index' "$tmp/out")"
    # 4. Pagefind failing (here a "node" that says why and exits 1): an error naming the
    #    folder, with what it said, exit non-zero; the pages are written, the index is kept
    cp -r "$tmp/p/output/pagefind" "$tmp/pagefind.before"
    printf '#!/bin/sh\necho "Error: ENOSPC: no space left on device" >&2\nexit 1\n' >"$tmp/node"
    chmod +x "$tmp/node"
    (cd "$tmp/p" && MINUTES_NODE="$tmp/node" "$minutes" build) >"$tmp/out" 2>&1 \
      && { cat "$tmp/out"; fail "a failed search index exited 0"; }
    grep -q '^output: error: the search index could not be made: Error: ENOSPC: no space left on device; ' "$tmp/out" \
      || { cat "$tmp/out"; fail "a failed search index is not said as an error with what Pagefind said"; }
    outputs_ok "a failed search index"
    diff -r "$tmp/pagefind.before" "$tmp/p/output/pagefind" || fail "the previous search index was not kept"
    echo "ok: a failed search index: $(grep 'search index could not' "$tmp/out" | cut -c1-110)…"
  fi
  ;;

index)
  # output/index.html lists the sessions by council (by name) and fiscal year, with links to
  # both forms; rebuilding one session keeps the others in the index.
  project "$src/input/r03-1.xml" "$src/input/r07-1-kugikai-excerpt.xml" \
          "$src/tests/build/input/all-constructs.xml"
  build >/dev/null || fail "minutes build failed"
  order=$(grep -o 'href="[^"]*\.pdf"' "$tmp/p/output/index.html" | tr '\n' ' ')
  expected='href="r03-1.pdf" href="all-constructs.pdf" href="r07-1-kugikai-excerpt.pdf" '
  [ "$order" = "$expected" ] || fail "order: $order"
  # a heading per council, then per fiscal year (令和7年2月 is in 令和6年度)
  heads=$(grep -o '<h[23] id="council-[^>]*>[^<]*' "$tmp/p/output/index.html" | sed 's/.*>//' | tr '\n' ' ')
  [ "$heads" = "情報公開・個人情報保護審議会 令和3年度 架空区環境審議会 令和6年度 目黒区議会 令和6年度 " ] \
    || fail "headings: $heads"
  grep -q 'href="r03-1.html"' "$tmp/p/output/index.html" || fail "no link to the HTML"
  build input/r03-1.xml >/dev/null || fail "rebuilding one session failed"
  order2=$(grep -o 'href="[^"]*\.pdf"' "$tmp/p/output/index.html" | tr '\n' ' ')
  [ "$order2" = "$expected" ] || fail "after rebuilding one session: $order2"
  echo "ok: $order"
  ;;

index-from-summaries)
  # The index is made from the small summary each build keeps beside its outputs
  # (output/.summaries/NAME.xml), never by reading the other sessions' pages or sources again:
  # a one-session build costs the same whether the folder holds 1 or 1,000 sessions.  Proof:
  # garble the other sessions' HTML pages and sources after a full build; rebuilding one
  # session still writes the same index, byte for byte.
  project "$src/input/r03-1.xml" "$src/input/r07-1-kugikai-excerpt.xml" \
          "$src/tests/build/input/all-constructs.xml"
  build >/dev/null || fail "minutes build failed"
  for n in r03-1 r07-1-kugikai-excerpt all-constructs; do
    [ -s "$tmp/p/output/.summaries/$n.xml" ] || fail "no summary for $n"
  done
  cp "$tmp/p/output/index.html" "$tmp/index.before"
  for n in r07-1-kugikai-excerpt all-constructs; do
    printf '<html><head><title>garbled</title><meta name="dcterms.date" content="1900-01-01">' \
      >"$tmp/p/output/$n.html"
    printf '<session xmlns="urn:minutes:session:1"><title>garbled' >"$tmp/p/input/$n.xml"
  done
  build input/r03-1.xml >/dev/null || fail "rebuilding one session failed"
  cmp "$tmp/index.before" "$tmp/p/output/index.html" || {
    diff "$tmp/index.before" "$tmp/p/output/index.html" | head; fail "the index changed: it read the other sessions"; }
  grep -q garbled "$tmp/p/output/index.html" && fail "the index read a garbled page"
  echo "ok: the index of a one-session build comes from the summaries"
  ;;

broken-install)
  # One broken installation, one exit code: 3 ("the installation is wrong") from every command
  # that needs what is broken, whatever the command (it was 4, "a bug", from build and fo).
  # The data folder is a copy with one piece broken at a time (--data-dir).
  s=$src/tests/build/input/all-constructs.xml
  fo=$src/tests/layout/block-basic.fo
  txt=$src/tests/data/sources/r03-1.seed.txt
  data() {  # data DIR: a data folder of links to ours, with schema/ and xsl/ copied
    mkdir -p "$1"
    cp -r "$src/schema" "$src/xsl" "$1/"
    ln -s "$src/fonts" "$1/fonts"; ln -s "$src/templates" "$1/templates"
  }
  expect3() {  # expect3 WHAT ARGS…: `minutes ARGS…` exits 3 and names the installation
    what=$1; shift
    "$minutes" "$@" >"$tmp/out" 2>"$tmp/err"
    st=$?
    [ $st -eq 3 ] || { cat "$tmp/err"; fail "$what: exit status $st, expected 3"; }
    grep -qiE 'install|data folder|--data-dir|pin' "$tmp/err" || { cat "$tmp/err"; fail "$what: the message does not name the installation"; }
    echo "ok: $what exits 3"
  }
  # 1. The schema does not compile.
  data "$tmp/d1"
  sed -i 's|<xs:element name="session"|<xs:element name="session" type="no-such-type"|' "$tmp/d1/schema/session.xsd"
  grep -q 'no-such-type' "$tmp/d1/schema/session.xsd" || fail "the test's schema was not broken"
  mkdir -p "$tmp/w"
  expect3 "validate, schema broken" --data-dir "$tmp/d1" validate "$s"
  expect3 "fo, schema broken" --data-dir "$tmp/d1" fo "$s"
  expect3 "build, schema broken" --data-dir "$tmp/d1" build -o "$tmp/w/out" "$s"
  expect3 "build -j2, schema broken" --data-dir "$tmp/d1" build -j2 -o "$tmp/w/out" "$s" "$src/input/r03-1.xml"
  expect3 "import, schema broken" --data-dir "$tmp/d1" import "$txt" -o "$tmp/w/i.xml"
  # 2. The schema is missing: no data folder at all.
  data "$tmp/d2"; rm "$tmp/d2/schema/session.xsd"
  for c in validate fo build import render new watch; do
    expect3 "$c, no schema" --data-dir "$tmp/d2" $c "$s"
  done
  # 3. A stylesheet of the installation is not well-formed.
  data "$tmp/d3"; echo '<xsl:stylesheet' >"$tmp/d3/xsl/session-html.xsl"
  expect3 "build, stylesheet broken" --data-dir "$tmp/d3" build -o "$tmp/w/out" "$s"
  data "$tmp/d4"; echo '<xsl:stylesheet' >"$tmp/d4/xsl/session-fo.xsl"
  expect3 "fo, stylesheet broken" --data-dir "$tmp/d4" fo "$s"
  # 4. The fonts differ from their pins.
  data "$tmp/d5"; rm "$tmp/d5/fonts"; mkdir "$tmp/d5/fonts"
  cp "$src/fonts/MANIFEST" "$tmp/d5/fonts/"
  for f in "$src"/fonts/*.tt?; do printf 'not a font' >"$tmp/d5/fonts/$(basename "$f")"; done
  expect3 "render, fonts broken" --data-dir "$tmp/d5" render "$fo" -o "$tmp/w/x.pdf"
  expect3 "build, fonts broken" --data-dir "$tmp/d5" build -o "$tmp/w/out" "$s"
  # 5. No template.
  data "$tmp/d6"; rm "$tmp/d6/templates"
  expect3 "new, no template" --data-dir "$tmp/d6" new "$tmp/w/new.xml"
  [ -e "$tmp/w/out/all-constructs.pdf" ] && fail "a broken installation wrote a PDF"
  # watch builds in a child: its line gives the same exit code
  cd "$tmp/w" || fail "cd"
  "$minutes" --data-dir "$tmp/d1" watch "$s" >"$tmp/watch.out" 2>"$tmp/watch.err" &
  wpid=$!
  i=0; until grep -q 'not built' "$tmp/watch.out"; do
    i=$((i + 1)); [ $i -le 600 ] || { kill "$wpid"; fail "watch printed no build line"; }; sleep 0.1; done
  kill -INT "$wpid"; wait "$wpid"
  grep -q 'exit code 3' "$tmp/watch.out" || { cat "$tmp/watch.out"; fail "watch: the build's exit code is not 3"; }
  echo "ok: watch reports exit code 3"
  ;;

fop)
  # Any XSL-FO processor can render our FO: Apache FOP, without errors.
  fo=$tmp/seed.fo
  "$minutes" fo "$src/input/r03-1.xml" -o "$fo" || fail "minutes fo failed"
  grep -q 'mx:' "$fo" && fail "minutes fo left mx: attributes"
  cat >"$tmp/fop.xconf" <<EOF
<fop version="1.0"><renderers><renderer mime="application/pdf"><fonts>
<font embed-url="file://$src/fonts/ipaexm.ttf"><font-triplet name="IPAexMincho" style="normal" weight="normal"/></font>
<font embed-url="file://$src/fonts/ipaexg.ttf"><font-triplet name="IPAexGothic" style="normal" weight="normal"/></font>
</fonts></renderer></renderers></fop>
EOF
  fop -c "$tmp/fop.xconf" -fo "$fo" -pdf "$tmp/fop.pdf" >"$tmp/fop.log" 2>&1
  status=$?
  grep -E 'SEVERE|ERROR' "$tmp/fop.log" && fail "FOP reported errors"
  [ $status -eq 0 ] || { tail -20 "$tmp/fop.log"; fail "FOP exit status $status"; }
  pages=$(pdfinfo "$tmp/fop.pdf" | awk '/^Pages:/ {print $2}')
  [ "${pages:-0}" -ge 5 ] || fail "FOP made $pages pages"
  echo "ok: FOP rendered $pages pages"
  ;;

param-injection)
  # --param values are strings: quotes, XPath and document() calls are printed, never run.
  s=$src/tests/build/input/all-constructs.xml
  v="a'b\"c')] | document('/etc/passwd') | x[\""
  "$minutes" fo --stylesheet "$src/tests/build/hostile/echo-param.xsl" --param "value=$v" "$s" >"$tmp/out" \
    || fail "minutes fo failed"
  [ "$(cat "$tmp/out")" = "[$v]" ] || fail "value changed: $(cat "$tmp/out")"
  "$minutes" fo --param "header-text=$v" "$s" >"$tmp/fo" || fail "minutes fo failed"
  grep -qF ">$v</fo:block>" "$tmp/fo" || fail "header-text not printed as given"
  grep -q 'root:' "$tmp/fo" && fail "/etc/passwd leaked"
  # the HTML page's extra CSS cannot close its style element and inject markup
  project "$s"
  build --param 'extra-css=p{color:red}</style><script>alert(1)</script>' >/dev/null || fail "build failed"
  grep -q '<script' "$tmp/p/output/all-constructs.html" && fail "markup injected through extra-css"
  grep -q 'p{color:red}' "$tmp/p/output/all-constructs.html" || fail "extra-css not applied"
  # a parameter given twice: the last value wins
  "$minutes" fo --param paper=B5 --param paper=A5 "$s" | grep -q 'page-width="148mm"' || fail "last --param did not win"
  echo "ok"
  ;;

param-messages)
  # A --param value out of its range is the parameter's fault: said as such, with the range,
  # in English and Japanese, never as a computed size blamed on a line of the session.
  # --param index-title is documented for build and taken (it names index.html), and fo,
  # which runs only the FO stylesheet, refuses it as it refuses any name it does not take.
  s=$src/tests/build/input/all-constructs.xml
  project "$s"
  build --param base-font-size=999pt >/dev/null 2>"$tmp/err"
  status=$?
  cat "$tmp/err"
  [ $status -eq 1 ] || fail "base-font-size=999pt: exit status $status, expected 1"
  grep -q -- '--param base-font-size must be a size in points from 5pt to 50pt' "$tmp/err" || fail "the message does not name the parameter and its range"
  grep -q 'font-size="' "$tmp/err" && fail "a computed font size was reported"
  grep -Eq '^input/all-constructs\.xml:[0-9]+:' "$tmp/err" && fail "a line of the session was blamed"
  (cd "$tmp/p" && env -u LC_ALL -u LANGUAGE LANG=ja_JP.UTF-8 "$minutes" build --param base-font-size=999pt) >/dev/null 2>"$tmp/err.ja"
  cat "$tmp/err.ja"
  grep -q -- '--param base-font-size は 5pt から 50pt までの大きさを' "$tmp/err.ja" || fail "no Japanese message with the range"
  "$minutes" fo --param base-font-size=4pt "$s" >/dev/null 2>"$tmp/err"
  [ $? -eq 1 ] && grep -q 'from 5pt to 50pt' "$tmp/err" || fail "fo took base-font-size=4pt"
  "$minutes" fo --param base-font-size=50pt "$s" >/dev/null || fail "fo refused base-font-size=50pt"
  build --param index-title=議事録の一覧 >/dev/null || fail "build refused --param index-title"
  grep -q '<title>議事録の一覧</title>' "$tmp/p/output/index.html" || fail "index-title is not the index's title"
  grep -q '<h1>議事録の一覧</h1>' "$tmp/p/output/index.html" || fail "index-title is not the index's heading"
  "$minutes" fo --param index-title=x "$s" >/dev/null 2>"$tmp/err"
  [ $? -eq 2 ] || fail "fo took index-title, which its stylesheet does not declare"
  echo "ok"
  ;;

full-output)
  # A write that fails (here: standard output on /dev/full, ENOSPC) is said in our words with
  # what failed, never as a raw libxml2 line ("I/O error : No space left on device").
  "$minutes" fo "$src/tests/build/input/all-constructs.xml" >/dev/full 2>"$tmp/err"
  status=$?
  cat "$tmp/err"
  [ $status -eq 2 ] || fail "exit status $status, expected 2"
  grep -q '^minutes: error: cannot write to the standard output (No space left on device)' "$tmp/err" || fail "no message naming the failed write"
  grep -Eq '^(I/O|encoding|parser) error' "$tmp/err" && fail "a raw libxml2 line reached the user"
  echo "ok"
  ;;

param-unknown)
  s=$src/tests/build/input/all-constructs.xml
  "$minutes" fo --param no-such-look=1 "$s" >/dev/null 2>"$tmp/err"
  status=$?
  cat "$tmp/err"
  [ $status -eq 2 ] || fail "exit status $status, expected 2"
  grep -q "no-such-look" "$tmp/err" || fail "the message does not name the parameter"
  grep -q "base-font-size" "$tmp/err" || fail "the message does not list the known parameters"
  ;;

line-break-param)
  # --param line-break sets the kinsoku level of the PDF (mx:line-break on fo:root, kept by
  # fo --source-lines) and the CSS line-break of the page; strict by default; a bad value is an
  # error naming the parameter's values.
  s=$src/tests/build/input/all-constructs.xml
  "$minutes" fo --source-lines "$s" -o "$tmp/strict.fo" || fail "minutes fo failed"
  grep -q 'mx:line-break="strict"' "$tmp/strict.fo" || fail "no mx:line-break=\"strict\" by default"
  "$minutes" fo --source-lines --param line-break=loose "$s" -o "$tmp/loose.fo" || fail "minutes fo failed"
  grep -q 'mx:line-break="loose"' "$tmp/loose.fo" || fail "--param line-break=loose is not in the FO"
  project "$src/input/r03-1.xml"
  build --param line-break=normal >/dev/null || fail "minutes build --param line-break=normal failed"
  grep -q "line-break: normal" "$tmp/p/output/r03-1.html" || fail "the page's CSS has no line-break: normal"
  grep -q "text-autospace: normal" "$tmp/p/output/r03-1.html" || fail "the page's CSS has no text-autospace"
  if "$minutes" fo --param line-break=anywhere "$s" >/dev/null 2>"$tmp/err"; then
    fail "line-break=anywhere was accepted"
  fi
  cat "$tmp/err"
  grep -q -- "--param line-break must be strict, normal or loose" "$tmp/err" || fail "no clear message for a bad line-break"
  ;;

flush-bottom-param)
  # --param flush-bottom (yes by default) puts mx:vertical-justify with flush-bottom-line on the
  # page-sequence (kept by fo --source-lines, left out for FOP) and lets the spaces grow to
  # flush-bottom-space times their size; no leaves both out; a bad value is an error naming the
  # parameter's values.
  s=$src/tests/build/input/all-constructs.xml
  "$minutes" fo --source-lines "$s" -o "$tmp/on.fo" || fail "minutes fo failed"
  grep -q '<fo:page-sequence [^>]*mx:vertical-justify="0.1em"' "$tmp/on.fo" || fail "no mx:vertical-justify=\"0.1em\" by default"
  grep -q 'space-before="9mm"[^>]*space-before.maximum="11.7mm"' "$tmp/on.fo" || fail "the heading's space may not grow to 1.3 times"
  "$minutes" fo "$s" -o "$tmp/fop.fo" || fail "minutes fo failed"
  grep -q 'vertical-justify' "$tmp/fop.fo" && fail "minutes fo left mx:vertical-justify in for FOP"
  "$minutes" fo --source-lines --param flush-bottom-line=2pt --param flush-bottom-space=2 "$s" -o "$tmp/two.fo" || fail "minutes fo failed"
  grep -q 'mx:vertical-justify="2pt"' "$tmp/two.fo" || fail "--param flush-bottom-line=2pt is not in the FO"
  grep -q 'space-before.maximum="18mm"' "$tmp/two.fo" || fail "--param flush-bottom-space=2 is not in the FO"
  "$minutes" fo --source-lines --param flush-bottom=no "$s" -o "$tmp/off.fo" || fail "minutes fo failed"
  grep -q 'vertical-justify' "$tmp/off.fo" && fail "flush-bottom=no still justifies"
  grep -q 'space-before="9mm"[^>]*space-before.maximum="9mm"' "$tmp/off.fo" || fail "flush-bottom=no still lets the spaces grow"
  for bad in "flush-bottom=maybe:--param flush-bottom must be yes or no" \
             "flush-bottom-space=0.5:--param flush-bottom-space must be a number from 1 to 3, such as 1.3"; do
    if "$minutes" fo --param "${bad%%:*}" "$s" >/dev/null 2>"$tmp/err"; then
      fail "${bad%%:*} was accepted"
    fi
    cat "$tmp/err"
    grep -q -- "${bad#*:}" "$tmp/err" || fail "no clear message for ${bad%%:*}"
  done
  ;;

hostile)
  # A stylesheet that reads outside its folders, uses the network or writes files is refused.
  name=$1
  s=$src/tests/build/input/all-constructs.xml
  target=$tmp/written.txt
  set --
  case $name in write-*) set -- --param "target=$target" ;; esac
  "$minutes" fo --stylesheet "$src/tests/build/hostile/$name.xsl" "$@" "$s" >"$tmp/out" 2>"$tmp/err"
  status=$?
  cat "$tmp/err"
  grep -q 'root:' "$tmp/out" && fail "/etc/passwd leaked"
  [ -e "$target" ] && fail "the stylesheet wrote $target"
  case $name in
  read-xxe)
    # reading its own folder is allowed; the entity is never substituted
    [ $status -eq 0 ] || fail "exit status $status, expected 0"
    ;;
  recurse|loop)
    # endless recursion, astronomic XPath: stopped by libxslt's depth and operation limits
    [ $status -eq 1 ] || fail "exit status $status, expected 1"
    grep -Eq 'recursion|limit' "$tmp/err" || fail "no limit reported"
    [ "$(wc -l <"$tmp/err")" -le 5 ] || fail "more than 5 lines of messages"
    ;;
  *)
    [ $status -eq 1 ] || fail "exit status $status, expected 1"
    grep -Eq 'refused|denied' "$tmp/err" || fail "no refusal reported"
    ;;
  esac
  echo "ok"
  ;;

*)
  echo "unknown case $case_name"; exit 2 ;;
esac
exit 0

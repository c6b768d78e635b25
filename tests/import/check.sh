#!/bin/sh
# tests/import/check.sh CASE: one case of `minutes import` (see tests/import/meson.build).
# Environment: MINUTES, IMPORT_CHECK, ROUNDTRIP (tests/data/roundtrip), SOURCE_ROOT.
# Each case imports a text and then proves something about the XML (never only "it ran"):
#   - valid:     the XML is valid against schema/session.xsd (and `minutes validate` once it works);
#   - roundtrip: tests/data/roundtrip finds every character of the source text in the XML;
#   - struct:    import-check finds the structure of a reference XML;
#   - speech:    import-check finds every non-whitespace character of a speech record: its
#                speech record in order, its front matter as a set once the labels the layout
#                prints again are left out (import-check.c, "=== speech ===");
#   - count:     an XPath count over the XML (prefix s: = urn:minutes:session:1).
set -u
case_name=$1
here=$SOURCE_ROOT/tests/import
cases=$here/cases
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL ($case_name): $*" >&2; exit 1; }

# import SRC [ARGS...]: imports SRC to $tmp/out.xml, keeping stderr in $tmp/err; fails on a
# non-zero exit.
import() {
  src=$1; shift
  rm -f "$tmp/out.xml"   # import writes a new file only
  "$MINUTES" import "$src" -o "$tmp/out.xml" "$@" 2>"$tmp/err"
  st=$?
  cat "$tmp/err" >&2
  [ $st -eq 0 ] || fail "minutes import exited $st"
}

valid() {
  xmllint --noout --nonet --schema "$SOURCE_ROOT/schema/session.xsd" "$1" || fail "$1 is not valid"
  # `minutes validate` adds the checks beyond the schema; use it once it is built.
  if "$MINUTES" validate --help >/dev/null 2>&1; then
    "$MINUTES" validate "$1" || fail "minutes validate rejects $1"
  fi
}
roundtrip() { "$ROUNDTRIP" "$1" "$2" || fail "the text of $1 is not the text of $2"; }
# roundtrip_nfkc SRC XML: the same, with both sides in NFKC (full-width digits and ① are
# printed by the stylesheets as ASCII numbers).
roundtrip_nfkc() {
  "$IMPORT_CHECK" nfkc "$1" "$tmp/src.nfkc" && "$IMPORT_CHECK" nfkc "$2" "$tmp/xml.nfkc" || fail "nfkc"
  "$ROUNDTRIP" "$tmp/src.nfkc" "$tmp/xml.nfkc" || fail "the text of $1 is not the text of $2 (NFKC)"
}
struct() { "$IMPORT_CHECK" struct "$1" "$2" || fail "structure differs"; }
speech() { "$IMPORT_CHECK" speech "$@" || fail "characters lost"; }
count() { "$IMPORT_CHECK" count "$tmp/out.xml" "$1" "$2" || fail "count($1) is not $2"; }
said() { grep -q -- "$1" "$tmp/err" || fail "stderr does not say: $1"; }
silent() { [ ! -s "$tmp/err" ] || fail "unexpected diagnostics"; }

seed=$SOURCE_ROOT/tests/data/sources/r03-1.seed.txt
r03=$SOURCE_ROOT/input/r03-1.xml

case $case_name in
seed)
  import "$seed"
  valid "$tmp/out.xml"
  roundtrip "$seed" "$tmp/out.xml"
  struct "$tmp/out.xml" "$r03"
  # more than the counts: the whole element tree of the hand-made XML, labels and numbers
  # included (only <sic> and <cut>, which need a reader's judgement, are left aside)
  "$IMPORT_CHECK" skeleton "$tmp/out.xml" "$r03" || fail "the element tree differs from $r03"
  # the seed's own header and 日時 row, read into data
  count "s:title[@fiscal-year=2021 and @number=1]" 1
  count "s:dates/s:start[@iso='2021-05-10']" 1
  count "s:dates/s:decision[@iso='2021-05-24']" 1
  count "s:held[@manner='written']/s:p" 1
  count "s:attendees/s:person" 21
  count "s:agenda/s:entry" 4
  count "//s:follow-up[@label='(再回答)' and @date='2021-05-19']" 1
  count "//s:a[@href='https://www.city.meguro.tokyo.jp/gyosei/hirakareta/kojinjoho/kaigiroku/R02_kaigiroku.files/R02-02.pdf']" 1
  count "s:requests/s:request[1]/s:list/s:item[@label='2']/s:list/s:item[@label='b.']/s:br" 2
  count "//s:cut" 0
  # the same text gives the same bytes (archives are rebuilt and compared)
  cp "$tmp/out.xml" "$tmp/first.xml"
  import "$seed"
  cmp "$tmp/first.xml" "$tmp/out.xml" || fail "two imports of the seed differ"
  ;;
seed-bom)
  # a byte-order mark before the text changes nothing
  printf '\357\273\277' >"$tmp/bom.txt"
  cat "$seed" >>"$tmp/bom.txt"
  import "$tmp/bom.txt"
  valid "$tmp/out.xml"
  roundtrip "$seed" "$tmp/out.xml"
  struct "$tmp/out.xml" "$r03"
  ;;
crlf)
  sed 's/$/\r/' "$seed" >"$tmp/crlf.txt"
  grep -q "$(printf '\r')" "$tmp/crlf.txt" || fail "no CR in the test input"
  import "$tmp/crlf.txt"
  valid "$tmp/out.xml"
  roundtrip "$seed" "$tmp/out.xml"
  struct "$tmp/out.xml" "$r03"
  count "//text()[contains(., '$(printf '\r')')]" 0
  ;;
missing-header-rows)
  # no 名称 row: <title> and <council> are left empty for the reader to fill in; the XML is
  # written, but does not pass `minutes validate` (an empty council is an error), so exit 1
  "$MINUTES" import "$cases/missing-header-rows.txt" -o "$tmp/out.xml" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "want exit 1"
  cat "$tmp/err" >&2
  said "missing-header-rows.txt:1: warning: no 名称 row"
  said "out.xml:3: error: <title> is empty"
  said "out.xml:4: error: <council> is empty"
  xmllint --noout --nonet --schema "$SOURCE_ROOT/schema/session.xsd" "$tmp/out.xml" || fail "not valid against the schema"
  roundtrip "$cases/missing-header-rows.txt" "$tmp/out.xml"
  count "s:attendees | s:materials | s:record-note | s:dates/s:start" 0
  count "s:dates/s:decision[@iso='2022-02-03']" 1
  count "s:inquiry/s:qa/s:entry" 2
  count "s:inquiry/s:qa/s:entry[@n=2]/s:answer/s:p" 2
  count "s:inquiry/s:opinions/s:opinion" 2
  ;;
no-opinions)
  import "$cases/no-opinions.txt"
  silent
  valid "$tmp/out.xml"
  roundtrip "$cases/no-opinions.txt" "$tmp/out.xml"
  count "s:inquiry" 2
  count "s:inquiry[@n=1]/s:opinions" 0
  count "s:inquiry[@n=1]/s:qa/s:entry" 1
  count "s:inquiry[@n=2]/s:qa/s:entry" 2
  count "s:inquiry[@n=2]/s:opinions/s:opinion" 2
  # a 場所 row (the place) goes to <place>, after <held> and before <attendees>
  sed "s/^参加者/場所\t第一会議室\n参加者/" "$cases/no-opinions.txt" >"$tmp/place.txt"
  import "$tmp/place.txt"
  silent
  valid "$tmp/out.xml"
  count "s:place[.='第一会議室'][following-sibling::*[1][self::s:attendees]]" 1
  ;;
wrapped-cells)
  import "$cases/wrapped-cells.txt"
  valid "$tmp/out.xml"
  roundtrip "$cases/wrapped-cells.txt" "$tmp/out.xml"
  count "s:inquiry/s:qa/s:entry" 3
  # a question cut mid-sentence joins into one paragraph; so does the answer
  count "s:inquiry/s:qa/s:entry[@n=1]/s:question/s:p[contains(., 'どの範囲までアプリの事業者')]" 1
  count "s:inquiry/s:qa/s:entry[@n=1]/s:answer/s:p[contains(., 'メールアドレスのみを委託先')]" 1
  # a <p> fragment wrapped over two lines
  count "s:inquiry/s:qa/s:entry[@n=2]/s:question/s:p[.='通知の既読情報は誰が見られますか。']" 1
  count "s:inquiry/s:qa/s:entry[@n=3]/s:follow-up[@label='(再回答)']/s:p" 1
  ;;
wrapped-rows)
  # a row continued in table form ("<TAB>more question<TAB>more answer"): each part goes to
  # its own cell, so the characters are not in source order; the cells are checked whole
  import "$cases/wrapped-rows.txt"
  silent
  valid "$tmp/out.xml"
  count "s:inquiry/s:qa/s:entry" 2
  count "s:inquiry/s:qa/s:entry[@n=1]/s:question/s:p" 2
  count "s:inquiry/s:qa/s:entry[@n=1]/s:question/s:p[1][.='通知の既読情報は誰が見られますか。']" 1
  count "s:inquiry/s:qa/s:entry[@n=1]/s:question/s:p[2][.='確認は学校内で行います。']" 1
  count "s:inquiry/s:qa/s:entry[@n=1]/s:answer/s:p" 2
  count "s:inquiry/s:qa/s:entry[@n=1]/s:answer/s:p[1][.='学級担任と管理職のみです。']" 1
  count "s:inquiry/s:qa/s:entry[@n=1]/s:answer/s:p[2][.='保存期間は1年です。']" 1
  count "s:inquiry/s:qa/s:entry[@n=2]/s:answer/s:p[.='速やかに消去します。']" 1
  # empty number and question without a label such as (再回答): the answer wrapped
  count "s:inquiry/s:qa/s:entry[@n=2]/s:answer/s:p[2][.='記録は残りません。']" 1
  count "s:inquiry/s:qa/s:entry[@n=2]/s:follow-up" 0
  ;;
fullwidth-digits)
  import "$cases/fullwidth-digits.txt"
  silent
  valid "$tmp/out.xml"
  roundtrip_nfkc "$cases/fullwidth-digits.txt" "$tmp/out.xml"
  count "s:title[@fiscal-year=2021 and @number=2]" 1
  count "s:dates/s:start[@iso='2021-07-12']" 1
  count "s:dates/s:decision[@iso='2021-07-26']" 1
  count "s:agenda/s:entry[@n=1]" 1
  count "s:inquiry[@n=1]/s:qa/s:entry[@n=1] | s:inquiry[@n=1]/s:qa/s:entry[@n=2]" 2
  count "s:requests/s:request[@n=1]/following-sibling::s:response[@n=1]" 1
  ;;
circled-numbers)
  import "$cases/circled-numbers.txt"
  valid "$tmp/out.xml"
  roundtrip_nfkc "$cases/circled-numbers.txt" "$tmp/out.xml"
  count "s:dates/s:decision[@iso='2019-05-20']" 1
  count "s:inquiry/s:qa/s:entry[@n=1] | s:inquiry/s:qa/s:entry[@n=2] | s:inquiry/s:qa/s:entry[@n=3]" 3
  count "s:requests/s:request/s:list/s:item[@label='①'] | s:requests/s:request/s:list/s:item[@label='②']" 2
  ;;
shift-jis)
  iconv -f UTF-8 -t SHIFT_JIS "$cases/sjis-source.txt" >"$tmp/sjis.txt" || fail "iconv"
  cmp -s "$cases/sjis-source.txt" "$tmp/sjis.txt" && fail "the Shift_JIS file equals the UTF-8 one"
  import "$tmp/sjis.txt" --encoding SHIFT_JIS
  valid "$tmp/out.xml"
  roundtrip "$cases/sjis-source.txt" "$tmp/out.xml"
  count "s:held[@manner='written']" 1
  count "s:attendees/s:person" 4
  # the same text as CP932, the Windows form of Shift_JIS
  iconv -f UTF-8 -t CP932 "$cases/sjis-source.txt" >"$tmp/cp932.txt" || fail "iconv"
  import "$tmp/cp932.txt" --encoding CP932
  roundtrip "$cases/sjis-source.txt" "$tmp/out.xml"
  # UTF-16 with its byte-order mark (Windows' "Unicode" text) needs no --encoding
  iconv -f UTF-8 -t UTF-16 "$cases/sjis-source.txt" >"$tmp/utf16.txt" || fail "iconv"
  import "$tmp/utf16.txt"
  roundtrip "$cases/sjis-source.txt" "$tmp/out.xml"
  # an encoding iconv does not know is a usage error (exit 2), named as such
  "$MINUTES" import "$tmp/sjis.txt" --encoding NO-SUCH-ENCODING -o "$tmp/x.xml" 2>"$tmp/err"
  [ $? -eq 2 ] || fail "an unknown encoding should exit 2"
  said "unknown encoding 'NO-SUCH-ENCODING'"
  # without --encoding the bytes are not UTF-8: a clear error naming the line, exit 1; the
  # hint names CP932, which reads every Shift_JIS file (and the Windows characters too)
  "$MINUTES" import "$tmp/sjis.txt" -o "$tmp/x.xml" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "Shift_JIS read as UTF-8 should exit 1"
  said "sjis.txt:1: error: .*--encoding CP932"
  [ ! -e "$tmp/x.xml" ] || fail "an output was written"
  ;;
unknown-lines)
  import "$cases/unknown-lines.txt"
  said "unknown-lines.txt:5: warning:"
  said "unknown-lines.txt:11: warning:"
  valid "$tmp/out.xml"
  roundtrip "$cases/unknown-lines.txt" "$tmp/out.xml"
  count "s:held/s:p[contains(., '会議室は変更の可能性あり')]" 1
  count "s:inquiry/s:title[contains(., '(資料は別添)')]" 1
  # a text that stops mid-sentence, without a line end: the last block ends with <cut/>
  cat "$cases/unknown-lines.txt" >"$tmp/cut.txt"
  printf '・二つ目の意見は途中で' >>"$tmp/cut.txt"
  import "$tmp/cut.txt"
  said "cut.txt:19: warning: .*<cut/>"
  valid "$tmp/out.xml"
  count "s:inquiry/s:opinions/s:opinion[2]/s:p[.='二つ目の意見は途中で']/s:cut" 1
  ;;
invalid-utf8)
  printf '会 議 録\n\n名称\t令和3年度第1回 \377審議会\n' >"$tmp/bad.txt"
  "$MINUTES" import "$tmp/bad.txt" -o "$tmp/x.xml" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "want exit 1"
  cat "$tmp/err" >&2
  said "bad.txt:3: error:"
  [ ! -e "$tmp/x.xml" ] || fail "an output was written"
  ;;
invalid-shift-jis)
  iconv -f UTF-8 -t SHIFT_JIS "$cases/sjis-source.txt" >"$tmp/sjis.txt" || fail "iconv"
  printf '\202\n' >>"$tmp/sjis.txt"   # a lead byte without its trail byte, on the last line
  lines=$(wc -l <"$tmp/sjis.txt")
  "$MINUTES" import "$tmp/sjis.txt" --encoding SHIFT_JIS -o "$tmp/x.xml" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "want exit 1"
  cat "$tmp/err" >&2
  said "sjis.txt:$lines: error:"
  [ ! -e "$tmp/x.xml" ] || fail "an output was written"
  ;;
unwritable-output)
  # a folder that does not exist: exit 2, a message naming the file, nothing left behind
  "$MINUTES" import "$cases/no-opinions.txt" -o "$tmp/no/such/folder/x.xml" 2>"$tmp/err"
  [ $? -eq 2 ] || fail "want exit 2"
  cat "$tmp/err" >&2
  said "x.xml: error: cannot create the file"
  # a text that cannot be read: exit 2
  "$MINUTES" import "$tmp/missing.txt" -o "$tmp/x.xml" 2>"$tmp/err"
  [ $? -eq 2 ] || fail "want exit 2 for a missing input"
  said "missing.txt: error: cannot read the file"
  # usage: no -o
  "$MINUTES" import "$cases/no-opinions.txt" 2>"$tmp/err"
  [ $? -eq 2 ] || fail "want exit 2 without -o"
  [ ! -e "$tmp/x.xml" ] || fail "an output was written"
  ;;
scrambled)
  # the seed and a speech record, scrambled (lines shuffled, cut at a 、 and joined at random
  # with a fixed seed, stray tabs and markers added; awk works on bytes, so cuts stay on
  # characters): the import may warn or refuse, never crash, and whatever it writes is
  # well-formed and keeps its namespace; most scrambles import (the 日時 row survives)
  written=0
  for n in 1 2 3 4 5 6; do
    cat "$seed" "$cases/speech.txt" | awk -v seed=$n '
      BEGIN { srand(seed) }
      { line[NR] = $0 }
      END {
        for (i = 1; i <= NR; i++) { j = int(rand() * NR) + 1; t = line[i]; line[i] = line[j]; line[j] = t }
        for (i = 1; i <= NR; i++) {
          l = line[i]
          r = rand()
          if (r < 0.15) { k = split(l, part, "、"); l = part[int(rand() * k) + 1] }
          else if (r < 0.25) l = l "\t" line[int(rand() * NR) + 1]
          else if (r < 0.30) l = "\t\t" l
          else if (r < 0.35) l = "○" l
          else if (r < 0.40) l = "- " l
          print l
        }
      }' >"$tmp/scrambled.txt"
    "$MINUTES" import "$tmp/scrambled.txt" -o "$tmp/s.xml" 2>"$tmp/err"
    st=$?
    [ $st -le 1 ] || { cat "$tmp/err" >&2; fail "exit status $st on scramble $n"; }
    grep -q "not UTF-8" "$tmp/err" && fail "scramble $n made bytes that are not UTF-8: the test is broken"
    [ -e "$tmp/s.xml" ] && written=$((written + 1))
    if [ -e "$tmp/s.xml" ]; then
      xmllint --noout "$tmp/s.xml" || fail "scramble $n wrote XML that is not well-formed"
      "$IMPORT_CHECK" count "$tmp/s.xml" "/s:session" 1 || fail "scramble $n: no session root"
      rm -f "$tmp/s.xml"
    fi
  done
  [ $written -ge 3 ] || fail "only $written of 6 scrambles were written: the test checks too little"
  ;;
no-date-keeps-old-output)
  # a failed import writes nothing
  grep -v '^日時' "$cases/no-opinions.txt" >"$tmp/nodate.txt"
  "$MINUTES" import "$tmp/nodate.txt" -o "$tmp/x.xml" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "want exit 1"
  cat "$tmp/err" >&2
  said "error: no 日時 row"
  [ ! -e "$tmp/x.xml" ] || fail "a file was written"
  # import never replaces a file (it may hold corrections made by hand), whether the import
  # would pass validation or not; it says so before reading the text
  for src in "$cases/no-opinions.txt" "$tmp/nodate.txt"; do
    echo "corrected by hand" >"$tmp/x.xml"
    "$MINUTES" import "$src" -o "$tmp/x.xml" 2>"$tmp/err"
    [ $? -eq 2 ] || fail "want exit 2 for an existing output"
    said "x.xml: error: this file exists, and import never replaces a file"
    [ "$(cat "$tmp/x.xml")" = "corrected by hand" ] || fail "the existing file was changed"
  done
  [ -z "$(ls -A "$tmp" | grep '^\.x\.xml')" ] || fail "a temporary was left behind"
  # nor the text it reads
  cp "$cases/no-opinions.txt" "$tmp/same.txt"
  "$MINUTES" import "$tmp/same.txt" -o "$tmp/./same.txt" 2>"$tmp/err"
  [ $? -eq 2 ] || fail "want exit 2 for -o naming the input"
  cmp -s "$tmp/same.txt" "$cases/no-opinions.txt" || fail "the input was changed"
  ;;
wrong-weekday)
  # a weekday that is not the date's: warned at import, kept as written; the XML is written
  # but does not pass `minutes validate`, so the import exits 1 and says so
  sed 's/令和4年7月1日(金)/令和4年7月1日(月)/' "$cases/no-opinions.txt" >"$tmp/weekday.txt"
  grep -q '7月1日(月)' "$tmp/weekday.txt" || fail "the test input was not changed"
  "$MINUTES" import "$tmp/weekday.txt" -o "$tmp/out.xml" 2>"$tmp/err"
  st=$?
  cat "$tmp/err" >&2
  [ $st -eq 1 ] || fail "want exit 1, got $st"
  said "weekday.txt:4: warning: .*令和4年7月1日(月)"
  said "out.xml: error: .*minutes validate"
  count "s:dates/s:start[.='令和4年7月1日(月)' and @iso='2022-07-01']" 1
  ;;
real-01-meguro)
  import "$here/real/01-meguro-kugikai-r7-1teirei-d1.txt"
  valid "$tmp/out.xml"
  speech "$here/real/01-meguro-kugikai-r7-1teirei-d1.txt" "$tmp/out.xml"
  count "s:dates/s:held-on[@iso='2025-02-17']" 1
  count "s:council[.='目黒区議会']" 1
  count "s:speech-record/s:turn" 25
  count "s:speech-record/s:turn/s:speaker[s:name='おのせ康裕' and s:role='議長']" 10
  count "s:speech-record/s:turn/s:speaker[s:role='２０番' and s:name='鈴木まさし議員']" 2
  count "s:speech-record/s:section[.='会議録署名議員の指名']" 1
  count "s:speech-record/s:stage[.='〔「異議なし」と呼ぶ者あり〕']" 1
  # the hand-made XML of this session's first 151 lines (input/r07-1-kugikai-excerpt.xml):
  # the import's speech record begins with exactly its turns, heads, notes, rules and text
  "$IMPORT_CHECK" speech-prefix "$tmp/out.xml" "$SOURCE_ROOT/input/r07-1-kugikai-excerpt.xml" || fail "the speech record differs from the hand-made excerpt"
  # and its element tree, attributes included, is what the import makes of those lines
  import "$SOURCE_ROOT/tests/data/sources/r07-1-kugikai-d1.head.txt"
  "$IMPORT_CHECK" skeleton "$tmp/out.xml" "$SOURCE_ROOT/input/r07-1-kugikai-excerpt.xml" || fail "the excerpt's structure is not the import's"
  ;;
real-02-hirosaki)
  import "$here/real/02-hirosaki-shigikai-r5-1teirei-1go.txt"
  valid "$tmp/out.xml"
  speech "$here/real/02-hirosaki-shigikai-r5-1teirei-1go.txt" "$tmp/out.xml"
  count "s:dates/s:held-on[@iso='2023-02-17']" 1
  count "s:council[.='弘前市議会']" 1
  # the scraper's page markers are page furniture: one note, none in the session
  said "1go.txt:118: note: dropped 3 page markers"
  count "//text()[contains(., 'PAGE')]" 0
  # the front matter as structure: rosters (25 + 3 members, 27 officials, 7 staff), the
  # order of business with its 30 bills under item 4, the business taken up
  count "s:attendees/s:group" 4
  count "s:attendees/s:group[@kind='present']/s:person[@seat and @suffix='議員']" 25
  count "s:attendees/s:group[@kind='present']/s:person[@seat=13 and .='尾﨑寿一']" 1
  count "s:attendees/s:group[@kind='absent']/s:person" 3
  count "s:attendees/s:group[@kind='officials' and @label='地方自治法第121条による出席者']/s:person[@role]" 27
  count "s:attendees/s:group[@kind='officials']/s:person[@role='選挙管理委員会委員長' and .='工藤金幸']" 1
  count "s:attendees/s:group[@kind='secretariat']/s:person[@role]" 7
  count "s:agenda[@kind='order']/s:entry" 4
  count "s:agenda[@kind='order']/s:entry[@n=4 and @label='第４']/s:br" 29
  count "s:agenda[@kind='business' and @label='本日の会議に付した事件']/s:note[.='議事日程に同じ']" 1
  count "s:held/*" 0
  count "s:speech-record/s:turn/s:speaker[s:role='議長' and s:name='清野一榮議員']" 10
  count "s:speech-record/s:turn/s:speaker[s:role='市長' and s:name='櫻田　宏']" 1
  ;;
real-04b-env-plain)
  import "$here/real/04b-env-chuokankyo-shingikai-113.plain.txt"
  valid "$tmp/out.xml"
  speech "$here/real/04b-env-chuokankyo-shingikai-113.plain.txt" "$tmp/out.xml"
  count "s:dates/s:held-on[@iso='2024-01-29']" 1
  count "s:held[@manner='hybrid']" 1
  count "s:speech-record/s:turn" 85
  count "s:speech-record/s:turn/s:speaker[s:name='東岡' and s:role='計画官']" 2
  count "s:speech-record/s:turn/s:speaker[s:name='髙橋（清）' and s:role='委員']" 1
  ;;
real-04-env-tei)
  # the TEI (Parla-CLARIN) form of the same session as 04b: speakers from persName
  import "$here/real/04-env-chuokankyo-shingikai-113.tei-body.xml.txt"
  silent
  valid "$tmp/out.xml"
  "$IMPORT_CHECK" speech-tei "$here/real/04-env-chuokankyo-shingikai-113.tei-body.xml.txt" "$tmp/out.xml" || fail "characters lost"
  count "s:dates/s:held-on[@iso='2024-01-29']" 1
  count "s:held[@manner='hybrid']" 1
  count "s:speech-record/s:turn" 85
  count "s:speech-record/s:turn/s:p" 395
  count "s:speech-record/s:turn/s:speaker[s:name='髙橋（清）' and s:role='委員']" 1
  count "s:speech-record/s:stage[.='午前１１時５６分閉会']" 1
  ;;
real-03-sumida-json)
  # DiscussNet JSON: one record per speech, bodies in <pre>; ◎ marks an answer's speaker,
  # learned as a turn mark of this file and kept (turn/@mark)
  import "$here/real/03-sumida-kugikai-r6-12kinkyu.json.txt"
  said "json.txt:21: note: speaker turns open with: ○ 19, ◎ 4"
  valid "$tmp/out.xml"
  count "s:speech-record/s:turn[@mark='◎']" 4
  count "s:speech-record/s:turn[@mark='◎']/s:speaker[s:role='副区長' and s:name='岸川紀子']" 2
  count "s:attendees/s:group[@kind='present']/s:person[@seat]" 32
  count "s:attendees/s:group[@kind='officials']/s:person[@role='子ども・子育て支援部長' and .='酒井敏春']" 1
  count "s:attendees/s:group[@kind='absent']/s:note[.='なし']" 1
  count "s:agenda[@kind='order' and not(@label)]/s:heading" 1
  count "s:agenda[@kind='order' and @label='追加議事日程']/s:entry" 1
  "$IMPORT_CHECK" speech-json "$here/real/03-sumida-kugikai-r6-12kinkyu.json.txt" "$tmp/out.xml" || fail "characters lost"
  count "s:dates/s:held-on[@iso='2024-12-27']" 1
  count "s:council[.='墨田区議会']" 1
  count "s:speech-record/s:turn" 23
  count "s:speech-record/s:turn/s:speaker[s:role='副区長' and s:name='岸川紀子']" 2
  count "s:speech-record/s:turn/s:speaker[s:role='議長' and s:name='佐藤篤']" 19
  count "s:speech-record/s:section" 0
  ;;
conv-a-chair-mark)
  # a Tokyo-area committee record, extracted from a PDF: ◎ opens the chair's turns and ○
  # the others', △ the heads; speakers NAME ROLE or ROLE alone; page numbers and a running
  # head between the pages; a two-column roster with a role continued under it
  src=$here/conventions/a-chair-mark.txt
  import "$src"
  said "a-chair-mark.txt:33: note: speaker turns open with: ◎ 11, ○ 13; section heads with: △ 3"
  said "a-chair-mark.txt:50: note: dropped 3 page numbers"
  said "a-chair-mark.txt:51: note: dropped 2 running heads \"文教委員会記録（令和６年１０月２日）\""
  grep -q warning "$tmp/err" && fail "unexpected warnings"
  valid "$tmp/out.xml"
  speech "$src" "$tmp/out.xml" --running-head "文教委員会記録（令和６年１０月２日）"
  count "s:council[.='架空区議会文教委員会']" 1
  count "s:title[.='令和６年' and @issue=12]" 1
  count "s:dates/s:held-on[@iso='2024-10-02']" 1
  count "s:dates/s:time[@event='open' and @iso='10:00:00'] | s:dates/s:time[@event='close' and @iso='11:48:00']" 2
  count "s:speech-record/s:turn" 24
  count "s:speech-record/s:turn[@mark='◎']/s:speaker[s:name='山川' and s:role='委員長']" 11
  count "s:speech-record/s:turn[not(@mark)]/s:speaker[s:role='学校運営課長' and not(s:name)]" 4
  count "s:speech-record/s:section[@mark='△']" 3
  count "s:speech-record/s:stage" 3
  count "s:attendees/s:group[@kind='present']/s:person[@role='委員']" 5
  count "s:attendees/s:group[@kind='officials']/s:person[@role='生涯学習課長（図書館長兼務）' and .='松本恵美']" 1
  count "s:agenda[@kind='business' and @label='議題']/s:entry" 2
  count "//text()[contains(., '－ 1 －') or contains(., '文教委員会記録（')]" 0
  ;;
conv-b-close-bracket)
  # a town committee record: no mark, the speaker closed by a bracket only
  # (谷田川委員長)ただ今から…), header rows 1.日 時 / 1.出席委員, and the year only in
  # 令和元年度 with the day as （11月19日） (before issue 17: "no 日時 row", no import)
  src=$here/conventions/b-close-bracket.txt
  import "$src"
  said "b-close-bracket.txt:20: note: speaker turns open with: a speaker closed by a bracket only (ROLE)text) 21"
  said "b-close-bracket.txt:1: note: the day （11月19日） is written without its year; in the fiscal year 2019 of the title it is 2019-11-19"
  grep -q warning "$tmp/err" && fail "unexpected warnings"
  valid "$tmp/out.xml"
  speech "$src" "$tmp/out.xml"
  count "s:title[.='令和元年度' and @fiscal-year=2019]" 1
  count "s:council[.='見本町議会総務常任委員会']" 1
  count "s:dates/s:held-on[.='（11月19日）' and @iso='2019-11-19']" 1
  count "s:place[.='見本町役場　第１委員会室']" 1
  count "s:speech-record/s:turn[@mark=')']" 21
  count "s:speech-record/s:turn/s:speaker[s:name='谷田川' and s:role='委員長']" 10
  # a role of the roster is a role, not a name and a shorter role (総務課長, not 総務 + 課長)
  count "s:speech-record/s:turn/s:speaker[s:role='税務課長' and not(s:name)]" 3
  count "s:speech-record/s:turn/s:speaker[s:role='町長' and not(s:name)]" 1
  count "s:attendees/s:group[@kind='present']/s:person[@role]" 5
  count "s:attendees/s:group[@kind='present']/s:person[@role='委員長' and .='谷田川元']" 1
  count "s:attendees/s:group[@kind='officials']/s:person[@role='企画財政課長' and .='長谷川誠']" 1
  count "s:attendees/s:group[@kind='secretariat' and @label='職務のため出席した者']/s:person[@role='議会事務局長']" 1
  count "s:agenda[@kind='business' and not(@label)]/s:entry" 3
  count "s:speech-record/s:stage[.='午前10時41分　休憩']" 1
  ;;
conv-c-large-circle)
  # a town assembly record: ◯ (U+25EF) opens turns, ◎ heads; half-width brackets and 君
  # (◯議会事務局長(中路崇弘君)); a roster with 君 after each name; 開議 / 散会 rows
  src=$here/conventions/c-large-circle.txt
  import "$src"
  said "c-large-circle.txt:38: note: speaker turns open with: ◯ 23; section heads with: ◎ 6"
  grep -q warning "$tmp/err" && fail "unexpected warnings"
  valid "$tmp/out.xml"
  speech "$src" "$tmp/out.xml"
  count "s:council[.='試行町議会']" 1
  count "s:title[.='令和５年第４回定例会' and @number=4 and @issue=2]" 1
  count "s:dates/s:held-on[@iso='2023-12-05']" 1
  count "s:dates/s:time[@event='sitting' and @iso='10:00:00'] | s:dates/s:time[@event='adjourn' and @iso='11:25:00']" 2
  count "s:speech-record/s:turn[@mark='◯']" 23
  count "s:speech-record/s:turn/s:speaker[s:role='議会事務局長' and s:name='中路崇弘君']" 1
  count "s:speech-record/s:section[not(@mark)]" 6
  count "s:attendees/s:group[@kind='present']/s:person[@seat and @suffix='君']" 10
  count "s:attendees/s:group[@kind='present']/s:person[@seat=2 and .='宮﨑秀樹']" 1
  count "s:attendees/s:group[@kind='absent' and @label='欠席議員（なし）']" 1
  count "s:attendees/s:group[@kind='secretariat']/s:person[@role='議会事務局長' and .='中路崇弘']" 1
  count "s:agenda[@kind='order']/s:entry[@label='日程第３']" 1
  count "s:agenda[@kind='business']/s:note[.='議事日程に同じ']" 1
  ;;
conv-c-cp932)
  # the same record in CP932 (Windows' Shift_JIS, 﨑 and ① included): without --encoding
  # the hint names CP932; SHIFT_JIS stops at the first 﨑; CP932 gives the UTF-8 import
  src=$here/conventions/c-large-circle.txt
  iconv -f UTF-8 -t CP932 "$src" >"$tmp/cp932.txt" || fail "iconv"
  grep -q '﨑' "$src" && grep -q '①' "$src" || fail "the record lacks 﨑 or ①"
  "$MINUTES" import "$tmp/cp932.txt" -o "$tmp/x.xml" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "CP932 read as UTF-8 should exit 1"
  cat "$tmp/err" >&2
  said "cp932.txt:1: error: .*reads as CP932: import it with --encoding CP932"
  "$MINUTES" import "$tmp/cp932.txt" --encoding SHIFT_JIS -o "$tmp/x.xml" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "SHIFT_JIS should fail at 﨑"
  said "cp932.txt:15: error: this line holds bytes that are not valid SHIFT_JIS"
  [ ! -e "$tmp/x.xml" ] || fail "an output was written"
  import "$src"
  cp "$tmp/out.xml" "$tmp/utf8.xml"
  import "$tmp/cp932.txt" --encoding CP932
  cmp "$tmp/utf8.xml" "$tmp/out.xml" || fail "the CP932 import differs from the UTF-8 one"
  ;;
conv-d-numbered)
  # a city assembly record with numbered turns and no mark (12　議長（佐藤和男君）　…), heads
  # in 【】, a 開会日時 row, 議事日程 as a bare label
  src=$here/conventions/d-numbered.txt
  import "$src"
  said "d-numbered.txt:28: note: speaker turns open with: numbered, without a mark 16; section heads with: 【…】 2"
  grep -q warning "$tmp/err" && fail "unexpected warnings"
  valid "$tmp/out.xml"
  speech "$src" "$tmp/out.xml"
  count "s:council[.='模擬市議会']" 1
  count "s:title[.='令和６年第１回定例会' and @issue=3]" 1
  count "s:dates/s:held-on[@iso='2024-03-04']" 1
  count "s:dates/s:time[not(@event) and @iso='10:00:00']" 1
  count "s:speech-record/s:turn[@mark='none']" 16
  count "s:speech-record/s:turn[@n=16]/s:speaker[s:role='議長' and s:name='佐藤和男君']" 1
  count "s:speech-record/s:turn[@n=14]/s:speaker[s:role='建設部長']" 1
  count "s:speech-record/s:section[@mark='none']" 2
  count "s:attendees/s:group[@kind='present']/s:person[@seat and @suffix='議員']" 8
  count "s:attendees/s:group[@kind='officials' and @label='説明員']/s:person" 5
  count "s:agenda[@kind='order' and not(@label)]/s:entry" 2
  ;;
conv-e-black-circle)
  # a city assembly record scraped from the web: ● opens turns, ◆ heads, NAME ROLE without
  # brackets (山田議長), <PAGE="n"> markers and a running head equal to the title line,
  # 開会 / 休憩 / 再開 / 閉会 rows under the 日時 row
  src=$here/conventions/e-black-circle.txt
  import "$src"
  said "e-black-circle.txt:24: note: dropped 3 page markers"
  said "e-black-circle.txt:43: note: dropped 2 running heads"
  said "e-black-circle.txt:25: note: speaker turns open with: ● 20; section heads with: ◆ 4"
  grep -q warning "$tmp/err" && fail "unexpected warnings"
  valid "$tmp/out.xml"
  speech "$src" "$tmp/out.xml" --running-head "例示市議会会議録　第２号"
  count "s:council[.='例示市議会']" 1
  count "s:title[.='令和４年第３回例示市議会臨時会' and @issue=2]" 1
  count "s:dates/s:held-on[@iso='2022-08-22']" 1
  count "s:dates/s:time" 4
  count "s:dates/s:time[3][@event='resume' and @iso='11:05:00']" 1
  count "s:speech-record/s:turn[@mark='●']" 20
  count "s:speech-record/s:turn/s:speaker[s:name='山田' and s:role='議長']" 13
  count "s:speech-record/s:turn/s:speaker[s:name='辻' and s:role='財務部長']" 2
  count "s:speech-record/s:section[@mark='◆']" 4
  count "s:attendees/s:group[@kind='present']/s:person[@seat]" 6
  count "s:agenda[@kind='business' and @label='本日の会議に付した事件']/s:entry" 3
  count "//text()[contains(., 'PAGE')]" 0
  # a line that belongs to no speaker (after a head), below the dropped page lines: its
  # warning names its line in the text (56), not its place among the lines that stayed
  sed '55a 速記中断' "$src" >"$tmp/e.txt"
  [ "$(sed -n 56p "$tmp/e.txt")" = "速記中断" ] || fail "the test input was not changed"
  import "$tmp/e.txt"
  said "e.txt:56: warning: a line between turns that belongs to no speaker"
  count "s:speech-record/s:stage[.='速記中断']" 1
  ;;
real-02-hirosaki-own-title)
  # the Hirosaki record as an archivist has it, without the provenance line a scraper put
  # first (which happens to name the council): the council is not taken from a roster
  # (its 選挙管理委員会委員長 named 選挙管理委員会 before issue 17, silently) but from the
  # record's own words, with a warning naming what was chosen
  tail -n +2 "$here/real/02-hirosaki-shigikai-r5-1teirei-1go.txt" >"$tmp/hirosaki.txt"
  import "$tmp/hirosaki.txt"
  said "hirosaki.txt:118: warning: the record's title line names no council; took \"弘前市議会\" from \"第１回弘前市議会定例会\" here"
  valid "$tmp/out.xml"
  count "s:council[.='弘前市議会']" 1
  count "//s:council[contains(., '選挙管理委員会')]" 0
  count "s:dates/s:held-on[@iso='2023-02-17']" 1
  # the same in Japanese
  env -u LC_ALL LANG=ja_JP.UTF-8 "$MINUTES" import "$tmp/hirosaki.txt" -o "$tmp/ja.xml" 2>"$tmp/err"
  cat "$tmp/err" >&2
  said "hirosaki.txt:118: 警告: "
  said "hirosaki.txt:117: 注記: "
  ;;
header-unplaced-line)
  # a front-matter line that fits no part is kept under 備考 (<remarks>), with its line
  sed 's/^２　場　　所　　第一委員会室$/２　場　　所　　第一委員会室\n　委員会条例第１６条により公開とした/' \
    "$here/conventions/a-chair-mark.txt" >"$tmp/unplaced.txt"
  grep -q '公開とした' "$tmp/unplaced.txt" || fail "the test input was not changed"
  import "$tmp/unplaced.txt"
  said "unplaced.txt:7: warning: a line of the record's front matter that is neither"
  valid "$tmp/out.xml"
  count "s:remarks/s:p[.='委員会条例第１６条により公開とした']" 1
  speech "$tmp/unplaced.txt" "$tmp/out.xml" --running-head "文教委員会記録（令和６年１０月２日）"
  ;;
real-02-hirosaki-pdf)
  # the Hirosaki record built: the front matter is set as such (rosters under their headings,
  # the order of business), not as paragraphs of the 日時 row; no page marker and no scraper
  # line is printed, and the day once
  import "$here/real/02-hirosaki-shigikai-r5-1teirei-1go.txt"
  mkdir -p "$tmp/p/input"
  cp "$tmp/out.xml" "$tmp/p/input/hirosaki.xml"
  (cd "$tmp/p" && "$MINUTES" build --strict >/dev/null) || fail "minutes build failed"
  pdf=$tmp/p/output/hirosaki.pdf
  pdfinfo "$pdf" | grep -q '^Author: *弘前市議会$' || fail "the PDF's author is not 弘前市議会"
  pdftotext -raw "$pdf" "$tmp/all.txt" || fail "pdftotext"
  grep -q 'PAGE' "$tmp/all.txt" && fail "a page marker is printed"
  grep -q 'SOURCE:' "$tmp/all.txt" && fail "the scraper's provenance is printed"
  grep -q '開催日：' "$tmp/all.txt" && fail "the scraper's 開催日 line is printed"
  [ "$(grep -c '令和5年2月17日' "$tmp/all.txt")" -eq 1 ] || fail "the day is not printed once"
  pdftotext -f 1 -l 1 -layout "$pdf" "$tmp/p1.txt" || fail "pdftotext"
  # page 1: the header table (名称, 日時) and then the rosters, in columns: １番 and ２番 on one line
  grep -q '出席議員（25名）' "$tmp/p1.txt" || fail "no roster heading on page 1"
  grep -q '１番 *樋川篤子議員 *２番 *竹浪敦議員 *３番 *竹内博之議員' "$tmp/p1.txt" || fail "the roster is not set in columns"
  grep -q '市長 *櫻田宏 *副市長 *出﨑和夫' "$tmp/p1.txt" || fail "the officials are not set in columns"
  # the HTML: a table per roster group, with a caption and scoped headers
  h=$tmp/p/output/hirosaki.html
  [ "$(grep -o '<table class="roster"' "$h" | wc -l)" -eq 4 ] || fail "not a table per roster group"
  [ "$(grep -o '<table' "$h" | wc -l)" -eq "$(grep -o '<caption' "$h" | wc -l)" ] || fail "a table without caption"
  [ "$(grep -o '<th[ >]' "$h" | wc -l)" -eq "$(grep -o '<th scope="[a-z]*"' "$h" | wc -l)" ] || fail "a th without scope"
  tidy -errors -q "$h" >/dev/null 2>"$tmp/tidy"; grep -q " - Error:" "$tmp/tidy" && { cat "$tmp/tidy"; fail "tidy errors"; }
  ;;
speech-check-fails)
  # the speech check can fail: the same XML with one character gone, or one added; in the
  # front matter too (a name of a roster, a word of an agenda item)
  import "$here/conventions/c-large-circle.txt"
  speech "$here/conventions/c-large-circle.txt" "$tmp/out.xml"
  sed 's/>宮﨑秀樹</>宮﨑秀</' "$tmp/out.xml" >"$tmp/drop.xml"
  cmp -s "$tmp/out.xml" "$tmp/drop.xml" && fail "the test did not change the roster"
  "$IMPORT_CHECK" speech "$here/conventions/c-large-circle.txt" "$tmp/drop.xml" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "a name dropped from a roster was not found"
  said "missing from the xml: 樹"
  sed 's/日程第１">一般質問</日程第１">一般質問等</' "$tmp/out.xml" >"$tmp/add.xml"
  "$IMPORT_CHECK" speech "$here/conventions/c-large-circle.txt" "$tmp/add.xml" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "a character added to an agenda item was not found"
  said "not in the source: *等"
  sed 's/<turn mark="◯">/<turn>/' "$tmp/out.xml" >"$tmp/mark.xml"
  "$IMPORT_CHECK" speech "$here/conventions/c-large-circle.txt" "$tmp/mark.xml" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "a turn mark changed (◯ to ○) was not found"
  import "$cases/speech.txt"
  speech "$cases/speech.txt" "$tmp/out.xml"
  sed 's/会期の決定/会期決定/' "$tmp/out.xml" >"$tmp/drop.xml"
  cmp -s "$tmp/out.xml" "$tmp/drop.xml" && fail "the test did not change the XML"
  "$IMPORT_CHECK" speech "$cases/speech.txt" "$tmp/drop.xml" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "a dropped character was not found"
  said "differs from"
  sed 's/<name>東岡</<name>東岡東</' "$tmp/out.xml" >"$tmp/add.xml"
  "$IMPORT_CHECK" speech "$cases/speech.txt" "$tmp/add.xml" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "an added character was not found"
  ;;
speech-variants)
  # a hand-made speech record with CRLF line ends, 元年 and full-width spaces
  sed 's/$/\r/' "$cases/speech.txt" >"$tmp/speech.txt"
  import "$tmp/speech.txt"
  valid "$tmp/out.xml"
  speech "$tmp/speech.txt" "$tmp/out.xml"
  count "s:dates/s:held-on[@iso='2019-06-03']" 1
  count "s:title[.='令和元年第2回定例会（第1日）']" 1
  count "s:council[.='架空区議会']" 1
  count "s:speech-record/*" 7
  count "s:speech-record/s:turn[1]/s:speaker[s:role='議長' and s:name='青木早苗']" 1
  count "s:speech-record/s:turn[1]/s:p" 2
  count "s:speech-record/s:section[.='会期の決定']" 1
  count "s:speech-record/s:stage" 1
  count "s:speech-record/s:turn/s:speaker[s:name='東岡' and s:role='計画官']" 1
  count "s:speech-record/s:turn/s:speaker[s:name='おのせ康裕' and s:role='議長']" 1
  count "//text()[contains(., '$(printf '\r')')]" 0
  ;;
*)
  fail "unknown case"
  ;;
esac
exit 0

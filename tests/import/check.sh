#!/bin/sh
# tests/import/check.sh CASE: one case of `minutes import` (see tests/import/meson.build).
# Environment: MINUTES, IMPORT_CHECK, ROUNDTRIP (tests/data/roundtrip), SOURCE_ROOT.
# Each case imports a text and then proves something about the XML (never only "it ran"):
#   - valid:     the XML is valid against schema/session.xsd (and `minutes validate` once it works);
#   - roundtrip: tests/data/roundtrip finds every character of the source text in the XML;
#   - struct:    import-check finds the structure of a reference XML;
#   - speech:    import-check finds every non-whitespace character of a speech record, in order;
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
speech() { "$IMPORT_CHECK" speech "$1" "$2" || fail "characters lost"; }
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
  # without --encoding the bytes are not UTF-8: a clear error naming the line, exit 1
  "$MINUTES" import "$tmp/sjis.txt" -o "$tmp/x.xml" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "Shift_JIS read as UTF-8 should exit 1"
  said "sjis.txt:1: error: .*--encoding SHIFT_JIS"
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
  ;;
real-02-hirosaki)
  import "$here/real/02-hirosaki-shigikai-r5-1teirei-1go.txt"
  valid "$tmp/out.xml"
  speech "$here/real/02-hirosaki-shigikai-r5-1teirei-1go.txt" "$tmp/out.xml"
  count "s:dates/s:held-on[@iso='2023-02-17']" 1
  count "s:council[.='弘前市議会']" 1
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
  # DiscussNet JSON: one record per speech, bodies in <pre>; ◎ marks an answer's speaker
  import "$here/real/03-sumida-kugikai-r6-12kinkyu.json.txt"
  said "json.txt:105: warning: ◎ before a speaker"
  valid "$tmp/out.xml"
  "$IMPORT_CHECK" speech-json "$here/real/03-sumida-kugikai-r6-12kinkyu.json.txt" "$tmp/out.xml" || fail "characters lost"
  count "s:dates/s:held-on[@iso='2024-12-27']" 1
  count "s:council[.='墨田区議会']" 1
  count "s:speech-record/s:turn" 23
  count "s:speech-record/s:turn/s:speaker[s:role='副区長' and s:name='岸川紀子']" 2
  count "s:speech-record/s:turn/s:speaker[s:role='議長' and s:name='佐藤篤']" 19
  count "s:speech-record/s:section" 0
  ;;
speech-check-fails)
  # the speech check can fail: the same XML with one character gone, or one added
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

#!/bin/sh
# tests/hostile/gen.sh KIND OUT: write the generated hostile input KIND to the file OUT.
# Large or binary cases are made here at test time rather than committed.
set -eu
kind=$1 out=$2
S='<session xmlns="urn:minutes:session:1">'
decl='<?xml version="1.0" encoding="UTF-8"?>'
# A valid session around $1 (text placed in the title).
session () {
  printf '%s\n%s<title>%s</title><council>情報公開・個人情報保護審議会</council>' "$decl" "$S" "$1"
  printf '<dates><decision iso="2021-05-24">令和3年5月24日</decision></dates></session>\n'
}
fo_head () {
  printf '%s\n<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:layout-master-set>' "$decl"
  printf '<fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm" margin="20mm">'
  printf '<fo:region-body/></fo:simple-page-master></fo:layout-master-set>'
  printf '<fo:page-sequence master-reference="A4" font-family="IPAexMincho" font-size="10.5pt">'
  printf '<fo:flow flow-name="xsl-region-body">\n'
}
fo_tail () { printf '</fo:flow></fo:page-sequence></fo:root>\n'; }
# N copies of the string $2 (N = $1), without a shell loop per copy.
rep () { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }

case $kind in
  text-50mb)      # a 50 MB text node: over the input size limit
    { printf '%s\n%s<title>' "$decl" "$S"; head -c 50000000 /dev/zero | tr '\0' 'a'
      printf '</title></session>\n'; } >"$out" ;;
  text-9mb)       # a 9 MB text node inside the size limit: read, then rejected as invalid
    { printf '%s\n%s<title>' "$decl" "$S"; head -c 9000000 /dev/zero | tr '\0' 'a'
      printf '</title></session>\n'; } >"$out" ;;
  deep-10000)     # 10,000 nested elements
    { printf '%s\n%s' "$decl" "$S"; rep 10000 '<p>'; rep 10000 '</p>'; printf '</session>\n'; } >"$out" ;;
  deep-10000-fo)
    { fo_head; rep 10000 '<fo:block>'; printf 'x'; rep 10000 '</fo:block>'; fo_tail; } >"$out" ;;
  deep-250-fo)    # as deep as libxml2 allows: the engine's recursion must cope
    { fo_head; rep 240 '<fo:block start-indent="1pt">'; printf '深い'; rep 240 '</fo:block>'; fo_tail; } >"$out" ;;
  rows-5000-fo)   # a 5,000-row Q&A table with a repeated header
    { fo_head
      printf '<fo:table table-layout="fixed" width="100%%"><fo:table-column column-width="12mm"/>'
      printf '<fo:table-column column-width="proportional-column-width(1)"/><fo:table-column column-width="proportional-column-width(1)"/>'
      printf '<fo:table-header><fo:table-row><fo:table-cell><fo:block>番号</fo:block></fo:table-cell>'
      printf '<fo:table-cell><fo:block>質問</fo:block></fo:table-cell><fo:table-cell><fo:block>区の考え方</fo:block></fo:table-cell></fo:table-row></fo:table-header><fo:table-body>\n'
      seq 5000 | sed 's|.*|<fo:table-row><fo:table-cell><fo:block>&</fo:block></fo:table-cell><fo:table-cell><fo:block>個人情報の取扱いについて質問します。</fo:block></fo:table-cell><fo:table-cell><fo:block>条例に基づき適切に管理します。</fo:block></fo:table-cell></fo:table-row>|'
      printf '</fo:table-body></fo:table>'; fo_tail; } >"$out" ;;
  long-cell-fo)   # one cell whose text runs over three pages
    { fo_head
      printf '<fo:table><fo:table-column column-width="proportional-column-width(1)"/><fo:table-body><fo:table-row><fo:table-cell><fo:block>'
      rep 600 '長いセルの本文です。これが三ページ以上続きます。'
      printf 'セルの終わり</fo:block></fo:table-cell></fo:table-row></fo:table-body></fo:table>'; fo_tail; } >"$out" ;;
  url-2000-fo)    # a 2,000-character URL with no break opportunity
    u="https://example.jp/$(head -c 2000 /dev/zero | tr '\0' 'x')"
    { fo_head; printf '<fo:block><fo:basic-link external-destination="url(%s)">%s</fo:basic-link></fo:block>' "$u" "$u"; fo_tail; } >"$out" ;;
  bom-utf8)       # a UTF-8 byte order mark before the declaration: fine
    { printf '\357\273\277'; session 'BOM付き'; } >"$out" ;;
  bom-utf16)      # the whole file in UTF-16LE with its BOM: fine
    { printf '\377\376'; session 'UTF-16' | sed 's/encoding="UTF-8"/encoding="UTF-16"/' | iconv -f UTF-8 -t UTF-16LE; } >"$out" ;;
  sjis-as-utf8)   # Shift_JIS bytes in a file that says UTF-8
    session '会議録' | iconv -f UTF-8 -t SHIFT_JIS >"$out" ;;
  sjis-declared)  # Shift_JIS, declared as such: libxml2 converts it; the text is right
    session '会議録' | sed 's/encoding="UTF-8"/encoding="Shift_JIS"/' | iconv -f UTF-8 -t SHIFT_JIS >"$out" ;;
  unknown-encoding)
    session 'x' | sed 's/encoding="UTF-8"/encoding="X-NO-SUCH-CHARSET"/' >"$out" ;;
  invalid-utf8)   # a stray continuation byte and a truncated sequence in the text
    session "$(printf 'ab\200cd\343\201')" >"$out" ;;
  overlong-utf8)  # '<' written as an overlong two-byte sequence
    session "$(printf 'a\300\274b')" >"$out" ;;
  nul-byte)
    session "$(printf 'a')" | sed 's/<title>a/<title>a\x00b/' >"$out" ;;
  control-raw)    # ESC (terminal escape) and BEL written raw
    session "$(printf 'a\033[31mred\007')" >"$out" ;;
  quadratic)      # one 20 KB entity referenced 20,000 times (400 MB if expanded)
    { printf '%s\n<!DOCTYPE session [<!ENTITY a "' "$decl"; head -c 20000 /dev/zero | tr '\0' 'a'
      printf '">]>\n%s<title>' "$S"; rep 20000 '&a;'; printf '</title></session>\n'; } >"$out" ;;
  quadratic-fo)
    { printf '%s\n<!DOCTYPE fo:root [<!ENTITY a "' "$decl"; head -c 20000 /dev/zero | tr '\0' 'a'
      printf '">]>\n'; fo_head | sed 1d; printf '<fo:block>'; rep 20000 '&a;'; printf '</fo:block>'; fo_tail; } >"$out" ;;
  many-attrs)     # 100,000 attributes on one element
    { printf '%s\n<session xmlns="urn:minutes:session:1" ' "$decl"; seq 100000 | sed 's/.*/a&="x"/' | tr '\n' ' '
      printf '><title>x</title></session>\n'; } >"$out" ;;
  long-name)      # a 1 MB element name
    { printf '%s\n%s<' "$decl" "$S"; head -c 1000000 /dev/zero | tr '\0' 'n'; printf '/></session>\n'; } >"$out" ;;
  many-equals)    # 5,000 '=' in text, a comment, a PI and attribute values: not attributes
    e=$(rep 5000 '=')
    { printf '%s\n<!-- %s > -->\n<?pi %s?>\n' "$decl" "$e" "$e"
      printf "<session xmlns=\"urn:minutes:session:1\" xmlns:x=\"urn:x\" x:a=\"%s\" x:b='%s>'>" "$e" "$e"
      printf '<title>%s</title><council>審議会</council>' "$e"
      printf '<dates><decision iso="2021-05-24">令和3年5月24日</decision></dates></session>\n'; } >"$out" ;;
  pages-10001-fo) # a page break before each of 10,001 blocks: over the page limit
    { fo_head; awk 'BEGIN { for (i = 0; i <= 10000; i++) printf "<fo:block break-before=\"page\">%d</fo:block>\n", i }'
      fo_tail; } >"$out" ;;
  qa-5000)        # a session whose Q&A table has 5,000 rows
    { printf '%s\n%s<title>令和3年度第1回</title><council>情報公開・個人情報保護審議会</council>' "$decl" "$S"
      printf '<dates><decision iso="2021-05-24">令和3年5月24日</decision></dates>'
      printf '<inquiry n="1"><title>個人情報の取扱いについて</title><qa>\n'
      awk 'BEGIN { for (i = 1; i <= 5000; i++) printf "<entry n=\"%d\"><question><p>質問%dの本文です。</p></question><answer><p>回答%dです。</p></answer></entry>\n", i, i, i }'
      printf '</qa></inquiry></session>\n'; } >"$out" ;;
  qa-long-answer) # one answer longer than three pages, then a URL of 2,000 characters
    u="https://example.jp/$(head -c 2000 /dev/zero | tr '\0' 'x')"
    { printf '%s\n%s<title>令和3年度第1回</title><council>情報公開・個人情報保護審議会</council>' "$decl" "$S"
      printf '<dates><decision iso="2021-05-24">令和3年5月24日</decision></dates>'
      printf '<inquiry n="1"><title>長い回答</title><qa><entry n="1"><question><p>質問</p></question><answer><p>'
      rep 600 '長い回答の本文です。これが三ページ以上続きます。'
      printf '回答の終わり</p><p><a href="%s">%s</a></p></answer></entry></qa></inquiry></session>\n' "$u" "$u"; } >"$out" ;;
  fifo|fifo-fo)   # a named pipe: reading it would block for ever
    rm -f "$out"; mkfifo "$out" ;;
  # Lengths within ±100,000pt that add up past 2^31 Pango units (signed overflow, which used
  # to make the normal build write an empty PDF): nesting, stacking, columns.
  indent-sum-fo)  # 30 nested blocks, each 99,999pt further right
    { fo_head; rep 30 '<fo:block margin-left="99999pt" margin-right="-99999pt">'; printf '右へ'; rep 30 '</fo:block>'; fo_tail; } >"$out" ;;
  height-sum-fo)  # 30 nested blocks, each with 99,999pt of space, padding and border above and below
    { fo_head; rep 30 '<fo:block space-before="99999pt" space-after="99999pt" padding-top="99999pt" padding-bottom="99999pt" border-top="99999pt solid black" border-bottom="99999pt solid black">'
      printf '下へ'; rep 30 '</fo:block>'; fo_tail; } >"$out" ;;
  cell-sum-fo)    # 25 nested tables whose cells have 99,999pt of padding and border
    { fo_head; rep 25 '<fo:table><fo:table-body><fo:table-row><fo:table-cell border="99999pt solid black" padding="99999pt"><fo:block>'
      printf 'x'; rep 25 '</fo:block></fo:table-cell></fo:table-row></fo:table-body></fo:table>'; fo_tail; } >"$out" ;;
  columns-sum-fo) # 40 columns of 99,999pt: far wider than the page
    { fo_head; printf '<fo:table>'; rep 40 '<fo:table-column column-width="99999pt"/>'
      printf '<fo:table-body><fo:table-row>'; rep 40 '<fo:table-cell><fo:block>列</fo:block></fo:table-cell>'
      printf '</fo:table-row></fo:table-body></fo:table>'; fo_tail; } >"$out" ;;
  text-indent-neg-fo) # the first line 99,999pt left of the page
    { fo_head; printf '<fo:block text-indent="-99999pt">左へ</fo:block>'; fo_tail; } >"$out" ;;
  nowrap-fo)      # a line that may not wrap, 300 characters long: far past the right edge
    { fo_head; printf '<fo:block wrap-option="no-wrap">'; rep 300 'あ'; printf '</fo:block>'; fo_tail; } >"$out" ;;
  column-number-fo) # column-number="2147483647": a table that many columns wide (14.7 GB)
    { fo_head; printf '<fo:table><fo:table-body><fo:table-row><fo:table-cell column-number="2147483647"><fo:block>x</fo:block></fo:table-cell>'
      printf '</fo:table-row></fo:table-body></fo:table>'; fo_tail; } >"$out" ;;
  item-8000-lines) # one list item of 8,000 lines (8,000 <br/> in one run of inline content):
    # the stylesheet grouped runs by counting siblings, quadratic: it stopped at its limit
    { printf '%s\n%s<title>令和3年度第1回</title><council>情報公開・個人情報保護審議会</council>' "$decl" "$S"
      printf '<dates><decision iso="2021-05-24">令和3年5月24日</decision></dates>'
      printf '<inquiry n="1"><title>長い項目</title><qa><entry n="1"><question><p>質問</p></question><answer><list><item>'
      awk 'BEGIN { for (i = 1; i <= 8000; i++) printf "行%d<br/>", i }'
      printf '項目の終わり</item></list></answer></entry></qa></inquiry></session>\n'; } >"$out" ;;
  *) echo "gen.sh: unknown kind $kind" >&2; exit 2 ;;
esac

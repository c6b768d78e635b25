#!/bin/sh
# tests/hostile/xsl-links.sh: the stylesheets publish no javascript:, vbscript:, data: or
# file: link even when the session was never validated (xsl/links.xsl, issue 13).  Runs
# xsltproc -- not minutes, which refuses the session before any stylesheet sees it -- on
# inputs/link-schemes.xml (six hostile addresses, five good ones) and checks that exactly the
# five good addresses come out as links in the HTML page and in the FO, and that the text of
# every link is still printed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=${SOURCE_ROOT:-$here/../..}
command -v xsltproc >/dev/null || { echo "SKIP: xsltproc is not installed"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
in=$here/inputs/link-schemes.xml
fail=0
good='https://example.jp/a(b)c*d
mailto:kugikai@example.jp
../r02/r02-2.pdf
#top
/a:b'
xsltproc "$src/xsl/session-html.xsl" "$in" >"$tmp/page.html" || { echo "FAIL: xsltproc session-html.xsl"; exit 1; }
xsltproc "$src/xsl/session-fo.xsl" "$in" >"$tmp/page.fo" || { echo "FAIL: xsltproc session-fo.xsl"; exit 1; }
# the backslash is %5C in HTML and \ in the FO: compare with it masked
grep -o '<a href="[^"]*"' "$tmp/page.html" | sed 's/^<a href="//; s/"$//; s/%5C/*/' >"$tmp/html-links"
grep -o "external-destination=\"url('[^']*')\"" "$tmp/page.fo" | sed "s/^external-destination=\"url('//; s/')\"\$//; s/\\\\/*/" >"$tmp/fo-links"
for f in html-links fo-links; do
  if [ "$(cat "$tmp/$f")" != "$good" ]; then
    echo "FAIL: $f: the links published are not exactly the five allowed ones:"; cat "$tmp/$f"; fail=1
  else
    echo "ok: $f: the five allowed links, none of the six hostile ones"
  fi
done
if grep -Eiq 'href="[[:space:]]*(java|vb)|href="[[:space:]]*(data|file):' "$tmp/page.html"; then
  echo "FAIL: a hostile href reached the HTML"; fail=1; fi
for t in '>a<' '>b<' '>c<' '>d<' '>e<' '>f<'; do
  grep -q -- "$t" "$tmp/page.html" || { echo "FAIL: the text of a refused link ($t) is missing from the page"; fail=1; }
done
[ $fail = 0 ] && echo "xsl-links: passed"
exit $fail

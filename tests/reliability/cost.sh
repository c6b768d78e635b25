#!/bin/sh
# tests/reliability/cost.sh: work that would grow faster than the input is bounded, with a
# message that names the session (docs/hardening.md, "Limits"):
#   - a stylesheet doing quadratic work stops at the operation limit for the document's size,
#     and the message names the session, the stylesheet and the limit (it used to say only
#     "xsl/…:806: Operation limit exceeded").
# (A valid session that used to stop at the limit, one list item of 8,000 lines, is the hostile
# case build-item-8000-lines; the time and memory of the large valid inputs are measured by
# bench/linear.)
set -u
M=${MINUTES:?set MINUTES to the minutes program}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tally.sh"

sh "$SOURCE_ROOT/tests/hostile/gen.sh" qa-5000 "$tmp/qa.xml" || exit 1
cat >"$tmp/quadratic.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <!-- for every node, count every node: quadratic in the document -->
  <xsl:template match="/"><r><xsl:value-of select="count(//node()[count(//node()) &gt; 0])"/></r></xsl:template>
</xsl:stylesheet>
XSL
case=quadratic-stylesheet
start=$(date +%s)
timeout 120 "$M" fo --stylesheet "$tmp/quadratic.xsl" "$tmp/qa.xml" >/dev/null 2>"$tmp/err"; st=$?
took=$(( $(date +%s) - start ))
if [ $st != 1 ]; then bad "exit $st, want 1"
elif ! grep -q "qa.xml: error: the stylesheet .*quadratic.xsl stopped at the limit of work it may do for a document of [0-9]* nodes" "$tmp/err"; then
  bad "no message naming the session and the limit"
else ok; echo "    (stopped after ${took}s)"; fi

tally cost

<?xml version="1.0" encoding="UTF-8"?>
<!-- bench/typst/session-typst.xsl: a session (urn:minutes:session:1, the Q&A form) as a Typst
     document with the layout of xsl/session-fo.xsl — A4, the same margins, IPAex Mincho 10.5pt
     with Gothic headings, the header table, each inquiry's Q&A table (番号 / 質問 / 区の考え方,
     table.header repeated on every page, rows that break across pages), opinions as a list,
     requests and answers, a running header from page 2 and "n / N" in the footer.  Only for
     bench/run: Typst beside FOP on the same text and fonts.  xsltproc session-typst.xsl S.xml -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:s="urn:minutes:session:1" exclude-result-prefixes="s">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:strip-space elements="*"/>
  <xsl:preserve-space elements="s:p s:item s:entry s:material s:person s:council s:title s:start s:decision"/>

  <xsl:template match="/s:session">
    <xsl:text>#set document(title: "会議録 </xsl:text><xsl:call-template name="str"><xsl:with-param name="t" select="concat(s:title, ' ', s:council)"/></xsl:call-template><xsl:text>")
#set page(paper: "a4", margin: (top: 27mm, bottom: 24mm, left: 20mm, right: 20mm),
  header: context { if here().page() > 1 { set text(font: "IPAexGothic", size: 8.4pt); align(right)[</xsl:text>
    <xsl:apply-templates select="s:council" mode="text"/><xsl:text>　</xsl:text><xsl:apply-templates select="s:title" mode="text"/>
    <xsl:text> 会議録]; line(length: 100%, stroke: 0.5pt) } },
  footer: context { set text(size: 8.4pt); align(center)[#counter(page).display() / #counter(page).final().first()] })
#set text(font: "IPAexMincho", size: 10.5pt, lang: "ja")
#set par(justify: true, leading: 0.7em)
#set table(stroke: 0.5pt, inset: (x: 1.5mm, y: 1.2mm))
#show table: set par(leading: 0.6em)
#show table.cell.where(y: 0): set text(font: "IPAexGothic")
#align(center, text(font: "IPAexGothic", size: 17.85pt)[会議録])
#v(5mm)
#table(columns: (24mm, 1fr), align: (left, left),
  table.cell(fill: luma(238))[#text(font: "IPAexGothic")[名称]], [</xsl:text>
    <xsl:apply-templates select="s:title" mode="text"/><xsl:text> </xsl:text><xsl:apply-templates select="s:council" mode="text"/>
    <xsl:text>],
  table.cell(fill: luma(238))[#text(font: "IPAexGothic")[日時]], [</xsl:text>
    <xsl:for-each select="s:dates/*">
      <xsl:text>#grid(columns: (6em, 1fr), text(font: "IPAexGothic")[</xsl:text>
      <xsl:choose>
        <xsl:when test="self::s:start">審議開始日</xsl:when>
        <xsl:when test="self::s:decision">議　決　日</xsl:when>
        <xsl:otherwise><xsl:value-of select="local-name()"/></xsl:otherwise>
      </xsl:choose>
      <xsl:text>], [</xsl:text><xsl:apply-templates mode="text"/><xsl:text>])
</xsl:text>
    </xsl:for-each>
    <xsl:apply-templates select="s:held/s:p"/>
    <xsl:text>],
  table.cell(fill: luma(238))[#text(font: "IPAexGothic")[参加者]], [</xsl:text>
    <xsl:for-each select="s:attendees/s:person"><xsl:if test="position() > 1">、</xsl:if><xsl:apply-templates mode="text"/></xsl:for-each>
    <xsl:text>],
  table.cell(fill: luma(238))[#text(font: "IPAexGothic")[配布資料]], [</xsl:text>
    <xsl:for-each select="s:materials/s:material"><xsl:apply-templates mode="text"/><xsl:text> </xsl:text></xsl:for-each>
    <xsl:text>],
  table.cell(fill: luma(238))[#text(font: "IPAexGothic")[諮問事項]], [</xsl:text>
    <xsl:for-each select="s:agenda/s:entry"><xsl:text>(</xsl:text><xsl:value-of select="@n"/><xsl:text>)</xsl:text><xsl:apply-templates mode="text"/><xsl:text> \
</xsl:text></xsl:for-each>
    <xsl:text>],
  table.cell(fill: luma(238))[#text(font: "IPAexGothic")[発言の記録]], [</xsl:text>
    <xsl:apply-templates select="s:record-note" mode="text"/>
    <xsl:text>],
)
</xsl:text>
    <xsl:apply-templates select="s:inquiry | s:requests"/>
  </xsl:template>

  <xsl:template match="s:inquiry">
    <xsl:text>
#v(9mm, weak: true)
#block(sticky: true, text(font: "IPAexGothic", size: 13.13pt)[諮問事項</xsl:text><xsl:value-of select="@n"/><xsl:text>])
#block(sticky: true, text(font: "IPAexGothic", size: 11.55pt)[</xsl:text><xsl:apply-templates select="s:title" mode="text"/><xsl:text>])
</xsl:text>
    <xsl:apply-templates select="s:qa | s:opinions"/>
  </xsl:template>

  <xsl:template match="s:qa">
    <xsl:text>#table(columns: (11mm, 1fr, 1fr), align: (center, left, left),
  table.header(table.cell(fill: luma(238))[番号], table.cell(fill: luma(238))[質問], table.cell(fill: luma(238))[区の考え方]),
</xsl:text>
    <xsl:for-each select="s:entry">
      <xsl:text>  [</xsl:text><xsl:value-of select="@n"/><xsl:text>], [</xsl:text>
      <xsl:apply-templates select="s:question/*"/>
      <xsl:text>], [</xsl:text>
      <xsl:apply-templates select="s:answer/* | s:follow-up"/>
      <xsl:text>],
</xsl:text>
    </xsl:for-each>
    <xsl:text>)
</xsl:text>
  </xsl:template>

  <xsl:template match="s:follow-up">
    <xsl:value-of select="@label"/><xsl:text> \
</xsl:text>
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="s:opinions">
    <xsl:text>#block(sticky: true, text(font: "IPAexGothic", size: 11.55pt)[意見])
</xsl:text>
    <xsl:for-each select="s:opinion">
      <xsl:text>#list(marker: [・])[</xsl:text><xsl:apply-templates select="*"/><xsl:text>]
</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="s:requests">
    <xsl:text>
#v(9mm, weak: true)
#block(sticky: true, text(font: "IPAexGothic", size: 13.13pt)[要望事項])
</xsl:text>
    <xsl:for-each select="s:request | s:response">
      <xsl:text>#block(sticky: true, above: 3mm, text(font: "IPAexGothic")[</xsl:text>
      <xsl:value-of select="concat(substring('要望回答', 1 + 2 * (local-name() = 'response'), 2), @n, ':')"/>
      <xsl:text>])
</xsl:text>
      <xsl:apply-templates select="*"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="s:p">
    <xsl:text>#par[</xsl:text><xsl:apply-templates mode="text"/><xsl:text>]
</xsl:text>
  </xsl:template>

  <xsl:template match="s:list">
    <xsl:for-each select="s:item">
      <xsl:text>#grid(columns: (2em, 1fr), [</xsl:text><xsl:call-template name="str"><xsl:with-param name="t" select="@label"/><xsl:with-param name="markup" select="1"/></xsl:call-template><xsl:text>], [</xsl:text>
      <xsl:apply-templates select="node()" mode="text"/>
      <xsl:text>])
</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- inline content -->
  <xsl:template match="s:list" mode="text"><xsl:apply-templates select="."/></xsl:template>
  <xsl:template match="s:br" mode="text"><xsl:text> \
</xsl:text></xsl:template>
  <xsl:template match="s:cut" mode="text"><xsl:text>#text(size: 8.92pt)[（以下、原文欠落）]</xsl:text></xsl:template>
  <xsl:template match="s:a" mode="text">
    <xsl:text>#link("</xsl:text><xsl:call-template name="str"><xsl:with-param name="t" select="@href"/></xsl:call-template><xsl:text>")[</xsl:text>
    <xsl:apply-templates mode="text"/><xsl:text>]</xsl:text>
  </xsl:template>
  <xsl:template match="text()" mode="text">
    <xsl:call-template name="str"><xsl:with-param name="t" select="normalize-space(.)"/><xsl:with-param name="markup" select="1"/></xsl:call-template>
  </xsl:template>

  <!-- Escape text for Typst: in markup every character Typst gives a meaning is escaped with
       a backslash; in a string literal only \ and ". -->
  <xsl:template name="str">
    <xsl:param name="t"/>
    <xsl:param name="markup" select="0"/>
    <xsl:if test="string-length($t) > 0">
      <xsl:variable name="c" select="substring($t, 1, 1)"/>
      <xsl:choose>
        <xsl:when test="$markup = 1 and contains('\#[]*_`$&lt;&gt;@=-+/~&quot;', $c)"><xsl:text>\</xsl:text><xsl:value-of select="$c"/></xsl:when>
        <xsl:when test="$markup = 0 and contains('\&quot;', $c)"><xsl:text>\</xsl:text><xsl:value-of select="$c"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$c"/></xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="str">
        <xsl:with-param name="t" select="substring($t, 2)"/>
        <xsl:with-param name="markup" select="$markup"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>

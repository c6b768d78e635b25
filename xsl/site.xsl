<?xml version="1.0" encoding="UTF-8"?>
<!--
  xsl/site.xsl: what the pages of the published site say alike of a session (included by
  session-html.xsl and index-html.xsl): its date, and its fiscal year as 「令和3年度」.

  The index groups the sessions by council and fiscal year (年度, April to March), and the
  search filters them by the same two (the session page says both on its <main>, which the
  search index reads: src/site/records.c).  Both come from here, so the index and the
  search can never disagree on which year a session is in.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:s="urn:minutes:session:1"
    exclude-result-prefixes="s">

  <!-- The ISO date a session is listed under (context: its s:session, or a summary's): the
       decision of a written session or the day held, as the index sorts them; else the first
       date that has one. -->
  <xsl:template name="session-iso">
    <xsl:choose>
      <xsl:when test="s:dates/s:decision/@iso | s:dates/s:held-on/@iso">
        <xsl:value-of select="(s:dates/s:decision | s:dates/s:held-on)[@iso][1]/@iso"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="s:dates/*[@iso][1]/@iso"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The fiscal year (年度) of the ISO date `iso`, as a number: April to March, so
       2022-03-31 is in 2021.  Empty when `iso` is not a date. -->
  <xsl:template name="fiscal-year">
    <xsl:param name="iso"/>
    <xsl:variable name="y" select="number(substring($iso, 1, 4))"/>
    <xsl:variable name="m" select="number(substring($iso, 6, 2))"/>
    <xsl:if test="$y = $y and $m = $m">
      <xsl:value-of select="$y - number($m &lt; 4)"/>
    </xsl:if>
  </xsl:template>

  <!-- Fiscal year `fy` (a number) as written in Japanese: 令和 from 2019 (令和元年度: the
       year that began in April 2019, under 令和 from its May), 平成 from 1989, 昭和 before;
       「年度不明」 when there is none. -->
  <xsl:template name="fiscal-year-label">
    <xsl:param name="fy"/>
    <xsl:variable name="n" select="number($fy)"/>
    <xsl:choose>
      <xsl:when test="not($n = $n)">年度不明</xsl:when>
      <xsl:when test="$n = 2019">令和元年度</xsl:when>
      <xsl:when test="$n &gt; 2019"><xsl:value-of select="concat('令和', $n - 2018, '年度')"/></xsl:when>
      <xsl:when test="$n = 1989">平成元年度</xsl:when>
      <xsl:when test="$n &gt; 1989"><xsl:value-of select="concat('平成', $n - 1988, '年度')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('昭和', $n - 1925, '年度')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The context session's fiscal year as a label (「令和3年度」). -->
  <xsl:template name="session-fiscal-year-label">
    <xsl:variable name="iso"><xsl:call-template name="session-iso"/></xsl:variable>
    <xsl:call-template name="fiscal-year-label">
      <xsl:with-param name="fy"><xsl:call-template name="fiscal-year"><xsl:with-param name="iso" select="$iso"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>

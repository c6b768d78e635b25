<?xml version="1.0" encoding="UTF-8"?>
<!--
  xsl/links.xsl: which link targets the stylesheets publish (included by session-html.xsl and
  session-fo.xsl), and how a linked file's size is written (session-html.xsl, index-html.xsl).

  minutes validate refuses every <a href> that is not http:, https:, mailto: or relative
  (src/session/check.c, check_links); this is the same rule again where the address is
  written out, so that a session that skipped validation, or a stylesheet run by another XSLT
  processor, still never puts a javascript:, vbscript:, data: or file: link on the ward's
  website (stored XSS) or in the PDF.  A browser reads the scheme after removing tabs and line
  feeds anywhere and spaces at either end, in any case (WHATWG URL Standard, basic URL parser):
  " JaVa&#9;Script:" is javascript:.  A refused link is printed as its text, without a link.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- "yes" when `href` is an http:, https:, mailto: or relative address, else "no". -->
  <xsl:template name="link-allowed">
    <xsl:param name="href"/>
    <xsl:variable name="h" select="translate(normalize-space(translate($href, '&#9;&#10;&#13;', '')),
                                             'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <!-- The scheme: what comes before the first colon, when that holds only scheme characters
         (an ASCII letter first; then letters, digits, + - .).  Otherwise the link is relative. -->
    <xsl:variable name="before" select="substring-before($h, ':')"/>
    <xsl:variable name="scheme-chars" select="'abcdefghijklmnopqrstuvwxyz0123456789+-.'"/>
    <xsl:choose>
      <xsl:when test="not(contains($h, ':')) or $before = ''
                      or translate($before, $scheme-chars, '') != ''
                      or translate(substring($before, 1, 1), 'abcdefghijklmnopqrstuvwxyz', '') != ''">yes</xsl:when>
      <xsl:when test="$before = 'http' or $before = 'https' or $before = 'mailto'">yes</xsl:when>
      <xsl:otherwise>no</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A file's size as Japanese public sites give it with a link: "252KB" (kilobytes of 1,024
       bytes, rounded up, so a small file never reads 0KB), from 1MB on "1.3MB" (one decimal,
       rounded up). -->
  <xsl:template name="file-size">
    <xsl:param name="bytes"/>
    <xsl:choose>
      <xsl:when test="$bytes &lt; 1048576"><xsl:value-of select="concat(ceiling($bytes div 1024), 'KB')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat(format-number(ceiling($bytes * 10 div 1048576) div 10, '0.0'), 'MB')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

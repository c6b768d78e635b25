<?xml version="1.0" encoding="UTF-8"?>
<!-- Hostile: writes a file with xsl:document (XSLT 1.1 draft, which libxslt implements). Must be refused. -->
<xsl:stylesheet version="1.1" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:param name="target" select="'/tmp/minutes-hostile-xsl-document.txt'"/>
  <xsl:template match="/">
    <xsl:document href="{$target}" method="text">pwned</xsl:document>
    <out/>
  </xsl:template>
</xsl:stylesheet>

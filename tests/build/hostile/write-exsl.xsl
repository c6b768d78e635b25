<?xml version="1.0" encoding="UTF-8"?>
<!-- Hostile: writes a file with exsl:document. Must be refused; TARGET must not appear. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:param name="target" select="'/tmp/minutes-hostile-exsl.txt'"/>
  <xsl:template match="/">
    <exsl:document href="{$target}" method="text">pwned</exsl:document>
    <out/>
  </xsl:template>
</xsl:stylesheet>

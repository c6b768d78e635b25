<?xml version="1.0" encoding="UTF-8"?>
<!-- Not hostile itself: prints its parameter, to show a parameter value arrives as plain text. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:param name="value" select="'unset'"/>
  <xsl:template match="/">[<xsl:value-of select="$value"/>]</xsl:template>
</xsl:stylesheet>

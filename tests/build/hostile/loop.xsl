<?xml version="1.0" encoding="UTF-8"?>
<!-- Hostile: an XPath expression with an astronomic amount of work (a node-set product).
     Must stop at the operation limit with an error, not run for hours. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <out><xsl:value-of select="count(//node()[count(//node()[count(//node()[count(//node()) &gt; 0]) &gt; 0]) &gt; 0])"/></out>
  </xsl:template>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!-- Hostile: includes a file outside the allowed folders (resolved while compiling). Must be refused. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="file:///etc/passwd"/>
  <xsl:template match="/"><out/></xsl:template>
</xsl:stylesheet>

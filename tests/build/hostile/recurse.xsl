<?xml version="1.0" encoding="UTF-8"?>
<!-- Hostile: endless recursion. Must stop with an error within seconds, not crash or hang. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><out><xsl:call-template name="again"/></out></xsl:template>
  <xsl:template name="again"><x/><xsl:call-template name="again"/></xsl:template>
</xsl:stylesheet>

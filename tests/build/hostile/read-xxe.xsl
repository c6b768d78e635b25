<?xml version="1.0" encoding="UTF-8"?>
<!-- Hostile: reads an allowed file (its own folder) whose entity points at /etc/passwd. The
     document may be read, but the entity must never be substituted. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <out><xsl:value-of select="document('xxe.xml')"/></out>
  </xsl:template>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!-- bench/gen-session.xsl: larger or varied sessions made from a real one, for bench/run and
     bench/scale (generated into a temporary folder at run time, never committed).

     xsltproc -\-param times 20 bench/gen-session.xsl input/r03-1.xml > big.xml
       The session's inquiries (諮問事項) are repeated `times` times, in order, and renumbered
       1, 2, … so the copy validates (check.c: numbers unique and ascending); the agenda entries
       are repeated and renumbered with them.  Everything else (header, requests) is kept once.

     xsltproc -\-param variant 17 bench/gen-session.xsl input/r03-1.xml > s0017.xml
       A synthetic session for the 1,000-session archive: meeting number `variant` (title and
       its attribute), a run of 1–4 of the inquiries starting at a rotating one, one attendee
       fewer (a rotating one), and Q&A tables cut to a rotating length — so sessions differ in
       size and page count as a real archive's do.  `times` applies too (default 1).

     Only XSLT 1.0 (libxslt), no extensions. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:s="urn:minutes:session:1"
                exclude-result-prefixes="s">
  <xsl:output method="xml" encoding="UTF-8"/>
  <xsl:param name="times" select="1"/>
  <xsl:param name="variant" select="0"/>

  <xsl:variable name="all" select="/s:session/s:inquiry"/>
  <xsl:variable name="nall" select="count($all)"/>
  <!-- The inquiries one copy holds: all of them, or for a variant a rotating run of 1..n. -->
  <xsl:variable name="first" select="($variant mod $nall) + 1"/>
  <xsl:variable name="count">
    <xsl:choose>
      <xsl:when test="$variant = 0"><xsl:value-of select="$nall"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="(floor($variant div $nall) mod $nall) + 1"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- position p (1-based) within the copy -> the inquiry of the seed it repeats -->
  <xsl:variable name="agenda" select="/s:session/s:agenda/s:entry"/>

  <xsl:template match="@*|node()">
    <xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
  </xsl:template>

  <!-- A variant's meeting number. -->
  <xsl:template match="/s:session/s:title">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:choose>
        <xsl:when test="$variant != 0 and contains(., '第')">
          <xsl:attribute name="number"><xsl:value-of select="$variant"/></xsl:attribute>
          <xsl:value-of select="concat(substring-before(., '第'), '第', $variant, '回')"/>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="node()"/></xsl:otherwise>
      </xsl:choose>
    </xsl:copy>
  </xsl:template>

  <!-- A variant drops one attendee (never the only one). -->
  <xsl:template match="s:attendees">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:variable name="np" select="count(s:person)"/>
      <xsl:for-each select="node()">
        <xsl:if test="$variant = 0 or $np &lt; 2 or not(self::s:person)
                      or count(preceding-sibling::s:person) != $variant mod $np">
          <xsl:apply-templates select="."/>
        </xsl:if>
      </xsl:for-each>
    </xsl:copy>
  </xsl:template>

  <!-- The agenda: one entry per inquiry of the result, numbered 1.. -->
  <xsl:template match="s:agenda">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:call-template name="copies">
        <xsl:with-param name="what" select="'agenda'"/>
      </xsl:call-template>
    </xsl:copy>
  </xsl:template>

  <!-- The inquiries: all emitted where the first one stood. -->
  <xsl:template match="s:inquiry">
    <xsl:if test="not(preceding-sibling::s:inquiry)">
      <xsl:call-template name="copies">
        <xsl:with-param name="what" select="'inquiry'"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- For k = 1..times, i = 1..count: the seed's inquiry (or agenda entry) number
       ((first - 1 + i - 1) mod nall) + 1, renumbered (k - 1) * count + i. -->
  <xsl:template name="copies">
    <xsl:param name="what"/>
    <xsl:param name="k" select="1"/>
    <xsl:if test="$k &lt;= $times">
      <xsl:call-template name="one-copy">
        <xsl:with-param name="what" select="$what"/>
        <xsl:with-param name="k" select="$k"/>
      </xsl:call-template>
      <xsl:call-template name="copies">
        <xsl:with-param name="what" select="$what"/>
        <xsl:with-param name="k" select="$k + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="one-copy">
    <xsl:param name="what"/>
    <xsl:param name="k"/>
    <xsl:param name="i" select="1"/>
    <xsl:if test="$i &lt;= $count">
      <xsl:variable name="src" select="(($first - 1 + $i - 1) mod $nall) + 1"/>
      <xsl:variable name="n" select="($k - 1) * $count + $i"/>
      <xsl:choose>
        <xsl:when test="$what = 'agenda'">
          <xsl:for-each select="$agenda[position() = $src]">
            <xsl:copy>
              <xsl:apply-templates select="@*"/>
              <xsl:attribute name="n"><xsl:value-of select="$n"/></xsl:attribute>
              <xsl:apply-templates select="node()"/>
            </xsl:copy>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$all[position() = $src]">
            <xsl:copy>
              <xsl:apply-templates select="@*"/>
              <xsl:attribute name="n"><xsl:value-of select="$n"/></xsl:attribute>
              <xsl:apply-templates select="node()" mode="in-inquiry"/>
            </xsl:copy>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="one-copy">
        <xsl:with-param name="what" select="$what"/>
        <xsl:with-param name="k" select="$k"/>
        <xsl:with-param name="i" select="$i + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="@*|node()" mode="in-inquiry">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <!-- A variant keeps the first 2 + (variant mod 7) Q&A entries of each table (numbers stay
       1.. and ascending, as they were). -->
  <xsl:template match="s:qa" mode="in-inquiry">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:choose>
        <xsl:when test="$variant = 0"><xsl:apply-templates select="node()"/></xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="s:entry[position() &lt;= 2 + ($variant mod 7)]"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:copy>
  </xsl:template>
</xsl:stylesheet>

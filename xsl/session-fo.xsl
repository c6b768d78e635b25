<?xml version="1.0" encoding="UTF-8"?>
<!--
  xsl/session-fo.xsl: a session (urn:minutes:session:1) → the official minutes (会議録) as XSL-FO.

  XSLT 1.0 (libxslt).  The FO uses only the subset our engine implements (docs/fo-subset.md;
  issue 3) plus fo:page-sequence-master for a first page without the running header; any
  XSL-FO 1.1 processor (Apache FOP: `minutes fo FILE | fop -fo - -pdf out.pdf`) renders it too.

  The layout follows the ward's printed minutes (see docs/stylesheets.md):
    会議録 — the header table (名称 / 日時 / 参加者 / 配布資料 / 諮問事項 / 発言の記録 / 備考);
      for a speech record, its rosters in columns under their headings and its order of
      business and business taken up as numbered lists, after the table
    諮問事項N and its title — the Q&A table (番号 / 質問 / 区の考え方), header repeated on every
      page, follow-up answers inside their row under their label — 意見 as a "・" list
    要望事項 — 要望N: / 回答N: with their paragraphs and lists
    発言記録 — ◎ section heads, ○speaker turns with a hanging indent, stage notes
  Editorial marks: <sic> is printed as written (its corr is never printed); <cut/> prints
  「（以下、原文欠落）」 in a smaller face so a reader sees the source breaks off there.

  Every look is a parameter below, which the command line sets (minutes build, option param NAME=VALUE); nothing about looks is
  decided in C.  Labels are part of the layout, not of the data (docs/session-format.md).

  Blocks made from session elements carry mx:line (namespace urn:minutes:fo-extensions:1), the
  session line they came from, so the engine's diagnostics point at the staff's file; the
  function that supplies it (mn:line) exists only inside `minutes` and is guarded with
  function-available(), so xsltproc can run this stylesheet too.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:s="urn:minutes:session:1"
    xmlns:mn="urn:minutes:xslt-functions:1"
    xmlns:mx="urn:minutes:fo-extensions:1"
    xmlns:x="adobe:ns:meta/"
    xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    exclude-result-prefixes="s mn">

  <xsl:include href="links.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:strip-space elements="*"/>
  <xsl:preserve-space elements="s:p s:item s:title s:council s:entry s:person s:material
                                s:record-note s:section s:stage s:role s:name s:a s:sic
                                s:place s:heading s:time s:note"/>

  <!-- ============================================================ -->
  <!-- Parameters: the looks                                         -->
  <!-- ============================================================ -->

  <!-- Paper: A3, A4, A5, B4, B5 (JIS) or Letter; page-width/page-height override it. -->
  <xsl:param name="paper" select="'A4'"/>
  <xsl:param name="page-width" select="''"/>
  <xsl:param name="page-height" select="''"/>
  <!-- Page margins (outside the header and footer). -->
  <xsl:param name="margin-top" select="'15mm'"/>
  <xsl:param name="margin-bottom" select="'12mm'"/>
  <xsl:param name="margin-left" select="'20mm'"/>
  <xsl:param name="margin-right" select="'20mm'"/>
  <!-- Body text: size in pt, line height as a factor of the size. -->
  <xsl:param name="base-font-size" select="'10.5pt'"/>
  <xsl:param name="line-height" select="'1.7'"/>
  <!-- Table text: the same size; a tighter line (1.5: a gap of half the size between lines). -->
  <xsl:param name="table-line-height" select="'1.5'"/>
  <!-- Font families: body (Mincho) and headings, labels, speakers (Gothic). -->
  <xsl:param name="body-font-family" select="'IPAexMincho'"/>
  <xsl:param name="heading-font-family" select="'IPAexGothic'"/>
  <!-- Running header from page 2; empty means "{council}　{title} 会議録". -->
  <xsl:param name="header-text" select="''"/>
  <!-- Japanese line breaking (W3C JLREQ 3.1.7, CSS line-break): strict (official minutes: no
       small kana, ー, hyphen or iteration mark starts a line), normal (small kana, ー and the
       hyphens may), loose (also iteration marks, ・：；！？, ％ and …).  Set on fo:root as
       mx:line-break, inherited by every block. -->
  <xsl:param name="line-break" select="'strict'"/>
  <!-- Footer page numbers: 'n / N' or '- n -'. -->
  <xsl:param name="page-number-format" select="'n / N'"/>
  <!-- Rules and shading of the tables. -->
  <xsl:param name="rule-width" select="'0.5pt'"/>
  <xsl:param name="label-background" select="'#eeeeee'"/>
  <!-- The PDF's creation date is the decision date at midnight in this time zone. -->
  <xsl:param name="time-zone" select="'+09:00'"/>
  <!-- Width of the 番号 column of the Q&A table and of the label column of the header table. -->
  <xsl:param name="number-column-width" select="'11mm'"/>
  <xsl:param name="label-column-width" select="'24mm'"/>
  <!-- A Q&A row none of whose cells has more lines than this is never split across pages
       (0: any row may split); a longer row splits with at least 2 lines of a cell on each
       side (the orphans and widows of the Q&A tables). -->
  <xsl:param name="short-row-lines" select="'4'"/>
  <!-- Flush bottom (vertical justification; docs/fo-subset.md "Pagination"): every page but the
       last, and but one ended by a page break the session asks for, ends at the same height.
       First the spaces between blocks grow, each up to flush-bottom-space times its size (the
       space above a heading, between paragraphs, after a table or a list; never the space
       between a heading and what it heads); then every line by the same amount, at most
       flush-bottom-line a line.  A page that needs more (a heading moved on with its table, a
       short row kept whole) keeps the rest of its gap.  no: each page ends where its text
       ends. -->
  <xsl:param name="flush-bottom" select="'yes'"/>
  <xsl:param name="flush-bottom-space" select="'1.3'"/>
  <xsl:param name="flush-bottom-line" select="'0.1em'"/>
  <!-- What made the PDF, recorded in its metadata (set by `minutes build` and `minutes fo`, not
       by the user): the sha256 of the session file, in hex, and "minutes VERSION". -->
  <xsl:param name="source-sha256" select="''"/>
  <xsl:param name="generator" select="''"/>

  <!-- ============================================================ -->
  <!-- Derived values                                                -->
  <!-- ============================================================ -->

  <xsl:variable name="size" select="number(substring-before($base-font-size, 'pt'))"/>
  <!-- How many times its size a space between blocks may grow to (1: it does not grow). -->
  <xsl:variable name="grow">
    <xsl:choose>
      <xsl:when test="$flush-bottom = 'yes'"><xsl:value-of select="number($flush-bottom-space)"/></xsl:when>
      <xsl:otherwise>1</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="paper-size">
    <xsl:choose>
      <xsl:when test="$paper = 'A4' or $paper = 'a4'">210mm 297mm</xsl:when>
      <xsl:when test="$paper = 'A3' or $paper = 'a3'">297mm 420mm</xsl:when>
      <xsl:when test="$paper = 'A5' or $paper = 'a5'">148mm 210mm</xsl:when>
      <xsl:when test="$paper = 'B4' or $paper = 'b4'">257mm 364mm</xsl:when>
      <xsl:when test="$paper = 'B5' or $paper = 'b5'">182mm 257mm</xsl:when>
      <xsl:when test="$paper = 'Letter' or $paper = 'letter'">8.5in 11in</xsl:when>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="pw">
    <xsl:choose>
      <xsl:when test="$page-width != ''"><xsl:value-of select="$page-width"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="substring-before($paper-size, ' ')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="ph">
    <xsl:choose>
      <xsl:when test="$page-height != ''"><xsl:value-of select="$page-height"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="substring-after($paper-size, ' ')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- n × the base size, as "12.6pt" -->
  <xsl:template name="pt">
    <xsl:param name="times" select="1"/>
    <xsl:value-of select="concat(format-number($size * $times, '0.##'), 'pt')"/>
  </xsl:template>

  <xsl:variable name="title-size"><xsl:call-template name="pt"><xsl:with-param name="times" select="1.7"/></xsl:call-template></xsl:variable>
  <xsl:variable name="h2-size"><xsl:call-template name="pt"><xsl:with-param name="times" select="1.25"/></xsl:call-template></xsl:variable>
  <xsl:variable name="h3-size"><xsl:call-template name="pt"><xsl:with-param name="times" select="1.1"/></xsl:call-template></xsl:variable>
  <xsl:variable name="small-size"><xsl:call-template name="pt"><xsl:with-param name="times" select="0.85"/></xsl:call-template></xsl:variable>
  <xsl:variable name="running-size"><xsl:call-template name="pt"><xsl:with-param name="times" select="0.8"/></xsl:call-template></xsl:variable>

  <xsl:variable name="session" select="/s:session"/>
  <xsl:variable name="name">
    <xsl:value-of select="normalize-space($session/s:title)"/>
    <xsl:text> </xsl:text>
    <xsl:value-of select="normalize-space($session/s:council)"/>
  </xsl:variable>
  <xsl:variable name="running-text">
    <xsl:choose>
      <xsl:when test="$header-text != ''"><xsl:value-of select="$header-text"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="normalize-space($session/s:council)"/>
        <xsl:text>　</xsl:text>
        <xsl:value-of select="normalize-space($session/s:title)"/>
        <xsl:text> 会議録</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- ============================================================ -->
  <!-- The document                                                  -->
  <!-- ============================================================ -->

  <xsl:template match="/">
    <xsl:if test="not(s:session)">
      <xsl:message terminate="yes">the document is not a session (urn:minutes:session:1); run minutes validate on it</xsl:message>
    </xsl:if>
    <xsl:if test="$line-break != 'strict' and $line-break != 'normal' and $line-break != 'loose'">
      <xsl:message terminate="yes">--param line-break must be strict, normal or loose</xsl:message>
    </xsl:if>
    <!-- The range keeps every size the minutes use (title 1.7×) within what a page and the
         engine take; a size outside it is the parameter's fault, said as such, not a
         computed size blamed on a line of the session. -->
    <xsl:if test="string($size) = 'NaN' or $size &lt; 5 or $size &gt; 50">
      <xsl:message terminate="yes">--param base-font-size must be a size in points from 5pt to 50pt, such as 10.5pt</xsl:message>
    </xsl:if>
    <xsl:if test="$flush-bottom != 'yes' and $flush-bottom != 'no'">
      <xsl:message terminate="yes">--param flush-bottom must be yes or no</xsl:message>
    </xsl:if>
    <xsl:if test="string(number($flush-bottom-space)) = 'NaN' or $flush-bottom-space &lt; 1 or $flush-bottom-space &gt; 3">
      <xsl:message terminate="yes">--param flush-bottom-space must be a number from 1 to 3, such as 1.3</xsl:message>
    </xsl:if>
    <xsl:if test="$pw = '' or $ph = ''">
      <xsl:message terminate="yes">unknown paper: use A3, A4, A5, B4, B5 or Letter, or give page-width and page-height</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="s:session"/>
  </xsl:template>

  <xsl:template match="s:session">
    <fo:root xml:lang="ja-JP" font-family="{$body-font-family}" font-size="{$base-font-size}"
             line-height="{$line-height}" mx:line-break="{$line-break}">
      <xsl:if test="function-available('mn:source-name')">
        <xsl:attribute name="mx:file"><xsl:value-of select="mn:source-name()"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="page-masters"/>
      <xsl:call-template name="metadata"/>
      <xsl:call-template name="bookmarks"/>
      <fo:page-sequence master-reference="minutes" id="minutes" xml:lang="ja">
        <xsl:if test="$flush-bottom = 'yes'">
          <xsl:attribute name="mx:vertical-justify"><xsl:value-of select="$flush-bottom-line"/></xsl:attribute>
        </xsl:if>
        <fo:static-content flow-name="running-header">
          <fo:block font-family="{$heading-font-family}" font-size="{$running-size}"
                    line-height="1.4" text-align="end" padding-bottom="1mm"
                    border-bottom-style="solid" border-bottom-width="{$rule-width}"
                    border-bottom-color="#000000">
            <xsl:value-of select="$running-text"/>
          </fo:block>
        </fo:static-content>
        <fo:static-content flow-name="running-footer">
          <fo:block font-size="{$running-size}" line-height="1.4" text-align="center">
            <xsl:choose>
              <xsl:when test="$page-number-format = '- n -'">
                <xsl:text>- </xsl:text><fo:page-number/><xsl:text> -</xsl:text>
              </xsl:when>
              <xsl:otherwise>
                <fo:page-number/>
                <xsl:text> / </xsl:text>
                <fo:page-number-citation-last ref-id="minutes"/>
              </xsl:otherwise>
            </xsl:choose>
          </fo:block>
        </fo:static-content>
        <fo:flow flow-name="xsl-region-body">
          <xsl:call-template name="front"/>
          <xsl:apply-templates select="s:inquiry"/>
          <xsl:apply-templates select="s:requests"/>
          <xsl:apply-templates select="s:speech-record"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <!-- A4 with the running header from page 2: the first page's master has no region-before. -->
  <xsl:template name="page-masters">
    <fo:layout-master-set>
      <fo:simple-page-master master-name="first" page-width="{$pw}" page-height="{$ph}"
                             margin-top="{$margin-top}" margin-bottom="{$margin-bottom}"
                             margin-left="{$margin-left}" margin-right="{$margin-right}">
        <fo:region-body margin-top="5mm" margin-bottom="12mm"/>
        <fo:region-after region-name="running-footer" extent="8mm"/>
      </fo:simple-page-master>
      <fo:simple-page-master master-name="rest" page-width="{$pw}" page-height="{$ph}"
                             margin-top="{$margin-top}" margin-bottom="{$margin-bottom}"
                             margin-left="{$margin-left}" margin-right="{$margin-right}">
        <fo:region-body margin-top="12mm" margin-bottom="12mm"/>
        <fo:region-before region-name="running-header" extent="8mm"/>
        <fo:region-after region-name="running-footer" extent="8mm"/>
      </fo:simple-page-master>
      <fo:page-sequence-master master-name="minutes">
        <fo:repeatable-page-master-alternatives>
          <fo:conditional-page-master-reference master-reference="first" page-position="first"/>
          <fo:conditional-page-master-reference master-reference="rest" page-position="rest"/>
        </fo:repeatable-page-master-alternatives>
      </fo:page-sequence-master>
    </fo:layout-master-set>
  </xsl:template>

  <!-- PDF metadata as XMP, read by FOP and by our engine alike. -->
  <xsl:template name="metadata">
    <xsl:variable name="date" select="(s:dates/s:decision | s:dates/s:held-on)[1]/@iso"/>
    <fo:declarations>
      <x:xmpmeta>
        <rdf:RDF>
          <rdf:Description rdf:about="">
            <dc:title>
              <rdf:Alt><rdf:li xml:lang="x-default">
                <xsl:text>会議録 </xsl:text><xsl:value-of select="$name"/>
              </rdf:li></rdf:Alt>
            </dc:title>
            <dc:creator>
              <rdf:Seq><rdf:li><xsl:value-of select="normalize-space(s:council)"/></rdf:li></rdf:Seq>
            </dc:creator>
            <dc:description>
              <rdf:Alt><rdf:li xml:lang="x-default">
                <xsl:call-template name="subject"/>
              </rdf:li></rdf:Alt>
            </dc:description>
            <dc:language><rdf:Bag><rdf:li>ja</rdf:li></rdf:Bag></dc:language>
            <pdf:Keywords>
              <xsl:text>会議録, </xsl:text>
              <xsl:value-of select="normalize-space(s:council)"/>
              <xsl:text>, </xsl:text>
              <xsl:value-of select="normalize-space(s:title)"/>
              <xsl:if test="$source-sha256 != ''">
                <xsl:value-of select="concat(', source-sha256:', $source-sha256)"/>
              </xsl:if>
            </pdf:Keywords>
            <xsl:if test="$generator != ''">
              <xmp:CreatorTool><xsl:value-of select="$generator"/></xmp:CreatorTool>
            </xsl:if>
            <xsl:if test="$date">
              <xmp:CreateDate>
                <xsl:value-of select="$date"/>
                <xsl:choose>
                  <xsl:when test="s:dates/s:held-on and s:dates/s:time/@iso">
                    <xsl:value-of select="concat('T', s:dates/s:time/@iso)"/>
                  </xsl:when>
                  <xsl:otherwise>T00:00:00</xsl:otherwise>
                </xsl:choose>
                <xsl:value-of select="$time-zone"/>
              </xmp:CreateDate>
            </xsl:if>
          </rdf:Description>
        </rdf:RDF>
      </x:xmpmeta>
    </fo:declarations>
  </xsl:template>

  <xsl:template name="subject">
    <xsl:choose>
      <xsl:when test="s:agenda[not(@kind)]/s:entry">
        <xsl:text>諮問事項: </xsl:text>
        <xsl:for-each select="s:agenda[not(@kind)]/s:entry">
          <xsl:value-of select="concat('(', @n, ')', normalize-space(.))"/>
          <xsl:if test="position() != last()"><xsl:text> </xsl:text></xsl:if>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$name"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="bookmarks">
    <xsl:if test="s:inquiry | s:requests | s:speech-record">
      <fo:bookmark-tree>
        <xsl:for-each select="s:inquiry">
          <fo:bookmark internal-destination="inquiry-{@n}">
            <fo:bookmark-title>
              <xsl:value-of select="concat('諮問事項', @n, ' ', normalize-space(s:title))"/>
            </fo:bookmark-title>
          </fo:bookmark>
        </xsl:for-each>
        <xsl:if test="s:requests">
          <fo:bookmark internal-destination="requests">
            <fo:bookmark-title>要望事項</fo:bookmark-title>
          </fo:bookmark>
        </xsl:if>
        <xsl:if test="s:speech-record">
          <fo:bookmark internal-destination="speech-record">
            <fo:bookmark-title>発言記録</fo:bookmark-title>
          </fo:bookmark>
        </xsl:if>
      </fo:bookmark-tree>
    </xsl:if>
  </xsl:template>

  <!-- mx:line="N" on the element being built: the session line of the context node. -->
  <xsl:template name="line">
    <xsl:if test="function-available('mn:line')">
      <xsl:attribute name="mx:line"><xsl:value-of select="mn:line(.)"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- 会議録 and the header table                                   -->
  <!-- ============================================================ -->

  <xsl:template name="front">
    <fo:block role="H1" font-family="{$heading-font-family}" font-size="{$title-size}" line-height="1.4"
              text-align="center" keep-with-next.within-page="always">
      <xsl:attribute name="space-after">
        <xsl:choose><xsl:when test="s:title/@day">1mm</xsl:when><xsl:otherwise>5mm</xsl:otherwise></xsl:choose>
      </xsl:attribute>
      <xsl:for-each select="s:title"><xsl:call-template name="line"/></xsl:for-each>
      <xsl:text>会議録</xsl:text>
      <xsl:if test="s:title/@issue">
        <xsl:text>　第</xsl:text>
        <xsl:call-template name="wide"><xsl:with-param name="n" select="s:title/@issue"/></xsl:call-template>
        <xsl:text>号</xsl:text>
      </xsl:if>
    </fo:block>
    <xsl:if test="s:title/@day">
      <fo:block font-family="{$heading-font-family}" font-size="{$h3-size}" text-align="center"
                space-after="4mm" keep-with-next.within-page="always">
        <xsl:for-each select="s:title"><xsl:call-template name="line"/></xsl:for-each>
        <xsl:text>第</xsl:text>
        <xsl:call-template name="wide"><xsl:with-param name="n" select="s:title/@day"/></xsl:call-template>
        <xsl:text>日</xsl:text>
      </fo:block>
    </xsl:if>
    <fo:table xsl:use-attribute-sets="table">
      <fo:table-column column-width="{$label-column-width}"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-body>
        <xsl:call-template name="header-row">
          <xsl:with-param name="label">名称</xsl:with-param>
          <xsl:with-param name="node" select="s:title"/>
          <xsl:with-param name="content">
            <fo:block><xsl:apply-templates select="s:title"/><xsl:text> </xsl:text><xsl:apply-templates select="s:council"/></fo:block>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="header-row">
          <xsl:with-param name="label">日時</xsl:with-param>
          <xsl:with-param name="node" select="s:dates"/>
          <xsl:with-param name="content"><xsl:apply-templates select="s:dates | s:held"/></xsl:with-param>
        </xsl:call-template>
        <xsl:if test="s:place">
          <xsl:call-template name="header-row">
            <xsl:with-param name="label">場所</xsl:with-param>
            <xsl:with-param name="node" select="s:place"/>
            <xsl:with-param name="content">
              <fo:block><xsl:apply-templates select="s:place"/></fo:block>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="s:attendees[s:person]">
          <xsl:call-template name="header-row">
            <xsl:with-param name="label">参加者</xsl:with-param>
            <xsl:with-param name="node" select="s:attendees"/>
            <xsl:with-param name="content"><xsl:apply-templates select="s:attendees"/></xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="s:materials">
          <xsl:call-template name="header-row">
            <xsl:with-param name="label">配布資料</xsl:with-param>
            <xsl:with-param name="node" select="s:materials"/>
            <xsl:with-param name="content">
              <xsl:for-each select="s:materials/s:material">
                <fo:block><xsl:call-template name="line"/><xsl:apply-templates/></fo:block>
              </xsl:for-each>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="s:agenda[not(@kind)]">
          <xsl:call-template name="header-row">
            <xsl:with-param name="label">諮問事項</xsl:with-param>
            <xsl:with-param name="node" select="s:agenda[not(@kind)]"/>
            <xsl:with-param name="content">
              <xsl:for-each select="s:agenda[not(@kind)]/s:heading">
                <fo:block font-family="{$heading-font-family}" space-after="1mm">
                  <xsl:call-template name="line"/>
                  <xsl:apply-templates/>
                </fo:block>
              </xsl:for-each>
              <xsl:variable name="widest">
                <xsl:for-each select="s:agenda[not(@kind)]/s:entry">
                  <xsl:sort select="string-length(@label)" data-type="number" order="descending"/>
                  <xsl:if test="position() = 1"><xsl:value-of select="string-length(@label)"/></xsl:if>
                </xsl:for-each>
              </xsl:variable>
              <!-- "(N)" takes about half an em a character; a label (日程第１) one em. -->
              <xsl:variable name="label-width">
                <xsl:choose>
                  <xsl:when test="$widest &gt; 0"><xsl:value-of select="$widest + 1"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="string-length(concat('(', count(s:agenda[not(@kind)]/s:entry), ')')) * 0.55 + 0.2"/></xsl:otherwise>
                </xsl:choose>
              </xsl:variable>
              <fo:list-block provisional-distance-between-starts="{$label-width}em"
                             provisional-label-separation="0pt">
                <xsl:for-each select="s:agenda[not(@kind)]/s:entry">
                  <fo:list-item>
                    <fo:list-item-label end-indent="label-end()">
                      <fo:block>
                        <xsl:call-template name="line"/>
                        <xsl:choose>
                          <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
                          <xsl:otherwise><xsl:value-of select="concat('(', @n, ')')"/></xsl:otherwise>
                        </xsl:choose>
                      </fo:block>
                    </fo:list-item-label>
                    <fo:list-item-body start-indent="body-start()">
                      <fo:block><xsl:call-template name="line"/><xsl:apply-templates/></fo:block>
                    </fo:list-item-body>
                  </fo:list-item>
                </xsl:for-each>
              </fo:list-block>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="s:record-note">
          <xsl:call-template name="header-row">
            <xsl:with-param name="label">発言の記録</xsl:with-param>
            <xsl:with-param name="node" select="s:record-note"/>
            <xsl:with-param name="content">
              <fo:block><xsl:apply-templates select="s:record-note"/></fo:block>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="s:remarks">
          <xsl:call-template name="header-row">
            <xsl:with-param name="label">備考</xsl:with-param>
            <xsl:with-param name="node" select="s:remarks"/>
            <xsl:with-param name="content">
              <xsl:for-each select="s:remarks"><xsl:call-template name="blocks"/></xsl:for-each>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
      </fo:table-body>
    </fo:table>
    <xsl:apply-templates select="s:attendees/s:group"/>
    <xsl:apply-templates select="s:agenda[@kind]"/>
  </xsl:template>

  <xsl:template name="header-row">
    <xsl:param name="label"/>
    <xsl:param name="node"/>
    <xsl:param name="content"/>
    <fo:table-row>
      <xsl:for-each select="$node[1]"><xsl:call-template name="line"/></xsl:for-each>
      <!-- role="TH": a row header (the PDF's TH with /Scope /Row, as <th scope="row"> in HTML) -->
      <fo:table-cell role="TH" xsl:use-attribute-sets="cell label-cell">
        <fo:block><xsl:value-of select="$label"/></fo:block>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cell">
        <xsl:copy-of select="$content"/>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <!-- Lean on purpose: a long session has tens of thousands of cells, and every attribute is a
       few hundred bytes of the FO tree in memory.  So the shorthands (border, padding: top and
       bottom, then left and right), and the inherited properties every cell shares
       (line-height, text-align justify) are on the fo:table, in the "table" set. -->
  <xsl:attribute-set name="cell">
    <xsl:attribute name="border"><xsl:value-of select="concat($rule-width, ' solid #000000')"/></xsl:attribute>
    <xsl:attribute name="padding">1.2mm 1.5mm</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="table">
    <xsl:attribute name="table-layout">fixed</xsl:attribute>
    <xsl:attribute name="width">100%</xsl:attribute>
    <xsl:attribute name="line-height"><xsl:value-of select="$table-line-height"/></xsl:attribute>
    <xsl:attribute name="text-align">justify</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="label-cell">
    <xsl:attribute name="background-color"><xsl:value-of select="$label-background"/></xsl:attribute>
    <xsl:attribute name="font-family"><xsl:value-of select="$heading-font-family"/></xsl:attribute>
    <xsl:attribute name="text-align">start</xsl:attribute>
  </xsl:attribute-set>

  <!-- 日時: 審議開始日 … / 議決日 … (or 開催日 …), then the note on how it was held. -->
  <xsl:template match="s:dates">
    <xsl:apply-templates select="s:start | s:decision | s:held-on | s:time[@event]"/>
  </xsl:template>

  <xsl:template match="s:start | s:decision | s:held-on">
    <fo:list-block provisional-distance-between-starts="6em" provisional-label-separation="1em">
      <xsl:call-template name="line"/>
      <fo:list-item>
        <fo:list-item-label end-indent="label-end()">
          <fo:block font-family="{$heading-font-family}">
            <xsl:choose>
              <xsl:when test="self::s:start">審議開始日</xsl:when>
              <xsl:when test="self::s:decision">議　決　日</xsl:when>
              <xsl:otherwise>開　催　日</xsl:otherwise>
            </xsl:choose>
          </fo:block>
        </fo:list-item-label>
        <fo:list-item-body start-indent="body-start()">
          <fo:block>
            <!-- a date, a time: never broken across lines -->
            <fo:inline keep-together.within-line="always"><xsl:apply-templates/></fo:inline>
            <!-- the time the meeting began goes with the day it was held -->
            <xsl:for-each select="self::s:held-on/following-sibling::s:time[not(@event)]">
              <xsl:text>　</xsl:text>
              <fo:inline keep-together.within-line="always"><xsl:apply-templates/></fo:inline>
            </xsl:for-each>
          </fo:block>
        </fo:list-item-body>
      </fo:list-item>
    </fo:list-block>
  </xsl:template>

  <xsl:template match="s:held">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <!-- 参加者: names joined with "、"; in groups, each group under its heading as printed.
       A seat prints as "１番 name", a role as "role name". -->
  <xsl:template match="s:attendees">
    <xsl:if test="s:person">
      <fo:block><xsl:call-template name="people"/></fo:block>
    </xsl:if>
    <xsl:for-each select="s:group">
      <fo:block font-family="{$heading-font-family}">
        <xsl:if test="position() != 1"><xsl:attribute name="space-before">1.5mm</xsl:attribute></xsl:if>
        <xsl:call-template name="line"/>
        <xsl:value-of select="@label"/>
      </fo:block>
      <fo:block start-indent="1em"><xsl:call-template name="people"/></fo:block>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="people">
    <xsl:for-each select="s:person">
      <xsl:if test="position() != 1"><xsl:text>、</xsl:text></xsl:if>
      <!-- a person (seat, role, name, honorific) is never broken across lines -->
      <fo:inline keep-together.within-line="always">
        <xsl:if test="@seat">
          <xsl:call-template name="wide"><xsl:with-param name="n" select="@seat"/></xsl:call-template>
          <xsl:text>番 </xsl:text>
        </xsl:if>
        <xsl:if test="@role">
          <xsl:value-of select="@role"/>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:apply-templates/>
        <xsl:value-of select="@suffix"/>
      </fo:inline>
    </xsl:for-each>
  </xsl:template>

  <!-- A number in full-width digits (１番, 第１号), as assembly minutes print them. -->
  <xsl:template name="wide">
    <xsl:param name="n"/>
    <xsl:value-of select="translate($n, '0123456789', '０１２３４５６７８９')"/>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- The front matter of a speech record (会議録の冒頭)            -->
  <!-- ============================================================ -->

  <!-- The word of a time's event, as the 日時 row prints it (開　会 …). -->
  <xsl:template name="event-word">
    <xsl:param name="event" select="@event"/>
    <xsl:choose>
      <xsl:when test="$event = 'open'">開　　会</xsl:when>
      <xsl:when test="$event = 'sitting'">開　　議</xsl:when>
      <xsl:when test="$event = 'recess'">休　　憩</xsl:when>
      <xsl:when test="$event = 'resume'">再　　開</xsl:when>
      <xsl:when test="$event = 'adjourn'">散　　会</xsl:when>
      <xsl:when test="$event = 'close'">閉　　会</xsl:when>
      <xsl:when test="$event = 'postpone'">延　　会</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- 開　　会　午前10時00分: a time of the day under the day, in the 日時 row. -->
  <xsl:template match="s:dates/s:time[@event]">
    <fo:list-block provisional-distance-between-starts="6em" provisional-label-separation="1em">
      <xsl:call-template name="line"/>
      <fo:list-item>
        <fo:list-item-label end-indent="label-end()">
          <fo:block font-family="{$heading-font-family}"><xsl:call-template name="event-word"/></fo:block>
        </fo:list-item-label>
        <fo:list-item-body start-indent="body-start()">
          <fo:block><fo:inline keep-together.within-line="always"><xsl:apply-templates/></fo:inline></fo:block>
        </fo:list-item-body>
      </fo:list-item>
    </fo:list-block>
  </xsl:template>

  <!-- A roster group: its heading as printed, then its people in columns, as printed minutes
       set them: members by seat three to a row (１番　氏名), officials by role two to a row
       (役職　氏名), bare names four to a row; notes (なし) after them.  Each column pair is two
       table columns, so role and name line up down the page. -->
  <xsl:template match="s:attendees/s:group">
    <xsl:variable name="per-row">
      <xsl:choose>
        <xsl:when test="s:person[@seat]">3</xsl:when>
        <xsl:when test="s:person[@role]">2</xsl:when>
        <xsl:otherwise>4</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="paired" select="boolean(s:person[@seat] or s:person[@role])"/>
    <fo:block font-family="{$heading-font-family}" space-before="3mm" space-after="1mm"
              space-before.maximum="{format-number(3 * $grow, '0.##')}mm" keep-with-next.within-page="always">
      <xsl:call-template name="line"/>
      <xsl:value-of select="@label"/>
    </fo:block>
    <xsl:if test="s:person">
      <fo:table table-layout="fixed" width="100%" start-indent="1em">
        <xsl:call-template name="line"/>
        <xsl:call-template name="roster-columns">
          <xsl:with-param name="left" select="$per-row"/>
          <xsl:with-param name="paired" select="$paired"/>
          <xsl:with-param name="seats" select="boolean(s:person[@seat])"/>
        </xsl:call-template>
        <fo:table-body>
          <xsl:for-each select="s:person[position() mod $per-row = 1]">
            <fo:table-row>
              <xsl:call-template name="line"/>
              <xsl:for-each select=". | following-sibling::s:person[position() &lt; $per-row]">
                <xsl:if test="$paired">
                  <fo:table-cell padding="0.3mm 0.5em 0.3mm 0">
                    <fo:block>
                      <xsl:choose>
                        <xsl:when test="@seat">
                          <xsl:attribute name="text-align">end</xsl:attribute>
                          <xsl:call-template name="wide"><xsl:with-param name="n" select="@seat"/></xsl:call-template>
                          <xsl:text>番</xsl:text>
                        </xsl:when>
                        <xsl:otherwise><xsl:value-of select="@role"/></xsl:otherwise>
                      </xsl:choose>
                    </fo:block>
                  </fo:table-cell>
                </xsl:if>
                <fo:table-cell padding="0.3mm 1em 0.3mm 0">
                  <fo:block>
                    <fo:inline keep-together.within-line="always">
                      <xsl:if test="@seat and @role">
                        <xsl:value-of select="@role"/><xsl:text>　</xsl:text>
                      </xsl:if>
                      <xsl:apply-templates/>
                      <xsl:value-of select="@suffix"/>
                    </fo:inline>
                  </fo:block>
                </fo:table-cell>
              </xsl:for-each>
            </fo:table-row>
          </xsl:for-each>
        </fo:table-body>
      </fo:table>
    </xsl:if>
    <xsl:for-each select="s:note">
      <fo:block start-indent="2em"><xsl:call-template name="line"/><xsl:apply-templates/></fo:block>
    </xsl:for-each>
  </xsl:template>

  <!-- The columns of a roster table: `left` pairs (seat or role, then name) or bare names. -->
  <xsl:template name="roster-columns">
    <xsl:param name="left"/>
    <xsl:param name="paired"/>
    <xsl:param name="seats"/>
    <xsl:if test="$left &gt; 0">
      <xsl:if test="$paired">
        <xsl:choose>
          <xsl:when test="$seats"><fo:table-column column-width="4.2em"/></xsl:when>
          <xsl:otherwise><fo:table-column column-width="proportional-column-width(6)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <fo:table-column column-width="proportional-column-width(5)"/>
      <xsl:call-template name="roster-columns">
        <xsl:with-param name="left" select="$left - 1"/>
        <xsl:with-param name="paired" select="$paired"/>
        <xsl:with-param name="seats" select="$seats"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- 議事日程 / 本日の会議に付した事件: the list's heading word (its own, or the layout's),
       the heading lines as printed, then the items under their labels (日程第１, 第１ …). -->
  <xsl:template match="s:agenda[@kind]">
    <fo:block font-family="{$heading-font-family}" space-before="4mm" space-after="1mm"
              space-before.maximum="{format-number(4 * $grow, '0.##')}mm" keep-with-next.within-page="always">
      <xsl:call-template name="line"/>
      <xsl:choose>
        <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
        <xsl:when test="@kind = 'business'">会議に付した事件</xsl:when>
        <xsl:otherwise>議事日程</xsl:otherwise>
      </xsl:choose>
    </fo:block>
    <xsl:for-each select="s:heading">
      <fo:block start-indent="1em" space-after="1mm" keep-with-next.within-page="always">
        <xsl:call-template name="line"/>
        <xsl:apply-templates/>
      </fo:block>
    </xsl:for-each>
    <xsl:for-each select="s:note">
      <fo:block start-indent="1em"><xsl:call-template name="line"/><xsl:apply-templates/></fo:block>
    </xsl:for-each>
    <xsl:if test="s:entry">
      <xsl:variable name="widest">
        <xsl:for-each select="s:entry">
          <xsl:sort select="string-length(@label)" data-type="number" order="descending"/>
          <xsl:if test="position() = 1"><xsl:value-of select="string-length(@label)"/></xsl:if>
        </xsl:for-each>
      </xsl:variable>
      <fo:list-block start-indent="1em" provisional-label-separation="0pt">
        <xsl:attribute name="provisional-distance-between-starts">
          <xsl:choose>
            <xsl:when test="$widest &gt; 0"><xsl:value-of select="concat($widest + 1.5, 'em')"/></xsl:when>
            <xsl:otherwise>3em</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:for-each select="s:entry">
          <fo:list-item space-before="0.5mm" space-before.maximum="{format-number(0.5 * $grow, '0.##')}mm">
            <xsl:call-template name="line"/>
            <fo:list-item-label end-indent="label-end()">
              <fo:block>
                <xsl:choose>
                  <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="concat('(', @n, ')')"/></xsl:otherwise>
                </xsl:choose>
              </fo:block>
            </fo:list-item-label>
            <fo:list-item-body start-indent="body-start()">
              <fo:block><xsl:apply-templates/></fo:block>
            </fo:list-item-body>
          </fo:list-item>
        </xsl:for-each>
      </fo:list-block>
    </xsl:if>
  </xsl:template>

  <!-- The mark before a speaker: ◎ ● and the other shapes as the source wrote them; ○ for
       the round ones (◯ 〇), a closing bracket only, none, or no mark attribute. -->
  <xsl:template name="turn-mark">
    <xsl:choose>
      <xsl:when test="@mark and @mark != 'none' and @mark != '◯' and @mark != '〇' and @mark != ')'
                      and @mark != '）'"><xsl:value-of select="@mark"/></xsl:when>
      <xsl:otherwise>○</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The mark before a head: the source's (△ ◆ …), none for an unmarked head, else ◎. -->
  <xsl:template name="section-mark">
    <xsl:choose>
      <xsl:when test="@mark = 'none'"/>
      <xsl:when test="@mark"><xsl:value-of select="@mark"/></xsl:when>
      <xsl:otherwise>◎</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- 諮問事項                                                      -->
  <!-- ============================================================ -->

  <xsl:template match="s:inquiry">
    <fo:block id="inquiry-{@n}" role="H2" font-family="{$heading-font-family}" font-size="{$h2-size}"
              line-height="1.4" space-before="9mm" space-after="1mm" space-before.maximum="{format-number(9 * $grow, '0.##')}mm"
              keep-with-next.within-page="always">
      <xsl:call-template name="line"/>
      <xsl:value-of select="concat('諮問事項', @n)"/>
    </fo:block>
    <fo:block role="H3" font-family="{$heading-font-family}" font-size="{$h3-size}" line-height="1.5"
              space-after="3mm" keep-with-next.within-page="always">
      <xsl:for-each select="s:title"><xsl:call-template name="line"/></xsl:for-each>
      <xsl:apply-templates select="s:title"/>
    </fo:block>
    <xsl:apply-templates select="s:qa | s:opinions"/>
  </xsl:template>

  <xsl:template match="s:qa">
    <fo:table xsl:use-attribute-sets="table" space-after="4mm" space-after.maximum="{format-number(4 * $grow, '0.##')}mm"
              orphans="2" widows="2"
              mx:keep-together-lines="{$short-row-lines}">
      <xsl:call-template name="line"/>
      <fo:table-column column-width="{$number-column-width}"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-header>
        <fo:table-row keep-with-next.within-page="always">
          <fo:table-cell xsl:use-attribute-sets="cell label-cell head-cell"><fo:block>番号</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cell label-cell head-cell"><fo:block>質問</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cell label-cell head-cell"><fo:block>区の考え方</fo:block></fo:table-cell>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:apply-templates select="s:entry"/>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:attribute-set name="head-cell">
    <xsl:attribute name="text-align">center</xsl:attribute>
    <xsl:attribute name="display-align">center</xsl:attribute>
  </xsl:attribute-set>

  <!-- A row splits inside its cells at line boundaries where a page ends, as the official
       minutes do, with at least 2 lines of a cell on each side, its number with the first part;
       a row all of whose cells are short (short-row-lines) is kept whole (the engine's rules:
       src/engine/table.c rule 6; FOP splits rows with its own orphans and widows, and ignores
       mx:keep-together-lines, which `minutes fo` leaves out).  Each page holds its part of the
       question, then its part of the answer; the PDF's structure joins the parts, so a screen
       reader reads each cell whole (src/engine/pdfstruct.c). -->
  <xsl:template match="s:qa/s:entry">
    <fo:table-row>
      <xsl:call-template name="line"/>
      <fo:table-cell xsl:use-attribute-sets="cell" text-align="center">
        <fo:block><fo:inline keep-together.within-line="always"><xsl:value-of select="@n"/></fo:inline></fo:block>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cell">
        <xsl:apply-templates select="s:question"/>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cell">
        <xsl:apply-templates select="s:answer | s:follow-up"/>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <xsl:template match="s:question | s:answer">
    <xsl:call-template name="blocks"/>
  </xsl:template>

  <!-- A later answer in the same row, under its label (as printed; "(再回答)" when none). -->
  <xsl:template match="s:follow-up">
    <fo:block space-before="2mm" space-before.maximum="{format-number(2 * $grow, '0.##')}mm" keep-with-next.within-page="always"
              font-family="{$heading-font-family}">
      <xsl:call-template name="line"/>
      <xsl:choose>
        <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
        <xsl:otherwise>(再回答)</xsl:otherwise>
      </xsl:choose>
    </fo:block>
    <xsl:call-template name="blocks"/>
  </xsl:template>

  <!-- 意見: a "・" list. -->
  <xsl:template match="s:opinions">
    <fo:block role="H3" font-family="{$heading-font-family}" font-size="{$h3-size}" line-height="1.5"
              space-before="2mm" space-after="1mm" space-before.maximum="{format-number(2 * $grow, '0.##')}mm"
              keep-with-next.within-page="always">
      <xsl:call-template name="line"/>
      <xsl:text>意見</xsl:text>
    </fo:block>
    <fo:list-block provisional-distance-between-starts="1em" provisional-label-separation="0pt"
                   space-after="2mm" space-after.maximum="{format-number(2 * $grow, '0.##')}mm">
      <xsl:for-each select="s:opinion">
        <fo:list-item space-after="0.8mm" space-after.maximum="{format-number(0.8 * $grow, '0.##')}mm">
          <xsl:call-template name="line"/>
          <fo:list-item-label end-indent="label-end()"><fo:block>・</fo:block></fo:list-item-label>
          <fo:list-item-body start-indent="body-start()">
            <xsl:call-template name="blocks"/>
          </fo:list-item-body>
        </fo:list-item>
      </xsl:for-each>
    </fo:list-block>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- 要望事項                                                      -->
  <!-- ============================================================ -->

  <xsl:template match="s:requests">
    <fo:block id="requests" role="H2" font-family="{$heading-font-family}" font-size="{$h2-size}"
              line-height="1.4" space-before="9mm" space-after="3mm" space-before.maximum="{format-number(9 * $grow, '0.##')}mm"
              keep-with-next.within-page="always">
      <xsl:call-template name="line"/>
      <xsl:text>要望事項</xsl:text>
    </fo:block>
    <xsl:apply-templates select="s:request | s:response"/>
  </xsl:template>

  <xsl:template match="s:request | s:response">
    <fo:block font-family="{$heading-font-family}" space-before="3mm" space-after="1mm"
              space-before.maximum="{format-number(3 * $grow, '0.##')}mm" keep-with-next.within-page="always">
      <xsl:call-template name="line"/>
      <xsl:choose>
        <xsl:when test="self::s:request"><xsl:value-of select="concat('要望', @n, ':')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat('回答', @n, ':')"/></xsl:otherwise>
      </xsl:choose>
    </fo:block>
    <xsl:call-template name="blocks"/>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- 発言記録: ◎ section heads, ○ speaker turns, stage notes       -->
  <!-- ============================================================ -->

  <xsl:template match="s:speech-record">
    <fo:block id="speech-record" role="H2" font-family="{$heading-font-family}" font-size="{$h2-size}"
              line-height="1.4" space-before="9mm" space-after="3mm" space-before.maximum="{format-number(9 * $grow, '0.##')}mm"
              keep-with-next.within-page="always">
      <xsl:call-template name="line"/>
      <xsl:text>発言記録</xsl:text>
    </fo:block>
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="s:speech-record/s:section">
    <fo:block font-family="{$heading-font-family}" space-before="4mm" space-after="1mm"
              space-before.maximum="{format-number(4 * $grow, '0.##')}mm" keep-with-next.within-page="always">
      <xsl:call-template name="line"/>
      <xsl:call-template name="section-mark"/>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!-- ○議長（青木早苗）　text…: the speaker in the Gothic face, continuation lines indented
       by one character (hanging indent); later paragraphs of the turn start one character in. -->
  <xsl:template match="s:turn">
    <xsl:variable name="first" select="*[not(self::s:speaker)][1]"/>
    <fo:block space-before="1.5mm" space-before.maximum="{format-number(1.5 * $grow, '0.##')}mm" start-indent="1em" text-indent="-1em" text-align="justify"
              keep-together.within-page="auto">
      <xsl:call-template name="line"/>
      <fo:inline font-family="{$heading-font-family}" keep-together.within-line="always">
        <xsl:call-template name="turn-mark"/>
        <xsl:apply-templates select="s:speaker"/>
      </fo:inline>
      <xsl:text>　</xsl:text>
      <xsl:if test="$first[self::s:p]">
        <xsl:apply-templates select="$first/node()"/>
      </xsl:if>
    </fo:block>
    <xsl:for-each select="*[not(self::s:speaker)]">
      <xsl:if test="not(self::s:p and generate-id(.) = generate-id($first))">
        <xsl:choose>
          <xsl:when test="self::s:p">
            <fo:block start-indent="1em" text-indent="1em" text-align="justify">
              <xsl:call-template name="line"/>
              <xsl:apply-templates/>
            </fo:block>
          </xsl:when>
          <xsl:otherwise>
            <fo:block start-indent="2em"><xsl:apply-templates select="."/></fo:block>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- Role first: 議長（青木早苗）; name first: おのせ康裕議長; or either alone. -->
  <xsl:template match="s:speaker">
    <xsl:choose>
      <xsl:when test="*[1][self::s:role] and s:name">
        <xsl:apply-templates select="s:role"/>
        <xsl:text>（</xsl:text>
        <xsl:apply-templates select="s:name"/>
        <xsl:text>）</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="*"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ――――: a rule between parts of the proceedings. -->
  <xsl:template match="s:speech-record/s:separator">
    <fo:block start-indent="15em" end-indent="15em" space-before="3mm" space-after="3mm"
              space-before.maximum="{format-number(3 * $grow, '0.##')}mm" space-after.maximum="{format-number(3 * $grow, '0.##')}mm"
              border-top-style="solid" border-top-width="{$rule-width}" border-top-color="#000000"
              >
      <xsl:call-template name="line"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="s:speech-record/s:stage">
    <fo:block start-indent="3em" space-before="1mm" space-after="1mm" space-before.maximum="{format-number(1 * $grow, '0.##')}mm"
              space-after.maximum="{format-number(1 * $grow, '0.##')}mm">
      <xsl:call-template name="line"/>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- Blocks and inlines                                            -->
  <!-- ============================================================ -->

  <!-- The children of a block container: p and list as blocks; a run of text and inlines
       (an item may hold them directly) becomes one block; whitespace between blocks is
       formatting and is dropped. -->
  <xsl:template name="blocks">
    <xsl:for-each select="node()">
      <xsl:choose>
        <xsl:when test="self::s:p or self::s:list">
          <xsl:apply-templates select="."/>
        </xsl:when>
        <!-- where a run starts (the parentheses make the step stop at the first sibling) -->
        <xsl:when test="not((preceding-sibling::node()[1])[not(self::s:p or self::s:list)])">
          <xsl:choose>
            <!-- the run in time linear in its length; counting siblings (elsewhere) is quadratic -->
            <xsl:when test="function-available('mn:inline-run')">
              <xsl:call-template name="run">
                <xsl:with-param name="run" select="mn:inline-run(.)"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:variable name="k" select="count(preceding-sibling::s:p | preceding-sibling::s:list)"/>
              <xsl:call-template name="run">
                <xsl:with-param name="run" select=". | following-sibling::node()[not(self::s:p or self::s:list)]
                                                      [count(preceding-sibling::s:p | preceding-sibling::s:list) = $k]"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:when>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- One run of text and inlines (`run`, starting at the context node) as one paragraph. -->
  <xsl:template name="run">
    <xsl:param name="run"/>
    <xsl:if test="normalize-space($run) != '' or $run[self::*]">
            <fo:block>
              <xsl:call-template name="line"/>
              <xsl:apply-templates select="$run"/>
            </fo:block>
    </xsl:if>
  </xsl:template>

  <!-- In a table the cell already justifies: the attribute is left out there (see "cell"). -->
  <xsl:template match="s:p">
    <fo:block>
      <xsl:if test="not(ancestor::s:entry/parent::s:qa)">
        <xsl:attribute name="text-align">justify</xsl:attribute>
      </xsl:if>
      <xsl:if test="preceding-sibling::*">
        <xsl:attribute name="space-before">1mm</xsl:attribute>
        <xsl:attribute name="space-before.maximum"><xsl:value-of select="format-number(1 * $grow, '0.##')"/>mm</xsl:attribute>
      </xsl:if>
      <xsl:call-template name="line"/>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!-- A list: labels as written (ア. / (1) / ① / a.), "・" when there is none.  The label
       column is as wide as the longest label (1em a character, half for ASCII). -->
  <xsl:template match="s:list">
    <xsl:variable name="widest">
      <xsl:for-each select="s:item">
        <xsl:sort select="string-length(@label)" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="@label"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="ascii" select="string-length(translate($widest,
        '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,:;()[]-', ''))"/>
    <xsl:variable name="em" select="$ascii + 0.55 * (string-length($widest) - $ascii)"/>
    <xsl:variable name="width">
      <xsl:choose>
        <xsl:when test="$em &lt; 1">1</xsl:when>
        <xsl:otherwise><xsl:value-of select="$em + 0.5"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <fo:list-block provisional-distance-between-starts="{$width}em"
                   provisional-label-separation="0.3em" space-before="0.5mm" space-after="0.5mm"
                   space-before.maximum="{format-number(0.5 * $grow, '0.##')}mm" space-after.maximum="{format-number(0.5 * $grow, '0.##')}mm">
      <xsl:call-template name="line"/>
      <xsl:for-each select="s:item">
        <fo:list-item>
          <xsl:call-template name="line"/>
          <fo:list-item-label end-indent="label-end()">
            <fo:block>
              <xsl:choose>
                <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
                <xsl:otherwise>・</xsl:otherwise>
              </xsl:choose>
            </fo:block>
          </fo:list-item-label>
          <fo:list-item-body start-indent="body-start()">
            <xsl:call-template name="blocks"/>
          </fo:list-item-body>
        </fo:list-item>
      </xsl:for-each>
    </fo:list-block>
  </xsl:template>

  <!-- A line break kept from the source: an empty block ends the line. -->
  <xsl:template match="s:br">
    <fo:block/>
  </xsl:template>

  <!-- A link, when its address is one we publish (xsl/links.xsl); else its text alone. -->
  <xsl:template match="s:a">
    <xsl:variable name="allowed">
      <xsl:call-template name="link-allowed"><xsl:with-param name="href" select="@href"/></xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$allowed = 'yes'">
        <fo:basic-link external-destination="url('{@href}')">
          <xsl:apply-templates/>
        </fo:basic-link>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A typo kept as printed: the text as written; corr is never printed. -->
  <xsl:template match="s:sic">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- The source breaks off here. -->
  <xsl:template match="s:cut">
    <fo:inline font-size="{$small-size}">（以下、原文欠落）</fo:inline>
  </xsl:template>

  <xsl:template match="s:title | s:council | s:person | s:material | s:record-note | s:role | s:name
                       | s:place | s:heading | s:time">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- Anything the schema does not know is an error worth stopping for (validate first). -->
  <xsl:template match="*">
    <xsl:message terminate="yes">the session holds an element the stylesheet does not know; run minutes validate on it</xsl:message>
  </xsl:template>

</xsl:stylesheet>

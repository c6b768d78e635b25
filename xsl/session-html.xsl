<?xml version="1.0" encoding="UTF-8"?>
<!--
  xsl/session-html.xsl: a session (urn:minutes:session:1) → one self-contained, accessible
  HTML5 page for the ward's website.

  The same content and order as the PDF (xsl/session-fo.xsl), as a web page: lang="ja", one h1
  (会議録), h2 per 諮問事項 / 要望事項 / 発言記録, h3 below them; real tables with a caption,
  th scope="col" for the header row and th scope="row" for each 番号; lists as ul; links as a.
  The front matter of a speech record: one table per roster group (caption = its heading,
  a row per person: seat or role, then the name as th scope="row"), and the order of
  business and the business taken up as h2 sections with their items as a list.
  The CSS is embedded (no external resource of any kind) and has a print style.
  Editorial marks as in the PDF: <sic> printed as written, <cut/> as 「（以下、原文欠落）」.
  Checked with `tidy -errors` and in headless Chromium (tests/build, docs/stylesheets.md).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:s="urn:minutes:session:1"
    xmlns:mn="urn:minutes:xslt-functions:1"
    exclude-result-prefixes="s mn">

  <xsl:include href="links.xsl"/>
  <xsl:include href="site.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>
  <xsl:strip-space elements="*"/>
  <xsl:preserve-space elements="s:p s:item s:title s:council s:entry s:person s:material
                                s:record-note s:section s:stage s:role s:name s:a s:sic
                                s:place s:heading s:time s:note"/>

  <!-- Extra CSS appended after the built-in style (e.g. a ward's colours); any "<" is dropped,
       so the value can never close the style element and inject markup. -->
  <xsl:param name="extra-css" select="''"/>
  <!-- Japanese line breaking, as in the PDF (session-fo.xsl): strict, normal or loose, the CSS
       line-break property of the page's text. -->
  <xsl:param name="line-break" select="'strict'"/>

  <!-- Set by minutes build: the size in bytes of the PDF beside this page (NAME.pdf), which the
       page links as 「PDF版（252KB）」.  Empty (minutes fo, a bare xsltproc): no link. -->
  <xsl:param name="pdf-size" select="''"/>
  <!-- The PDF's file name: the page's own name with .pdf (set by minutes build with pdf-size). -->
  <xsl:param name="pdf-href" select="''"/>

  <xsl:variable name="name" select="concat(normalize-space(/s:session/s:title), ' ', normalize-space(/s:session/s:council))"/>

  <xsl:template match="/">
    <xsl:if test="not(s:session)">
      <xsl:message terminate="yes">the document is not a session (urn:minutes:session:1); run minutes validate on it</xsl:message>
    </xsl:if>
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <html lang="ja">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="concat('会議録 ', $name)"/></title>
        <xsl:for-each select="(s:session/s:dates/s:decision | s:session/s:dates/s:held-on)[1]">
          <meta name="dcterms.date" content="{@iso}"/>
        </xsl:for-each>
        <meta name="generator" content="minutes"/>
        <style>
          <xsl:call-template name="css"/>
          <xsl:call-template name="front-css"/>
          <!-- "<" cannot end the style element early: CSS does not need it -->
          <xsl:value-of select="translate($extra-css, '&lt;', '')"/>
        </style>
      </head>
      <body>
        <!-- What the search index (Pagefind, site/build-index.mjs) takes of the page: the text
             of <main> alone, the session's name as the title of its hits, its council and
             fiscal year as filters (xsl/site.xsl, as index.html groups them); each passage
             below says its speaker as a filter and as the meta speaker-ID (site/search.js). -->
        <main data-session="{$name}" data-council="{normalize-space(s:session/s:council)}"
              data-pagefind-body="" data-pagefind-meta="title[data-session]"
              data-pagefind-filter="council[data-council], fiscal_year[data-fiscal-year]">
          <xsl:attribute name="data-fiscal-year">
            <xsl:for-each select="s:session"><xsl:call-template name="session-fiscal-year-label"/></xsl:for-each>
          </xsl:attribute>
          <xsl:apply-templates select="s:session"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="css">
<xsl:text>
:root { color-scheme: light; --rule: #555; --shade: #eef0f3; --ink: #1a1a1a; --link: #0b57a4; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font-family: "Hiragino Kaku Gothic ProN", "Hiragino Sans", "Yu Gothic", "Meiryo", "IPAexGothic", "Noto Sans CJK JP", sans-serif;
  font-size: 1rem; line-height: 1.8; }
main { max-width: 56rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
h1 { font-size: 1.9rem; text-align: center; letter-spacing: 0.3em; margin: 0.5rem 0 1.5rem; }
h1 .day { display: block; font-size: 1.1rem; letter-spacing: 0.1em; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 0.75rem; padding-bottom: 0.2rem; border-bottom: 2px solid var(--rule); }
h2 .title { display: block; font-size: 1.05rem; font-weight: 600; margin-top: 0.3rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.4rem; }
p { margin: 0 0 0.5rem; }
a { color: var(--link); overflow-wrap: anywhere; }
a:focus { outline: 2px solid var(--link); outline-offset: 2px; }
nav.toc { margin: 1.5rem 0; padding: 0.6rem 1rem; background: var(--shade); border-radius: 4px; }
nav.toc h2 { font-size: 1rem; margin: 0 0 0.3rem; border: 0; padding: 0; }
nav.toc ul { margin: 0; padding-left: 1.2rem; }
table { width: 100%; border-collapse: collapse; margin: 0.5rem 0 1.25rem; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; caption-side: top; }
th, td { border: 1px solid var(--rule); padding: 0.45rem 0.6rem; vertical-align: top; text-align: left; }
th { background: var(--shade); font-weight: 600; }
table.summary th { width: 8.5em; white-space: nowrap; }
table.qa thead th { text-align: center; }
table.qa th.number { text-align: center; font-weight: normal; white-space: nowrap; }
table.qa thead th:first-child { width: 3.6em; white-space: nowrap; }
table.qa td { width: 47%; }
td p:last-child, li p:last-child { margin-bottom: 0; }
.follow-up { margin-top: 0.7rem; padding-top: 0.4rem; border-top: 1px dashed var(--rule); }
.follow-up .label { font-weight: 600; margin-bottom: 0.2rem; }
ul.marked { list-style: none; margin: 0.3rem 0 0.6rem; padding: 0; }
ul.marked > li { display: flex; gap: 0.3em; margin-bottom: 0.25rem; }
ul.marked > li > .mark { flex: none; min-width: 1em; }
ul.marked > li > .body { flex: 1; min-width: 0; }
.dates { margin: 0; display: grid; grid-template-columns: max-content 1fr; column-gap: 1em; }
.dates dt { font-weight: 600; }
.dates dd { margin: 0; }
.people { margin: 0 0 0.4rem; }
.group { font-weight: 600; margin: 0.4rem 0 0; }
.group:first-child { margin-top: 0; }
.agenda-heading { font-weight: 600; }
.request-label { font-size: 1rem; margin: 1.2rem 0 0.3rem; }
.request-body { margin-left: 1em; }
.speech h3 { font-size: 1.05rem; }
.turn { margin: 0.6rem 0; }
.turn p { padding-left: 1em; text-indent: 1em; margin-bottom: 0.25rem; }
.turn p.first { text-indent: -1em; }
.turn .speaker { font-weight: 700; white-space: nowrap; }
.nb { white-space: nowrap; }
.turn ul, .turn .list { margin-left: 2em; }
.stage { margin: 0.4rem 0 0.4rem 3em; }
hr.separator { width: 30%; margin: 1.2rem auto; border: 0; border-top: 1px solid var(--rule); }
.cut { font-size: 0.85em; color: #555; }
/* the passage a search result links to (NAME.html#inquiry-1-q3-answer) */
main :target { scroll-margin-top: 1rem; background: #fff4c2; }
@media (max-width: 40rem) {
  main { padding: 1rem 0.6rem 3rem; }
  th, td { padding: 0.35rem 0.4rem; }
  table.summary th { width: auto; white-space: normal; }
}
@media print {
  @page { size: A4; margin: 18mm 18mm 16mm; }
  body { font-family: "IPAexMincho", "Hiragino Mincho ProN", "Yu Mincho", serif; font-size: 10.5pt; line-height: 1.7; color: #000; }
  main { max-width: none; padding: 0; }
  h1, h2, h3, th, caption, .speaker, .group { font-family: "IPAexGothic", "Hiragino Kaku Gothic ProN", "Yu Gothic", sans-serif; }
  h2 { break-after: avoid; border-bottom-width: 1px; }
  h3, caption, .request-label { break-after: avoid; }
  nav.toc { display: none; }
  a { color: inherit; text-decoration: none; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
/* Japanese composition, as the PDF sets it (docs/fo-subset.md "Japanese text"): a quarter em
   between Japanese and Latin (JLREQ 3.2.5), an opening bracket starting a line set half-width
   (3.1.5), kinsoku at the line-break level (3.1.7). */
body { text-autospace: normal; text-spacing-trim: trim-start; }
</xsl:text>
<xsl:text>body { line-break: </xsl:text>
<xsl:choose>
  <xsl:when test="$line-break = 'normal' or $line-break = 'loose'"><xsl:value-of select="$line-break"/></xsl:when>
  <xsl:otherwise>strict</xsl:otherwise>
</xsl:choose>
<xsl:text>; }
</xsl:text>
  </xsl:template>

  <!-- The style of a speech record's front matter, only where there is one (a page without
       rosters or agendas of assembly minutes carries none of it). -->
  <xsl:template name="front-css">
    <xsl:if test="/s:session/s:attendees/s:group or /s:session/s:agenda[@kind]">
<xsl:text>table.roster { width: auto; min-width: 50%; }
table.roster th, table.roster td { padding: 0.15rem 0.6rem; }
table.roster td.seat, table.roster th[scope="row"] { white-space: nowrap; }
table.roster td.seat { text-align: right; }
table.roster th[scope="row"] { background: none; font-weight: normal; }
.front h2 { font-size: 1.15rem; }
.roster-note { margin: 0 0 1rem 1em; }
ul.agenda > li > .mark { min-width: 4.5em; }
</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template match="s:session">
    <h1>
      <xsl:text>会議録</xsl:text>
      <xsl:if test="s:title/@issue">
        <xsl:text>　第</xsl:text>
        <xsl:call-template name="wide"><xsl:with-param name="n" select="s:title/@issue"/></xsl:call-template>
        <xsl:text>号</xsl:text>
      </xsl:if>
      <xsl:if test="s:title/@day">
        <span class="day">
          <xsl:text>第</xsl:text>
          <xsl:call-template name="wide"><xsl:with-param name="n" select="s:title/@day"/></xsl:call-template>
          <xsl:text>日</xsl:text>
        </span>
      </xsl:if>
    </h1>
    <xsl:if test="$pdf-size != '' and $pdf-href != ''">
      <!-- the official minutes, with format and size (JIS X 8341-3 practice) -->
      <p class="pdf">
        <a href="{$pdf-href}">
          <xsl:text>PDF版（</xsl:text>
          <xsl:call-template name="file-size"><xsl:with-param name="bytes" select="$pdf-size"/></xsl:call-template>
          <xsl:text>）</xsl:text>
        </a>
      </p>
    </xsl:if>
    <xsl:call-template name="summary"/>
    <xsl:call-template name="front-matter"/>
    <xsl:if test="count(s:inquiry | s:requests | s:speech-record) &gt; 1">
      <nav class="toc" aria-labelledby="toc-heading">
        <h2 id="toc-heading">目次</h2>
        <ul>
          <xsl:for-each select="s:inquiry">
            <li><a href="#inquiry-{@n}"><xsl:value-of select="concat('諮問事項', @n, ' ', normalize-space(s:title))"/></a></li>
          </xsl:for-each>
          <xsl:if test="s:requests"><li><a href="#requests">要望事項</a></li></xsl:if>
          <xsl:if test="s:speech-record"><li><a href="#speech-record">発言記録</a></li></xsl:if>
        </ul>
      </nav>
    </xsl:if>
    <xsl:apply-templates select="s:inquiry | s:requests | s:speech-record"/>
  </xsl:template>

  <!-- The header table. -->
  <xsl:template name="summary">
    <table class="summary" id="summary">
      <caption>会議の概要</caption>
      <tbody>
        <tr>
          <th scope="row">名称</th>
          <td><xsl:apply-templates select="s:title"/><xsl:text> </xsl:text><xsl:apply-templates select="s:council"/></td>
        </tr>
        <tr>
          <th scope="row">日時</th>
          <td>
            <dl class="dates">
              <xsl:for-each select="s:dates/*[not(self::s:time[not(@event)])]">
                <dt>
                  <xsl:choose>
                    <xsl:when test="self::s:start">審議開始日</xsl:when>
                    <xsl:when test="self::s:decision">議決日</xsl:when>
                    <xsl:when test="self::s:time"><xsl:call-template name="event-word"/></xsl:when>
                    <xsl:otherwise>開催日</xsl:otherwise>
                  </xsl:choose>
                </dt>
                <dd>
                  <span class="nb"><xsl:apply-templates/></span>
                  <xsl:for-each select="self::s:held-on/following-sibling::s:time[not(@event)]">
                    <xsl:text>　</xsl:text><span class="nb"><xsl:apply-templates/></span>
                  </xsl:for-each>
                </dd>
              </xsl:for-each>
            </dl>
            <xsl:apply-templates select="s:held/*"/>
          </td>
        </tr>
        <xsl:if test="s:place">
          <tr><th scope="row">場所</th><td><xsl:apply-templates select="s:place"/></td></tr>
        </xsl:if>
        <xsl:if test="s:attendees[s:person]">
          <tr>
            <th scope="row">参加者</th>
            <td>
              <xsl:if test="s:attendees/s:person">
                <p class="people"><xsl:for-each select="s:attendees"><xsl:call-template name="people"/></xsl:for-each></p>
              </xsl:if>
              <xsl:for-each select="s:attendees/s:group">
                <p class="group"><xsl:value-of select="@label"/></p>
                <p class="people"><xsl:call-template name="people"/></p>
              </xsl:for-each>
            </td>
          </tr>
        </xsl:if>
        <xsl:if test="s:materials">
          <tr>
            <th scope="row">配布資料</th>
            <td>
              <xsl:for-each select="s:materials/s:material">
                <p><xsl:apply-templates/></p>
              </xsl:for-each>
            </td>
          </tr>
        </xsl:if>
        <xsl:if test="s:agenda[not(@kind)]">
          <tr>
            <th scope="row">諮問事項</th>
            <td>
              <xsl:for-each select="s:agenda[not(@kind)]/s:heading">
                <p class="agenda-heading"><xsl:apply-templates/></p>
              </xsl:for-each>
              <xsl:for-each select="s:agenda[not(@kind)]/s:entry">
                <p>
                  <xsl:choose>
                    <xsl:when test="@label"><xsl:value-of select="@label"/><xsl:text>　</xsl:text></xsl:when>
                    <xsl:otherwise><xsl:value-of select="concat('(', @n, ')')"/></xsl:otherwise>
                  </xsl:choose>
                  <xsl:apply-templates/>
                </p>
              </xsl:for-each>
            </td>
          </tr>
        </xsl:if>
        <xsl:if test="s:record-note">
          <tr><th scope="row">発言の記録</th><td><xsl:apply-templates select="s:record-note"/></td></tr>
        </xsl:if>
        <xsl:if test="s:remarks">
          <tr><th scope="row">備考</th><td><xsl:for-each select="s:remarks"><xsl:call-template name="blocks"/></xsl:for-each></td></tr>
        </xsl:if>
      </tbody>
    </table>
  </xsl:template>

  <!-- A person (seat, role, name, honorific) is never broken across lines: span.nb, as the
       PDF's keep-together.within-line. -->
  <xsl:template name="people">
    <xsl:for-each select="s:person">
      <xsl:if test="position() != 1"><xsl:text>、</xsl:text></xsl:if>
      <span class="nb">
        <xsl:if test="@seat">
          <xsl:call-template name="wide"><xsl:with-param name="n" select="@seat"/></xsl:call-template>
          <xsl:text>番 </xsl:text>
        </xsl:if>
        <xsl:if test="@role"><xsl:value-of select="@role"/><xsl:text> </xsl:text></xsl:if>
        <xsl:apply-templates/>
        <xsl:value-of select="@suffix"/>
      </span>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="wide">
    <xsl:param name="n"/>
    <xsl:value-of select="translate($n, '0123456789', '０１２３４５６７８９')"/>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- The front matter of a speech record (会議録の冒頭)            -->
  <!-- ============================================================ -->

  <xsl:template name="event-word">
    <xsl:choose>
      <xsl:when test="@event = 'open'">開会</xsl:when>
      <xsl:when test="@event = 'sitting'">開議</xsl:when>
      <xsl:when test="@event = 'recess'">休憩</xsl:when>
      <xsl:when test="@event = 'resume'">再開</xsl:when>
      <xsl:when test="@event = 'adjourn'">散会</xsl:when>
      <xsl:when test="@event = 'close'">閉会</xsl:when>
      <xsl:when test="@event = 'postpone'">延会</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The rosters (a table per group) and the agendas with a kind, in a section of their own. -->
  <xsl:template name="front-matter">
    <xsl:if test="s:attendees/s:group or s:agenda[@kind]">
      <section class="front" id="front" aria-label="出席者と議事日程">
        <xsl:for-each select="s:attendees/s:group">
          <xsl:variable name="id" select="concat('group-', position())"/>
          <xsl:if test="s:person">
            <table class="roster" id="{$id}">
              <caption><xsl:value-of select="@label"/></caption>
              <thead>
                <tr>
                  <xsl:choose>
                    <xsl:when test="s:person[@seat]"><th scope="col">議席</th></xsl:when>
                    <xsl:when test="s:person[@role]"><th scope="col">役職</th></xsl:when>
                  </xsl:choose>
                  <th scope="col">氏名</th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="s:person">
                  <tr>
                    <xsl:choose>
                      <xsl:when test="../s:person[@seat]">
                        <td class="seat">
                          <xsl:if test="@seat">
                            <xsl:call-template name="wide"><xsl:with-param name="n" select="@seat"/></xsl:call-template>
                            <xsl:text>番</xsl:text>
                          </xsl:if>
                        </td>
                      </xsl:when>
                      <xsl:when test="../s:person[@role]"><td><xsl:value-of select="@role"/></td></xsl:when>
                    </xsl:choose>
                    <th scope="row">
                      <xsl:if test="@seat and @role"><xsl:value-of select="@role"/><xsl:text>　</xsl:text></xsl:if>
                      <xsl:apply-templates/>
                      <xsl:value-of select="@suffix"/>
                    </th>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </xsl:if>
          <xsl:if test="not(s:person)">
            <h3 id="{$id}"><xsl:value-of select="@label"/></h3>
          </xsl:if>
          <xsl:for-each select="s:note">
            <p class="roster-note"><xsl:apply-templates/></p>
          </xsl:for-each>
        </xsl:for-each>
        <xsl:for-each select="s:agenda[@kind]">
          <h2 id="agenda-{position()}">
            <xsl:choose>
              <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
              <xsl:when test="@kind = 'business'">会議に付した事件</xsl:when>
              <xsl:otherwise>議事日程</xsl:otherwise>
            </xsl:choose>
          </h2>
          <xsl:for-each select="s:heading">
            <p class="agenda-heading"><xsl:apply-templates/></p>
          </xsl:for-each>
          <xsl:for-each select="s:note">
            <p><xsl:apply-templates/></p>
          </xsl:for-each>
          <xsl:if test="s:entry">
            <ul class="marked agenda">
              <xsl:for-each select="s:entry">
                <li>
                  <span class="mark">
                    <xsl:choose>
                      <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="concat('(', @n, ')')"/></xsl:otherwise>
                    </xsl:choose>
                  </span>
                  <div class="body"><xsl:apply-templates/></div>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:if>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The marks before a speaker and before a head, as in session-fo.xsl. -->
  <xsl:template name="turn-mark">
    <xsl:choose>
      <xsl:when test="@mark and @mark != 'none' and @mark != '◯' and @mark != '〇' and @mark != ')'
                      and @mark != '）'"><xsl:value-of select="@mark"/></xsl:when>
      <xsl:otherwise>○</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="section-mark">
    <xsl:choose>
      <xsl:when test="@mark = 'none'"/>
      <xsl:when test="@mark"><span aria-hidden="true"><xsl:value-of select="@mark"/></span></xsl:when>
      <xsl:otherwise><span aria-hidden="true">◎</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- 諮問事項                                                      -->
  <!-- ============================================================ -->

  <xsl:template match="s:inquiry">
    <section id="inquiry-{@n}" aria-labelledby="inquiry-{@n}-h">
      <h2 id="inquiry-{@n}-h">
        <xsl:value-of select="concat('諮問事項', @n)"/>
        <xsl:text> </xsl:text>
        <span class="title"><xsl:apply-templates select="s:title"/></span>
      </h2>
      <xsl:apply-templates select="s:qa | s:opinions"/>
    </section>
  </xsl:template>

  <xsl:template match="s:qa">
    <table class="qa">
      <caption><xsl:value-of select="concat('諮問事項', ../@n, 'の質問と区の考え方')"/></caption>
      <thead>
        <tr><th scope="col">番号</th><th scope="col">質問</th><th scope="col">区の考え方</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="s:entry">
          <tr id="inquiry-{../../@n}-q{@n}">
            <th scope="row" class="number"><xsl:value-of select="@n"/></th>
            <td id="inquiry-{../../@n}-q{@n}-question" data-speaker="質問" data-pagefind-filter="speaker[data-speaker]"
                data-pagefind-meta="speaker-inquiry-{../../@n}-q{@n}-question[data-speaker]">
              <xsl:for-each select="s:question"><xsl:call-template name="blocks"/></xsl:for-each>
            </td>
            <td id="inquiry-{../../@n}-q{@n}-answer" data-speaker="区の考え方" data-pagefind-filter="speaker[data-speaker]"
                data-pagefind-meta="speaker-inquiry-{../../@n}-q{@n}-answer[data-speaker]">
              <xsl:for-each select="s:answer"><xsl:call-template name="blocks"/></xsl:for-each>
              <xsl:for-each select="s:follow-up">
                <div class="follow-up">
                  <p class="label">
                    <xsl:choose>
                      <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
                      <xsl:otherwise>(再回答)</xsl:otherwise>
                    </xsl:choose>
                  </p>
                  <xsl:call-template name="blocks"/>
                </div>
              </xsl:for-each>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="s:opinions">
    <h3>意見</h3>
    <ul class="marked">
      <xsl:for-each select="s:opinion">
        <!-- numbered in the order of the source: opinions carry no number of their own -->
        <li id="inquiry-{../../@n}-opinion-{position()}" data-speaker="意見" data-pagefind-filter="speaker[data-speaker]"
            data-pagefind-meta="speaker-inquiry-{../../@n}-opinion-{position()}[data-speaker]">
          <span class="mark" aria-hidden="true">・</span><div class="body"><xsl:call-template name="blocks"/></div>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- 要望事項                                                      -->
  <!-- ============================================================ -->

  <xsl:template match="s:requests">
    <section id="requests" aria-labelledby="requests-h">
      <h2 id="requests-h">要望事項</h2>
      <xsl:for-each select="s:request | s:response">
        <xsl:variable name="word">
          <xsl:choose>
            <xsl:when test="self::s:request">要望</xsl:when>
            <xsl:otherwise>回答</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <div class="request" id="{concat(local-name(), '-', @n)}" data-speaker="{$word}" data-pagefind-filter="speaker[data-speaker]"
             data-pagefind-meta="speaker-{concat(local-name(), '-', @n)}[data-speaker]">
          <h3 class="request-label"><xsl:value-of select="concat($word, @n, ':')"/></h3>
          <div class="request-body"><xsl:call-template name="blocks"/></div>
        </div>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- 発言記録                                                      -->
  <!-- ============================================================ -->

  <xsl:template match="s:speech-record">
    <section id="speech-record" class="speech" aria-labelledby="speech-record-h">
      <h2 id="speech-record-h">発言記録</h2>
      <xsl:apply-templates select="*"/>
    </section>
  </xsl:template>

  <!-- Heads and stage notes are numbered in the order of the source, each kind on its own. -->
  <xsl:template match="s:speech-record/s:section">
    <h3 id="speech-head-{count(preceding-sibling::s:section) + 1}">
      <xsl:call-template name="section-mark"/><xsl:apply-templates/>
    </h3>
  </xsl:template>

  <xsl:template match="s:speech-record/s:stage">
    <p class="stage" id="speech-stage-{count(preceding-sibling::s:stage) + 1}"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="s:speech-record/s:separator">
    <hr class="separator"/>
  </xsl:template>

  <xsl:template match="s:turn">
    <xsl:variable name="first" select="*[not(self::s:speaker)][1]"/>
    <xsl:variable name="said-by"><xsl:apply-templates select="s:speaker"/></xsl:variable>
    <!-- The id: the source's number of the turn (turn-N), or where the source numbers none its
         place among the record's turns (speech-K).  The search filters by the speaker's name
         (as 区長 and 議長 speak under one name each). -->
    <xsl:variable name="id">
      <xsl:choose>
        <xsl:when test="@n"><xsl:value-of select="concat('turn-', @n)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat('speech-', count(preceding-sibling::s:turn) + 1)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <div class="turn" id="{$id}" data-pagefind-filter="speaker[data-speaker]"
         data-pagefind-meta="speaker-{$id}[data-speaker]">
      <xsl:attribute name="data-speaker">
        <xsl:choose>
          <xsl:when test="s:speaker/s:name"><xsl:value-of select="normalize-space(s:speaker/s:name)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="normalize-space($said-by)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <p class="first">
        <span class="speaker">
          <xsl:call-template name="turn-mark"/>
          <xsl:apply-templates select="s:speaker"/>
        </span>
        <xsl:text>　</xsl:text>
        <xsl:if test="$first[self::s:p]"><xsl:apply-templates select="$first/node()"/></xsl:if>
      </p>
      <xsl:for-each select="*[not(self::s:speaker)]">
        <xsl:if test="not(self::s:p and generate-id(.) = generate-id($first))">
          <xsl:apply-templates select="."/>
        </xsl:if>
      </xsl:for-each>
    </div>
  </xsl:template>

  <xsl:template match="s:speaker">
    <xsl:choose>
      <xsl:when test="*[1][self::s:role] and s:name">
        <xsl:apply-templates select="s:role"/>
        <xsl:text>（</xsl:text>
        <xsl:apply-templates select="s:name"/>
        <xsl:text>）</xsl:text>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="*"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- Blocks and inlines                                            -->
  <!-- ============================================================ -->

  <!-- As in session-fo.xsl: p and list as blocks, a run of text and inlines as one p. -->
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
            <p><xsl:apply-templates select="$run"/></p>
    </xsl:if>
  </xsl:template>

  <xsl:template match="s:p">
    <p><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="s:list">
    <ul class="marked list">
      <xsl:for-each select="s:item">
        <li>
          <span class="mark">
            <xsl:choose>
              <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
              <xsl:otherwise><xsl:attribute name="aria-hidden">true</xsl:attribute>・</xsl:otherwise>
            </xsl:choose>
          </span>
          <div class="body"><xsl:call-template name="blocks"/></div>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template match="s:br"><br/></xsl:template>

  <!-- A link, when its address is one we publish (xsl/links.xsl); else its text alone. -->
  <xsl:template match="s:a">
    <xsl:variable name="allowed">
      <xsl:call-template name="link-allowed"><xsl:with-param name="href" select="@href"/></xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$allowed = 'yes'"><a href="{@href}"><xsl:apply-templates/></a></xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="s:sic">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="s:cut">
    <span class="cut">（以下、原文欠落）</span>
  </xsl:template>

  <xsl:template match="s:title | s:council | s:person | s:material | s:record-note | s:role | s:name
                       | s:place | s:heading | s:time">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="*">
    <xsl:message terminate="yes">the session holds an element the stylesheet does not know; run minutes validate on it</xsl:message>
  </xsl:template>

</xsl:stylesheet>

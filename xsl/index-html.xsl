<?xml version="1.0" encoding="UTF-8"?>
<!--
  xsl/index-html.xsl: the front page of the published folder (output/index.html): the search
  of every session (site/search.js over the Pagefind index, src/archive/search.c) and the list
  of sessions by council and fiscal year (令和N年度), newest first, with links to the PDF (with
  its size) and the HTML of each.

  The list is the page's own content: without JavaScript, or where the search index was not
  made, the page is the list alone (the search form is hidden until search.js shows it).

  Input, built by `minutes build` (src/archive/index.c):
    <index xmlns="urn:minutes:index:1">
      <item pdf="r03-1.pdf" html="r03-1.html" name="r03-1" pdf-size="257694">   (bytes)
        <session xmlns="urn:minutes:session:1"> … </session>   (the summary of the session
                 kept beside its outputs: its root with only its title, council and dates,
                 all this stylesheet reads of it)
      </item>
      <item pdf="…" html="…" name="…"/>   (a session whose summary cannot be read: its name)
    </index>
  Order: councils by name; in each, fiscal years newest first, and in each year the sessions by
  the decision date (or the day held), newest first; ties by file name.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:s="urn:minutes:session:1"
    xmlns:i="urn:minutes:index:1"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="exsl"
    exclude-result-prefixes="s i">

  <xsl:include href="links.xsl"/>
  <xsl:include href="site.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <!-- The page's heading and title. -->
  <xsl:param name="index-title" select="'会議録の一覧'"/>

  <xsl:template match="/">
    <!-- The sessions in the order listed, each with its council and fiscal year worked out once
         (xsl/site.xsl, as the session page says them to the search index). -->
    <xsl:variable name="rows-tree">
      <xsl:for-each select="i:index/i:item">
        <xsl:sort select="normalize-space(s:session/s:council)"/>
        <xsl:sort select="(s:session/s:dates/s:decision | s:session/s:dates/s:held-on)/@iso" order="descending"/>
        <xsl:sort select="@html" order="descending"/>
        <row council="{normalize-space(s:session/s:council)}">
          <xsl:attribute name="year">
            <xsl:for-each select="s:session"><xsl:call-template name="session-fiscal-year-label"/></xsl:for-each>
          </xsl:attribute>
          <xsl:copy-of select="."/>
        </row>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="rows" select="exsl:node-set($rows-tree)/row"/>
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <html lang="ja">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$index-title"/></title>
        <meta name="generator" content="minutes"/>
        <style>
<xsl:text>
* { box-sizing: border-box; }
body { margin: 0; color: #1a1a1a; background: #fff; line-height: 1.7;
  font-family: "Hiragino Kaku Gothic ProN", "Hiragino Sans", "Yu Gothic", "Meiryo", "IPAexGothic", "Noto Sans CJK JP", sans-serif; }
main { max-width: 56rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
h1 { font-size: 1.7rem; margin: 0.5rem 0 1.2rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 0.6rem; border-bottom: 2px solid #555; }
h3 { font-size: 1.1rem; margin: 1.2rem 0 0.4rem; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #555; padding: 0.45rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: #eef0f3; }
td.date { white-space: nowrap; }
a { color: #0b57a4; }
a:focus, input:focus, select:focus, button:focus { outline: 2px solid #0b57a4; outline-offset: 2px; }
p.empty { font-style: normal; }
form.search { display: flex; flex-wrap: wrap; gap: 0.6rem 1rem; align-items: flex-end; margin: 0 0 0.8rem; }
form.search label { display: flex; flex-direction: column; font-weight: 600; }
form.search input, form.search select, form.search button { font: inherit; padding: 0.3rem 0.5rem; border: 1px solid #555; border-radius: 3px; }
form.search input { min-width: 16rem; }
button.more { font: inherit; padding: 0.3rem 0.8rem; border: 1px solid #0b57a4; border-radius: 3px; }
form.search button, button.more { background: #0b57a4; color: #fff; border-color: #0b57a4; cursor: pointer; }
ol.hits { padding-left: 1.6rem; }
ol.hits > li { margin: 0 0 1rem; }
ol.hits .where { display: block; font-size: 0.9rem; color: #444; }
ol.hits mark { background: #fff4c2; color: inherit; font-weight: 700; }
@media print { a { color: inherit; } thead th { background: #eee; } #search { display: none; } }
</xsl:text>
        </style>
        <script type="module" src="search.js"></script>
      </head>
      <body>
        <main>
          <h1><xsl:value-of select="$index-title"/></h1>
          <!-- Shown by search.js, which fills the filters from the index; empty until a search. -->
          <section id="search" aria-labelledby="search-h" hidden="">
            <h2 id="search-h">会議録の検索</h2>
            <form class="search" role="search" aria-labelledby="search-h">
              <label>検索する言葉<input type="search" name="q" autocomplete="off"/></label>
              <label>会議<select name="council"><option value="">すべての会議</option></select></label>
              <label>年度<select name="fiscal_year"><option value="">すべての年度</option></select></label>
              <label>発言者<select name="speaker"><option value="">すべての発言者</option></select></label>
              <button type="submit">検索</button>
            </form>
            <p class="summary" role="status" aria-live="polite"></p>
            <ol class="hits"></ol>
            <button type="button" class="more" hidden="">次の50件を表示</button>
          </section>
          <xsl:choose>
            <xsl:when test="$rows">
              <xsl:for-each select="$rows[not(@council = preceding-sibling::row[1]/@council)]">
                <xsl:variable name="council" select="@council"/>
                <xsl:variable name="n" select="position()"/>
                <section aria-labelledby="council-{$n}">
                  <h2 id="council-{$n}">
                    <xsl:choose>
                      <xsl:when test="$council != ''"><xsl:value-of select="$council"/></xsl:when>
                      <xsl:otherwise>会議名のない会議録</xsl:otherwise>
                    </xsl:choose>
                  </h2>
                  <xsl:for-each select="$rows[@council = $council][not(@council = preceding-sibling::row[1]/@council and @year = preceding-sibling::row[1]/@year)]">
                    <xsl:variable name="year" select="@year"/>
                    <xsl:variable name="id" select="concat('council-', $n, '-', position())"/>
                    <h3 id="{$id}"><xsl:value-of select="$year"/></h3>
                    <table aria-labelledby="{concat('council-', $n)} {$id}">
                      <thead>
                        <tr>
                          <th scope="col">会議</th>
                          <th scope="col">日付</th>
                          <th scope="col">会議録</th>
                        </tr>
                      </thead>
                      <tbody>
                        <xsl:for-each select="$rows[@council = $council and @year = $year]">
                          <xsl:apply-templates select="i:item"/>
                        </xsl:for-each>
                      </tbody>
                    </table>
                  </xsl:for-each>
                </section>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <p class="empty">会議録はまだありません。</p>
            </xsl:otherwise>
          </xsl:choose>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- One session of the list: its name, its date, its PDF and its page. -->
  <xsl:template match="i:item">
    <xsl:variable name="ss" select="s:session"/>
    <tr>
      <th scope="row">
        <xsl:choose>
          <xsl:when test="$ss">
            <xsl:value-of select="concat(normalize-space($ss/s:title), ' ', normalize-space($ss/s:council))"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="@name"/></xsl:otherwise>
        </xsl:choose>
      </th>
      <td class="date">
        <xsl:value-of select="normalize-space(($ss/s:dates/s:decision | $ss/s:dates/s:held-on)[1])"/>
      </td>
      <td>
        <!-- the format and size with the link, as Japanese public sites give them -->
        <a href="{@pdf}">
          <xsl:text>会議録（PDF</xsl:text>
          <xsl:if test="@pdf-size">
            <xsl:text>：</xsl:text>
            <xsl:call-template name="file-size"><xsl:with-param name="bytes" select="@pdf-size"/></xsl:call-template>
          </xsl:if>
          <xsl:text>）</xsl:text>
        </a>
        <xsl:text>　</xsl:text>
        <a href="{@html}">ウェブページ</a>
      </td>
    </tr>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  xsl/index-html.xsl: the list of sessions (output/index.html), newest first, with links to the
  PDF and the HTML of each.

  Input, built by `minutes build` (src/archive/index.c):
    <index xmlns="urn:minutes:index:1">
      <item pdf="r03-1.pdf" html="r03-1.html" name="r03-1" pdf-size="257694">   (bytes)
        <session xmlns="urn:minutes:session:1"> … </session>   (the summary of the session
                 kept beside its outputs: its root with only its title, council and dates,
                 all this stylesheet reads of it)
      </item>
      <item pdf="…" html="…" name="…"/>   (a session whose summary cannot be read: its name)
    </index>
  Order: by the decision date (or the day held), newest first; ties by file name.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:s="urn:minutes:session:1"
    xmlns:i="urn:minutes:index:1"
    exclude-result-prefixes="s i">

  <xsl:include href="links.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <!-- The page's heading and title. -->
  <xsl:param name="index-title" select="'会議録の一覧'"/>

  <xsl:template match="/">
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
table { width: 100%; border-collapse: collapse; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { border: 1px solid #555; padding: 0.45rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: #eef0f3; }
td.date { white-space: nowrap; }
a { color: #0b57a4; }
a:focus { outline: 2px solid #0b57a4; outline-offset: 2px; }
p.empty { font-style: normal; }
@media print { a { color: inherit; } thead th { background: #eee; } }
</xsl:text>
        </style>
      </head>
      <body>
        <main>
          <h1><xsl:value-of select="$index-title"/></h1>
          <xsl:choose>
            <xsl:when test="i:index/i:item">
              <table>
                <caption>新しい順</caption>
                <thead>
                  <tr>
                    <th scope="col">会議</th>
                    <th scope="col">日付</th>
                    <th scope="col">会議録</th>
                  </tr>
                </thead>
                <tbody>
                  <xsl:for-each select="i:index/i:item">
                    <xsl:sort select="(s:session/s:dates/s:decision | s:session/s:dates/s:held-on)/@iso" order="descending"/>
                    <xsl:sort select="@html" order="descending"/>
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
                  </xsl:for-each>
                </tbody>
              </table>
            </xsl:when>
            <xsl:otherwise>
              <p class="empty">会議録はまだありません。</p>
            </xsl:otherwise>
          </xsl:choose>
        </main>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>

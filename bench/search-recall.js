// bench/search-recall.js OUT-DIR PAGE.html...: how often Pagefind returns the page a word is
// on — what site/search.js cannot make up for (it checks the pages Pagefind returns; a page
// not returned is not searched).  From each PAGE, 150 words are drawn (a fixed pseudo-random
// sequence, so runs compare): substrings of 2–6 characters, without punctuation or spaces, of
// its passages (elements with data-speaker).  Each is searched with Pagefind's own API in
// headless chromium (the folder served on 127.0.0.1), and the words whose page is not among
// the results are listed.  Then the same words are searched on index.html as a reader does
// (site/search.js: the passages as written of the pages where the word can be) and each count
// is compared with the passages of every page that hold the word as written (the pages'
// fragments, cut at their anchors as the passage map cuts them): the words whose count differs
// (every third word), how many searches read more than 50 pages, and the pages read in all.
// Run by bench/search.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { chromium } = require(path.join(__dirname, '../tests/web/node_modules/playwright-core'));
const { serve } = require(path.join(__dirname, '../tests/web/serve'));

const KINDS = ['７年', '7年', '２７', '27', '7', '７', '１７日', '17日', '2月', '２月', 'ＨＥＲ－ＳＹＳ', 'HER-SYS',
               'her', 'ＨＥＲ', 'sys', 'KB', 'ｋｂ', '1,237', '１，２３７', '3年度', '令和7', '和7', 'ｺﾛﾅ', 'コロナ',
               'ワクチン接種', 'ン接', 'した。', '年度第', 'お願い', '委員長', '（', '○'];

async function main(dir, pages) {
  const { server, base } = await serve(dir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const samples = [];
    let seed = 7;
    const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (const name of pages) {
      await page.goto(base + name);
      const texts = await page.evaluate(() => [...document.querySelectorAll('[data-speaker]')]
        .map((e) => e.textContent.replace(/\s+/g, '')));
      for (let k = 0; k < 150 && texts.length; k++) {
        const t = texts[rnd(texts.length)];
        const len = 2 + rnd(5);
        if (t.length < len)
          continue;
        const from = rnd(t.length - len + 1);
        const w = t.slice(from, from + len);
        if (!/[\p{P}\p{S}]/u.test(w))
          samples.push([name, w]);
      }
    }
    await page.goto(base + 'index.html');
    const missed = await page.evaluate(async (all) => {
      const pf = await import('./pagefind/pagefind.js');
      await pf.init();
      const out = [];
      for (const [name, w] of all) {
        const r = await pf.search(w);
        const urls = await Promise.all(r.results.map((x) => x.data().then((d) => d.raw_url)));
        if (!urls.some((u) => u.replace(/^\/+/, '') === name))
          out.push(`${name}:${w}`);
      }
      return out;
    }, samples);
    console.log(`recall: ${samples.length - missed.length} of ${samples.length} words of 2-6 characters ` +
                `find their page; not: ${missed.slice(0, 20).join(' ') || 'none'}`);

    // every page's passages as written (the fragments on disk, cut at their anchors: from one
    // to the next, an anchor where the next one starts left out)
    await page.waitForSelector('body[data-search-ready]');
    const passageTexts = [];
    const fragments = path.join(dir, 'pagefind', 'fragment');
    const fold = (t) => t.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
    for (const name of fs.readdirSync(fragments)) {
      const read = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(fragments, name))).toString().slice(12));
      for (const d of 'url' in read ? [read] : Object.values(read)) {
        const tokens = d.content.replace(/</g, '&lt;').replace(/>/g, '&gt;').split('\u200B');
        const at = d.anchors.map((x) => x.location).sort((x, y) => x - y)
          .filter((l, k, all) => k + 1 === all.length || all[k + 1] !== l);
        at.forEach((from, k) => passageTexts.push(fold(tokens.slice(from, k + 1 < at.length ? at[k + 1] : tokens.length)
          .join('').replace(/&lt;/g, '<').replace(/&gt;/g, '>'))));
      }
    }
    await page.evaluate((texts) => { window.passageTexts = texts; }, passageTexts);
    const wrong = [];
    let slow = 0;
    let readAll = 0;
    // (every third word: a search that reads every page takes a second or more)
    // and words of the kinds where Pagefind's words and the text as written part: digits and
    // Latin letters full and half width, inside longer numbers, half-width kana, words across
    // kana and kanji, punctuation inside a word
    const counted = samples.filter((x, n) => n % 3 === 0).concat(KINDS.map((w) => ['', w]));
    for (const [name, w] of counted) {
      await page.fill('input[name=q]', w);
      await page.selectOption('select[name=speaker]', '');
      await page.evaluate(() => { delete document.body.dataset.searched; });
      await page.click('form.search button');
      await page.waitForSelector('body[data-searched]', { timeout: 60000 });
      const r = await page.evaluate((word) => {
        const f = word.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
        const s = document.querySelector('#search .summary').textContent;
        const m = s.match(/検索結果 (\d+)件/);
        return { got: m ? Number(m[1]) : 0, want: window.passageTexts.filter((t) => t.includes(f)).length,
                 read: Number(document.body.dataset.searchRead) };
      }, w);
      if (r.got !== r.want)
        wrong.push(`${w}: ${r.got} (as written ${r.want})`);
      if (r.read > 50)
        slow++;
      readAll += r.read;
    }
    console.log(`counts: ${counted.length - wrong.length} of ${counted.length} words (every third, and ${KINDS.length} of the kinds above) counted as written in every ` +
                `page's passages; ${slow} searches read more than 50 pages (${readAll} pages read in all); ` +
                `differ: ${wrong.slice(0, 12).join(', ') || 'none'}`);
  } finally {
    await browser.close();
    server.kill();
  }
}

main(process.argv[2], process.argv.slice(3)).catch((e) => { console.error(e.stack || e); process.exit(1); });

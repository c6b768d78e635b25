// bench/search-recall.js OUT-DIR PAGE.html...: how often Pagefind returns the page a word is
// on — what site/search.js cannot make up for (it checks the pages Pagefind returns; a page
// not returned is not searched).  From each PAGE, 150 words are drawn (a fixed pseudo-random
// sequence, so runs compare): substrings of 2–6 characters, without punctuation or spaces, of
// its passages (elements with data-speaker).  Each is searched with Pagefind's own API in
// headless chromium (the folder served on 127.0.0.1), and the words whose page is not among
// the results are listed.  Run by bench/search.
'use strict';
const path = require('path');
const { chromium } = require(path.join(__dirname, '../tests/web/node_modules/playwright-core'));
const { serve } = require(path.join(__dirname, '../tests/web/serve'));

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
  } finally {
    await browser.close();
    server.kill();
  }
}

main(process.argv[2], process.argv.slice(3)).catch((e) => { console.error(e.stack || e); process.exit(1); });

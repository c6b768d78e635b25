// bench/search-time.js OUT-DIR: the time of a search on OUT-DIR/index.html in headless Debian
// chromium (playwright-core from tests/web/node_modules), the folder served on 127.0.0.1 by
// tests/web/serve.js (Node's http, HTTP/1.1 with keep-alive) on a free port.  For each query:
// the first search of a fresh page (Pagefind's index fetched) and the least of 5 more, as the
// page measures them from the submit (site/search.js): to Pagefind's answers (data-pagefind-ms),
// to the first hit shown (data-first-ms; for no hit, the message), to the complete count said
// (data-count-ms) and to the first 50 hits shown (data-search-ms); the summary, the pages whose
// text the search counted (data-search-read) and the text shards it fetched
// (data-search-fetched), and the bytes and requests the page fetched from pagefind/ for it.
// Run by bench/search.
'use strict';
const path = require('path');
const { serve } = require(path.join(__dirname, '../tests/web/serve'));
const { chromium } = require(path.join(__dirname, '../tests/web/node_modules/playwright-core'));

const QUERIES = [['HER-SYS', ''], ['個人情報', ''], ['量子コンピュータ', ''], ['区長', 'おのせ康裕'],
                 ['ワクチン 接種', ''], ['おのせ康裕', ''], ['コンピュータ', ''], ['７年', '']];

async function once(page, q, speaker) {
  await page.fill('input[name=q]', q);
  await page.selectOption('select[name=speaker]', speaker);
  await page.evaluate(() => { delete document.body.dataset.searched; });
  await page.click('form.search button');
  await page.waitForSelector('body[data-searched]', { timeout: 60000 });
  return page.evaluate(() => ({ ms: Number(document.body.dataset.searchMs),
                                pagefindMs: Number(document.body.dataset.pagefindMs),
                                shards: Number(document.body.dataset.searchFetched),
                                firstMs: Number(document.body.dataset.firstMs),
                                countMs: Number(document.body.dataset.countMs),
                                read: Number(document.body.dataset.searchRead),
                                summary: document.querySelector('#search .summary').textContent }));
}

async function main(dir) {
  const { server, base } = await serve(dir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    for (const [q, speaker] of QUERIES) {
      const context = await browser.newContext();
      const page = await context.newPage();
      let fetched = 0, requests = 0;
      page.on('response', async (r) => {
        if (r.url().includes('/pagefind/')) {
          fetched += Number(r.headers()['content-length'] || 0);
          requests++;
        }
      });
      await page.goto(base + 'index.html');
      await page.waitForSelector('body[data-search-ready]', { timeout: 60000 });
      const before = fetched, beforeRequests = requests;
      const first = await once(page, q, speaker);
      const loaded = fetched - before, asked = requests - beforeRequests;
      let least = Infinity, leastFirst = Infinity, leastCount = Infinity;
      for (let k = 0; k < 5; k++) {
        const r = await once(page, q, speaker);
        least = Math.min(least, r.ms);
        leastFirst = Math.min(leastFirst, r.firstMs);
        leastCount = Math.min(leastCount, r.countMs);
      }
      console.log(`search “${q}”${speaker ? ` (speaker ${speaker})` : ''}: fresh page: Pagefind ${first.pagefindMs} ms, first hit ${first.firstMs} ms, ` +
                  `count ${first.countMs} ms, 50 shown ${first.ms} ms; again (least of 5): ${leastFirst} / ${leastCount} / ${least} ms; ` +
                  `${first.summary}; ${first.read} pages counted from ${first.shards || 0} text shards; ` +
                  `fetched for it ${Math.round(loaded / 1024)} KiB in ${asked} requests ` +
                  `(${Math.round(before / 1024)} KiB on opening the page)`);
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
}

main(process.argv[2]).catch((e) => { console.error(e.stack || e); process.exit(1); });

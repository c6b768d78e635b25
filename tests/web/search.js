// tests/web/search.js OUT-DIR: the search of a published folder (index.html, site/search.js
// over the Pagefind index `minutes build` made), in headless Debian chromium (/usr/bin/chromium,
// or $CHROMIUM) driven by playwright-core.  OUT-DIR is served on 127.0.0.1 by serve.js (Node's
// http, keep-alive) on a free port, started here; no request may leave it.
//
// Each search is typed into the form as a reader would.  What a search must find is counted
// here on the session pages themselves: the passages (elements with data-speaker: Q&A cells,
// opinions, requests, speech turns) whose text holds the word.  Every hit's link is followed,
// and the element it lands on (:target) must hold every word of the query.
// Prints one line a check; exits 1 if any failed, 2 if the browser or server cannot be run.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { serve } = require('./serve');
const { chromium } = require('playwright-core');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
              '--disable-component-update', '--no-first-run'];
let failed = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok' : 'FAIL'}: ${what}`);
  if (!ok)
    failed++;
}

// Text as the search compares it (site/search.js, fold): NFKC, case folded, no white space.
const fold = (s) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

// The passages of the session pages holding every word of `words`: { url: [ids] }, counted
// in the pages (each loaded in `page`), of `speaker` alone when given.
async function expected(page, base, pages, words, speaker) {
  const found = {};
  for (const name of pages) {
    await page.goto(base + name);
    found[name] = await page.evaluate(([ws, who]) => {
      const f = (s) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
      return [...document.querySelectorAll('[data-speaker]')]
        .filter((e) => !who || e.dataset.speaker === who)
        .filter((e) => ws.every((w) => f(e.textContent).includes(w)))
        .map((e) => e.id);
    }, [words.map(fold), speaker || '']);
  }
  return found;
}

// Search `q` (with `speaker` chosen) on index.html; returns the summary line and the hits
// (href, text), the time the script took (ms).
async function search(page, base, q, speaker) {
  await page.goto(base + 'index.html');
  await page.waitForSelector('body[data-search-ready]', { timeout: 15000 });
  await page.fill('input[name=q]', q);
  await page.selectOption('select[name=speaker]', speaker || '');
  await page.evaluate(() => { delete document.body.dataset.searched; });
  await page.click('form.search button');
  await page.waitForSelector('body[data-searched]', { timeout: 15000 });
  // the hits are shown 50 at a time: all of them
  while (await page.isVisible('#search button.more')) {
    await page.click('#search button.more');
    await page.waitForSelector('body:not([data-more-loading])', { timeout: 15000 });
  }
  return page.evaluate(() => ({
    summary: document.querySelector('#search .summary').textContent,
    hits: [...document.querySelectorAll('ol.hits > li')].map((li) => ({
      href: li.querySelector('a').getAttribute('href'),
      where: li.querySelector('.where').textContent,
    })),
    ms: Number(document.body.dataset.searchMs),
    // the pages' fragments the search read (site/search.js)
    read: Number(document.body.dataset.searchRead),
  }));
}

// Follow each hit's link: the element it lands on holds every word (a heading: with the text
// after it, up to the next element with an id).  Returns the ids reached
// by page ({ url: [ids] }).
async function follow(page, base, hits, words, speaker) {
  const reached = {};
  let bad = 0;
  let passages = 0;   // hits on a passage with a speaker (the rest: headings and the like)
  for (const h of hits) {
    await page.goto(new URL(h.href, base + 'index.html').href);
    const t = await page.evaluate(() => {
      const e = document.querySelector(':target');
      if (!e)
        return null;
      // a passage with a speaker is its element; another (a heading and what follows it) is
      // the text from its element to the next element with an id, as the index cuts it
      let text = e.textContent;
      if (!e.dataset.speaker) {
        const next = [...document.querySelectorAll('[id]')].find((x) => x !== e &&
          (e.compareDocumentPosition(x) & Node.DOCUMENT_POSITION_FOLLOWING));
        const range = document.createRange();
        range.setStartBefore(e);
        if (next)
          range.setEndBefore(next);
        else
          range.setEndAfter(document.body.lastChild);
        text = range.toString();
      }
      return { id: e.id, text, speaker: e.dataset.speaker || '' };
    });
    const name = h.href.replace(/#.*/, '');
    if (!t || !words.every((w) => fold(t.text).includes(fold(w))) || (speaker && t.speaker !== speaker)) {
      if (bad++ < 3)
        console.log(`    ${h.href}: lands on ${t ? `#${t.id}, without the words` : 'nothing'}`);
      continue;
    }
    (reached[name] = reached[name] || []).push(t.id);
    if (t.speaker)
      passages++;
  }
  return { reached, bad, passages };
}

const sorted = (o) => JSON.stringify(Object.keys(o).sort().map((k) => [k, [...o[k]].sort()])
                                     .filter(([, v]) => v.length));

async function main(dir) {
  let served;
  try {
    served = await serve(dir);
  } catch (e) {
    console.log(`search: cannot serve ${dir}: ${e.message}`);
    return 2;
  }
  const { server, base } = served;
  let browser, context;
  try {
    // (playwright gives the browser a fresh profile of its own)
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS });
    context = await browser.newContext();
  } catch (e) {
    console.log(`search: cannot start chromium: ${e.message.split('\n')[0]}`);
    server.kill();
    return 2;
  }
  const outside = [];
  try {
    // offline: nothing but the folder served here is asked for
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(base))
        return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.html') && f !== 'index.html').sort();

    const cases = [
      // the seed's rows (Q&A cells) name the system
      { q: 'HER-SYS', want: 'the seed\'s Q&A rows' },
      // a word inside a longer one (個人情報保護), in more than one session
      { q: '個人情報', want: 'several sessions', sessions: 2, inside: '個人情報保護' },
      // a word of the speech record, said by several; the filter keeps one speaker's turns
      { q: '区長', speaker: 'おのせ康裕', want: 'one speaker of the speech record' },
      // a speaker's name (the speech record's turns begin with it)
      { q: 'おのせ康裕', want: 'the turns of a speaker' },
      // a full-width digit: as written (NFKC) ７年 is 7年, in r07-1's 令和７年 and inside
      // r03-1's 平成27年 and 2025年 (Pagefind finds neither 7 for ７ nor 27 for 7)
      { q: '７年', want: 'full-width and half-width digits, inside longer numbers', sessions: 2 },
      { q: '7年', want: 'the same words typed half-width', sessions: 2 },
      // words in no session: no hit and a clear message, though Pagefind answers with pages
      // (量子 is no word of the index: said without reading any page's text)
      { q: '量子コンピュータ', none: true, unread: true },
      { q: 'HER-SYS 量子コンピュータ', none: true, unread: true },
      // a word Pagefind matches loosely (パソコン, コンビニ): no word of the index can hold it,
      // so no page is read either
      { q: 'コンピュータ', none: true, unread: true },
    ];
    const times = [];
    for (const c of cases) {
      const words = c.q.split(/\s+/);
      const label = `“${c.q}”${c.speaker ? `（発言者 ${c.speaker}）` : ''}`;
      const r = await search(page, base, c.q, c.speaker);
      times.push(r.ms);
      if (c.none) {
        check(r.hits.length === 0 && /ありません/.test(r.summary) && r.summary.includes(c.q),
              `${label}: no hit, says 「${r.summary}」`);
        if (c.unread)
          check(r.read === 0, `${label}: no page's text read for it (${r.read} read)`);
        continue;
      }
      const want = await expected(page, base, pages, words, c.speaker);
      const n = Object.values(want).reduce((a, v) => a + v.length, 0);
      check(n > 0, `${label}: ${n} passages of the pages hold it (${c.want})`);
      check(r.summary.replace(/（50件ずつ表示）$/, '') === `“${c.q}” の検索結果 ${r.hits.length}件`,
            `${label}: summary 「${r.summary}」`);
      const { reached, bad, passages } = await follow(page, base, r.hits, words, c.speaker);
      check(bad === 0, `${label}: each of the ${r.hits.length} hits lands on an element holding it`);
      // the count is exact: as many hits on passages as the pages have passages holding it
      // (counted from the index's word locations, and checked as written where read)
      check(passages === n, `${label}: ${passages} of the hits are passages with a speaker, as counted in the pages (${n})`);
      // every passage of the pages that holds it is found (the hits may add headings and the
      // like, which hold it too)
      const missing = Object.entries(want).flatMap(([k, ids]) =>
        ids.filter((id) => !(reached[k] || []).includes(id)).map((id) => `${k}#${id}`));
      check(missing.length === 0, `${label}: every such passage is a hit` +
            (missing.length ? ` (missing: ${missing.slice(0, 5).join(' ')})` : ''));
      if (c.sessions)
        check(Object.keys(reached).length >= c.sessions,
              `${label}: hits in ${Object.keys(reached).length} sessions`);
      if (c.inside) {
        const texts = [];
        for (const h of r.hits.slice(0, 200)) {
          await page.goto(new URL(h.href, base + 'index.html').href);
          texts.push(await page.evaluate(() => document.querySelector(':target').textContent));
        }
        check(texts.some((t) => fold(t).includes(fold(c.inside))), `${label}: finds ${c.inside}`);
      }
      if (c.speaker) {
        check(r.hits.every((h) => h.where.includes(c.speaker)), `${label}: every hit says its speaker`);
        const all = await search(page, base, c.q, '');
        check(all.hits.length > r.hits.length,
              `${label}: the filter leaves out other speakers (${all.hits.length} hits without it, ${r.hits.length} with it)`);
      }
    }
    console.log(`search times in the page (ms): ${times.join(' ')}`);

    // A frequent word on a fresh page: its count comes from the text shards, each fetched
    // once, and no page's Pagefind fragment is fetched (they were one request a page).
    {
      const fresh = await context.newPage();
      const asked = [];
      fresh.on('request', (r) => asked.push(new URL(r.url()).pathname));
      const r = await search(fresh, base, '個人情報', '');
      const shards = asked.filter((u) => u.endsWith('.pf_text'));
      const made = fs.readdirSync(path.join(dir, 'pagefind', 'text'));
      check(asked.every((u) => !u.endsWith('.pf_fragment')) && shards.length === new Set(shards).size &&
            shards.length === made.length && Number(r.read) > 1,
            `“個人情報” on a fresh page: ${r.read} pages counted from ${shards.length} text shard requests ` +
            `(${made.length} shards, each once), ${asked.filter((u) => u.endsWith('.pf_fragment')).length} fragments fetched`);
      await fresh.close();
    }

    // What site/search.js relies on to find every page where a word can be: Pagefind, asked
    // the first term of a word of its index (firstTerm), returns every page the word is on (a
    // word with no such term, a symbol, is never asked: every page is read).  The words of
    // each page are read here from its Pagefind fragment, on disk.
    const map = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'pagefind', 'passages.pf_passages'))));
    const on = {};   // word -> the pages (ids of Pagefind's results) it is on
    const fragments = path.join(dir, 'pagefind', 'fragment');
    for (const name of fs.readdirSync(fragments)) {
      const read = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(fragments, name))).toString().slice('pagefind_dcd'.length));
      const group = 'url' in read ? { [name.replace(/\.pf_fragment$/, '')]: read } : read;
      for (const [id, d] of Object.entries(group))
        for (const t of d.content.split('\u200B'))
          if (t.trim())
            (on[t.trim()] = on[t.trim()] || []).includes(id) || on[t.trim()].push(id);
    }
    await page.goto(base + 'index.html');
    await page.waitForSelector('body[data-search-ready]', { timeout: 15000 });
    const asked = await page.evaluate(async ([on, listed]) => {
      const { firstTerm } = await import('./search.js');
      const pf = await import('./pagefind/pagefind.js');
      await pf.init();
      const missed = [];
      let n = 0;
      for (const [word, pages] of Object.entries(on)) {
        const term = firstTerm(word);
        if (term === null)
          continue;
        n++;
        const found = new Set((await pf.search(term)).results.map((r) => r.id));
        if (pages.some((id) => !found.has(id)))
          missed.push(`${word} (asked ${term})`);
      }
      return { n, words: listed, listed: Object.keys(on).length, missed };
    }, [on, map.words.length]);
    check(asked.listed === asked.words && asked.missed.length === 0 && asked.n > 1000,
          `Pagefind finds every page of each of the ${asked.n} words of the index asked by their first term ` +
          `(${asked.words} words listed)${asked.missed.length ? `; not: ${asked.missed.slice(0, 5).join(' ')}` : ''}`);

    // the search page with results is accessible too (axe-core, as tests/web/axe.js)
    await search(page, base, 'HER-SYS', '');
    await page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const v = await page.evaluate(async () => (await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'] })).violations.map((x) => `${x.id}: ${x.help} (${x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`));
    check(v.length === 0, `axe-core on the search page with its hits: ${v.length} violations${v.length ? ': ' + v.join('; ') : ''}`);

    check(errors.length === 0, `no script error${errors.length ? ': ' + errors.join('; ') : ''}`);
    check(outside.length === 0, `offline: no request outside ${base}${outside.length ? ': ' + outside.slice(0, 3).join(' ') : ''}`);
    await page.close();

    // without JavaScript: the index lists every session, the search form is not shown
    const plain = await browser.newContext({ javaScriptEnabled: false });
    {
      const noJs = await plain.newPage();
      await noJs.goto(base + 'index.html');
      const seen = await noJs.evaluate(() => ({
        links: [...document.querySelectorAll('main a[href$=".html"]')].map((a) => a.getAttribute('href')).sort(),
        form: !!document.querySelector('#search') && !document.querySelector('#search').hidden,
      }));
      check(JSON.stringify(seen.links) === JSON.stringify(pages) && !seen.form,
            `without JavaScript: the index lists the ${seen.links.length} session pages, no search form`);
      await plain.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
  return failed ? 1 : 0;
}

main(process.argv[2]).then((code) => process.exit(code), (e) => {
  console.log(`search: ${e.stack || e}`);
  process.exit(2);
});

// site/search.js: the search of index.html (xsl/index-html.xsl) — Pagefind's browser half over
// the index site/build-index.mjs made of the session pages, with what Pagefind does not do.
// `minutes build` copies it into the published folder beside pagefind/.
//
// Without this script (no JavaScript, or no search index made) the page is the list of
// sessions alone: the search section stays hidden.  With it, the section is shown, its filters
// filled from the index (council, fiscal year, speaker), and a search lists passages, not
// pages: every Q&A cell, opinion, request and speech turn has an id, each is an anchor of the
// index, and a hit is the passage from its anchor to the next one, linked as NAME.html#ID.
//
// Two things Pagefind does not do are done here:
//   - Pagefind drops a query word it never indexed and answers with the rest (量子コンピュータ
//     finds コンピュータ alone), and it matches a word it does not have loosely (コンピュータ
//     alone finds パソコン and コンビニ).  So a passage is a hit only when its text holds every
//     word of the query as written (after NFKC, without white space, case folded): a word in
//     no session gives no hit and says so.
//   - Its filters are of pages: a page matches 「発言者: 山田一郎」 when anyone there is 山田一郎.
//     So a passage of another speaker is left out (each passage's speaker is in the passage
//     map, from the page's meta speaker-ID, from xsl/session-html.xsl).
//
// How, without reading every page's text (a page's fragment is its whole text; reading all of
// them for a word found everywhere was 1–2 s on a fresh page):
//   1. Each query word is cut into Pagefind's terms as pagefind.js cuts it (termsOf), and
//      Pagefind is asked for each term alone: a term with no page means a word in no session,
//      0件 at once.  The pages with every term are the candidates.
//   2. On each, the passage map (pagefind/passages.pf_passages, written by
//      site/build-index.mjs: where each passage starts among the page's word locations, its
//      id and speaker) turns the terms' locations into passages: a word is in the passage
//      where its terms stand side by side, at the places the query's cut gave them.
//   3. That is checked against the text where the text is read anyway: the pages of the
//      first 50 hits shown, and every candidate page where the locations found nothing
//      (Pagefind's indexer cuts Japanese with its own dictionary and the browser's segmenter
//      with another, so おのせ康裕 is おの|せ康|裕 in the index and お|の|せ|康裕 in the query).
//      Each page read counts as written.  If any page read disagrees with its locations —
//      a word Pagefind matched loosely, or one the two segmenters cut differently — every
//      candidate page is read and counted as written, as this script did before the map
//      (the slow path: about a second for a word in 100 sessions).
// So the count said is exact for every page read; for a page not read it is the locations'
// count, which differs from the as-written one only where the check of the pages read did
// not see it: a term matched loosely, or cut differently, on a page outside the first 50 hits
// while the first pages agreed (bench/search-recall.js measures how often: see
// docs/publishing.md).  Pagefind's own matching still chooses the pages: a page it does not
// return is not searched (a word starting inside a word it indexed: 和1 of 令和16年度).
const form = document.querySelector('#search form');
const summary = document.querySelector('#search .summary');
const list = document.querySelector('#search ol.hits');
const more = document.querySelector('#search button.more');
let showMore = () => {};
// The longest stretch of a passage shown around its first hit, in characters.
const EXCERPT = 120;

// Text as compared: NFKC (全角 ＨＥＲ－ＳＹＳ is HER-SYS), case folded, without white space
// (names are justified with spaces: 後　藤).
function fold(text) {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

// The same, with `map[k]`: the index in `text` of the k-th character of the result, so that a
// match can be marked in the text as shown (each character folded alone).
function foldMapped(text) {
  let out = '';
  const map = [];
  let k = 0;
  for (const ch of text) {
    const f = fold(ch);
    for (let j = 0; j < f.length; j++)
      map.push(k);
    out += f;
    k += ch.length;
  }
  map.push(k);
  return { text: out, map };
}

// The words of a query: split at white space, each folded.
function queryWords(q) {
  return q.normalize('NFKC').split(/\s+/).map(fold).filter((w) => w !== '');
}

// Where the words of `words` are in `p.text`: [[from, to]…], sorted.
function marksOf(p, words) {
  const folded = foldMapped(p.text);
  const marks = [];
  for (const w of words)
    for (let at = folded.text.indexOf(w); at >= 0; at = folded.text.indexOf(w, at + w.length))
      marks.push([folded.map[at], folded.map[at + w.length]]);
  return marks.sort((x, y) => x[0] - y[0]);
}

// The stretch of `p.text` around its first mark, as nodes, the marks in <mark>.
function excerpt(p, marks) {
  const first = marks.length ? marks[0][0] : 0;
  const from = Math.max(0, Math.min(first - EXCERPT / 3, p.text.length - EXCERPT));
  const to = Math.min(p.text.length, from + EXCERPT);
  const nodes = [];
  let at = Math.floor(from);
  if (at > 0)
    nodes.push(document.createTextNode('…'));
  for (const [s, e] of marks) {
    if (e <= at || s >= to)
      continue;
    if (s > at)
      nodes.push(document.createTextNode(p.text.slice(at, s)));
    const m = document.createElement('mark');
    m.textContent = p.text.slice(Math.max(s, at), Math.min(e, to));
    nodes.push(m);
    at = Math.min(e, to);
  }
  if (at < to)
    nodes.push(document.createTextNode(p.text.slice(at, to)));
  if (to < p.text.length)
    nodes.push(document.createTextNode('…'));
  return nodes;
}

// Pagefind's cut of a query word into the words of its index, with the place of each among
// them: [{ term, at }…].  As pagefind.js cuts a query (1.6.0, PagefindInstance.search): the
// browser's word segmenter for Japanese, each piece without its punctuation characters; a
// piece of punctuation alone is no term, but it is a word of the index all the same (「・」,
// 「-」 of HER-SYS), so it counts in `at`.  The indexer cuts the pages with the same kind of
// segmenter (ICU's dictionary), which is why a word's pieces are found side by side.
const wordSegmenter = new Intl.Segmenter('ja', { granularity: 'word' });
const graphemeSegmenter = new Intl.Segmenter('ja', { granularity: 'grapheme' });
// (pagefind.js's test, its precedence kept: what it leaves out of a term, we do)
const PUNCTUATION = /^\p{Pd}|\p{Pe}|\p{Pf}|\p{Pi}|\p{Po}|\p{Ps}$/u;
function termsOf(word) {
  const terms = [];
  let at = 0;
  for (const { segment } of wordSegmenter.segment(word)) {
    if (/^\s+$/.test(segment))
      continue;
    let term = '';
    for (const { segment: g } of graphemeSegmenter.segment(segment))
      if (!PUNCTUATION.test(g))
        term += g;
    if (term)
      terms.push({ term, at });
    at++;
  }
  return terms;
}

// The passage map (site/build-index.mjs writes it beside the index): { speakers, pages: { ID:
// { at: [LOCATION…], ids: [ANCHOR-ID…], speakers: [SPEAKER INDEX…] } } }, each page's arrays
// unpacked when it is first needed.
async function loadPassages() {
  const got = await fetch(new URL('./pagefind/passages.pf_passages', import.meta.url));
  if (!got.ok)
    throw new Error(`passages.pf_passages: ${got.status}`);
  let bytes = new Uint8Array(await got.arrayBuffer());
  // gzip as written; a server may have unpacked it already (Content-Encoding: gzip)
  if (bytes[0] === 0x1f && bytes[1] === 0x8b)
    bytes = new Uint8Array(await new Response(new Blob([bytes]).stream()
      .pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
  const map = JSON.parse(new TextDecoder().decode(bytes));
  const unpacked = new Map();
  map.page = (id) => {
    if (!unpacked.has(id)) {
      const flat = map.pages[id] || [];
      const p = { at: [], ids: [], speakers: [] };
      for (let k = 0; k < flat.length; k += 3) {
        p.at.push(flat[k]);
        p.ids.push(flat[k + 1]);
        p.speakers.push(flat[k + 2]);
      }
      unpacked.set(id, p);
    }
    return unpacked.get(id);
  };
  return map;
}

// The passage of `p` that location `from` (to `to`, both included) is in: its index, or -1
// when it is before the first anchor or runs into the next passage.
function passageAt(p, from, to) {
  let lo = 0, hi = p.at.length - 1, k = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (p.at[mid] <= from) {
      k = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (k < 0 || (k + 1 < p.at.length && to >= p.at[k + 1]))
    return -1;
  return k;
}

// The passages of `p` (in order) that hold each word of `plan` (its terms side by side, at the
// places termsOf gave them), of the speaker numbered `speaker` when it is not null.  `found`:
// term → the locations Pagefind gave for it on this page (a Set).
function passagesHolding(p, plan, found, speaker) {
  let hits = null;
  for (const terms of plan) {
    const first = terms[0];
    const last = terms[terms.length - 1];
    const here = new Set();
    for (const l of found.get(first.term)) {
      const start = l - first.at;
      if (!terms.every((t) => found.get(t.term).has(start + t.at)))
        continue;
      const k = passageAt(p, l, start + last.at);
      if (k >= 0 && (hits === null || hits.has(k)))
        here.add(k);
    }
    hits = here;
    if (hits.size === 0)
      break;
  }
  return [...hits].filter((k) => speaker === null || p.speakers[k] === speaker).sort((x, y) => x - y);
}

// The text of passage `k` of `p` in the fragment `d`: its words (d.raw_content is the page's
// text with a U+200B between the words Pagefind indexed, < and > as entities) from its anchor
// to the next one.
function passageText(d, p, k) {
  const tokens = d.raw_content.split('\u200B');
  const to = k + 1 < p.at.length ? p.at[k + 1] : tokens.length;
  return tokens.slice(p.at[k], to).join('').replace(/&lt;/g, '<').replace(/&gt;/g, '>').trim();
}

function say(text) {
  summary.textContent = text;
}

// One hit of the list: the session (linked to the passage), its year and speaker, the excerpt.
function hitItem(d, id, speaker, text, words) {
  const li = document.createElement('li');
  const a = document.createElement('a');
  // the pages are beside index.html: a link relative to it works wherever the folder is put
  a.href = `${d.raw_url.replace(/^\/+/, '').replace(/#.*$/, '')}#${encodeURIComponent(id)}`;
  a.textContent = d.meta.title || d.url;
  const where = document.createElement('span');
  where.className = 'where';
  where.textContent = [d.filters.fiscal_year, speaker].flat().filter(Boolean).join('・');
  const p = document.createElement('p');
  const passage = { text };
  p.append(...excerpt(passage, marksOf(passage, words)));
  li.append(a, where, p);
  return li;
}

// The hits shown at once (and on each 「次の50件を表示」).
const SHOWN = 50;

let current = 0;   // the number of the search under way: an older one stops showing

// A search: Pagefind asked once for each term of the query (alone, with the council, year and
// speaker filters, which are of pages), the pages that have every term, and in them the
// passages that hold each word (map: the passage map).  All of that is from the index without
// reading any page's text: the count is said at once.  Then the fragments of the pages of the
// hits shown are read, for their excerpts.
async function run(pagefind, map, q, filters) {
  const mine = ++current;
  list.replaceChildren();
  more.hidden = true;
  const words = queryWords(q);
  // (the terms from the words as typed: Pagefind does not unify ７ and 7 as NFKC does)
  const plan = q.split(/\s+/).map(termsOf).filter((terms) => terms.length);
  if (plan.length === 0) {
    say('検索する言葉を入れてください。');
    return;
  }
  const started = performance.now();
  const mark = (name) => { document.body.dataset[name] = String(Math.round(performance.now() - started)); };
  const pageFilters = {};
  for (const [k, v] of Object.entries(filters))
    if (v)
      pageFilters[k] = v;
  const terms = [...new Set(plan.flat().map((t) => t.term))];
  const answers = await Promise.all(terms.map((t) => pagefind.search(t, { filters: pageFilters })));
  if (mine !== current)
    return;
  // the pages with every term: their locations of each, their score summed over the terms
  const pages = new Map();
  answers.forEach((answer, n) => {
    for (const r of answer.results) {
      if (n > 0 && !pages.has(r.id))
        continue;
      const page = pages.get(r.id) || { result: r, score: 0, found: new Map() };
      page.score += r.score;
      page.found.set(terms[n], new Set(r.words));
      pages.set(r.id, page);
    }
    if (n > 0)
      for (const [id, page] of pages)
        if (page.found.size < n + 1)
          pages.delete(id);
  });
  const speaker = filters.speaker ? map.speakers.indexOf(filters.speaker) : null;
  const order = [...pages.values()].sort((x, y) => y.score - x.score);
  for (const page of order) {
    page.p = map.page(page.result.id);
    page.hits = passagesHolding(page.p, plan, page.found, speaker);
  }
  // Read page's fragment and count its passages as written; false when that differs from
  // what the locations said.
  let read = 0;
  const verify = async (page) => {
    if (!page.text) {
      read++;
      page.d = await page.result.data();
      page.text = true;
      const exact = [];
      for (let k = 0; k < page.p.at.length; k++)
        if (speaker === null || page.p.speakers[k] === speaker) {
          const folded = fold(passageText(page.d, page.p, k));
          if (words.every((w) => folded.includes(w)))
            exact.push(k);
        }
      page.agrees = exact.join() === page.hits.join();
      page.hits = exact;
    }
    return page.agrees;
  };
  // The pages whose hits are among the first `upto`, read and checked until the first `upto`
  // hits are all on pages read; and the pages the locations found nothing on (the two
  // segmenters may have cut the words there differently).  True when all agreed.
  const verifyFirst = async (upto) => {
    let agreed = true;
    for (;;) {
      const need = [];
      let n = 0;
      for (const page of order) {
        if (n >= upto)
          break;
        if (!page.text)
          need.push(page);
        n += page.hits.length;
      }
      if (need.length === 0)
        return agreed;
      if (!(await Promise.all(need.map(verify))).every(Boolean))
        agreed = false;
      if (mine !== current)
        return agreed;
    }
  };
  const shown = `“${q.trim()}”`;
  const count = () => order.reduce((a, page) => a + page.hits.length, 0);
  const unsure = order.filter((page) => page.hits.length === 0);
  let agreed = (await Promise.all(unsure.map(verify))).every(Boolean);
  agreed = (await verifyFirst(SHOWN)) && agreed;
  if (mine !== current)
    return;
  if (!agreed) {
    // The locations missed or made up a hit: every page is read (as the check before the
    // passage map did), in growing runs, saying the count so far.
    const rest = order.filter((page) => !page.text);
    for (let from = 0, run = 8; from < rest.length; from += run, run *= 2) {
      if (count())
        say(`${shown} の検索結果 ${count()}件以上（検索中）`);
      await Promise.all(rest.slice(from, from + run).map(verify));
      if (mine !== current)
        return;
    }
  }
  // the hits in order (pages by score, passages as on the page), and the summary of them
  let hits = [];
  const tell = () => {
    hits = order.flatMap((page) => page.hits.map((k) => ({ page, k })));
    if (hits.length === 0)
      say(`${shown} を含む発言はありません（0件）。言葉や絞り込みを変えてお試しください。`);
    else
      say(`${shown} の検索結果 ${hits.length}件` + (hits.length > SHOWN ? `（${SHOWN}件ずつ表示）` : ''));
  };
  tell();
  mark('countMs');
  // the hits from `from` on, SHOWN of them (their pages read: verifyFirst)
  const showFrom = (from) => {
    const upto = Math.min(hits.length, from + SHOWN);
    for (let n = from; n < upto; n++) {
      const { page, k } = hits[n];
      list.append(hitItem(page.d, page.p.ids[k], map.speakers[page.p.speakers[k]] || '',
                          passageText(page.d, page.p, k), words));
      if (n === 0)
        mark('firstMs');
    }
    more.hidden = list.childElementCount >= hits.length;
  };
  // the next SHOWN: their pages read first, which may correct the count (said again)
  showMore = async () => {
    const first = list.childElementCount;
    if (!(await verifyFirst(first + SHOWN)))
      tell();
    document.body.dataset.searchRead = String(read);
    if (mine !== current)
      return;
    showFrom(first);
    list.children[first]?.querySelector('a').focus();
  };
  showFrom(0);
  if (hits.length === 0)
    mark('firstMs');
  mark('searchMs');
  // (for tests/web and bench/search: how many pages' fragments this search read)
  document.body.dataset.searchRead = String(read);
}

// Fill a filter's <select> with the values the index has (令和9年度 before 令和10年度).
function fill(select, values) {
  for (const v of Object.keys(values || {}).sort((a, b) => a.localeCompare(b, 'ja', { numeric: true }))) {
    const o = document.createElement('option');
    o.value = v;
    o.textContent = v;
    select.append(o);
  }
}

async function start() {
  let pagefind, map;
  try {
    const passages = loadPassages();
    pagefind = await import('./pagefind/pagefind.js');
    await pagefind.init();
    map = await passages;
  } catch (e) {
    return;   // no index here (or not all of it): the page stays the list of sessions
  }
  const filters = await pagefind.filters();
  for (const name of ['council', 'fiscal_year', 'speaker'])
    fill(form.elements[name], filters[name]);
  document.getElementById('search').hidden = false;
  const params = new URLSearchParams(location.search);
  for (const name of ['q', 'council', 'fiscal_year', 'speaker'])
    if (params.get(name))
      form.elements[name].value = params.get(name);
  const go = () => run(pagefind, map, form.elements.q.value, {
    council: form.elements.council.value,
    fiscal_year: form.elements.fiscal_year.value,
    speaker: form.elements.speaker.value,
  }).then(() => { document.body.dataset.searched = form.elements.q.value; });
  // (data-more-loading while the next hits' fragments are read)
  more.addEventListener('click', () => {
    more.hidden = true;
    document.body.dataset.moreLoading = '1';
    showMore().finally(() => { delete document.body.dataset.moreLoading; });
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const shown = new URLSearchParams();
    for (const name of ['q', 'council', 'fiscal_year', 'speaker'])
      if (form.elements[name].value)
        shown.set(name, form.elements[name].value);
    history.replaceState(null, '', `?${shown}`);
    for (const name of ['firstMs', 'countMs', 'searchMs', 'searchRead'])
      delete document.body.dataset[name];
    go();
  });
  document.body.dataset.searchReady = '1';
  if (params.get('q'))
    go();
}

start();

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
//     finds コンピュータ alone, or pages about neither).  So a passage is a hit only when its
//     text holds every word of the query as written (after NFKC, without white space, case
//     folded): a word in no session gives no hit and says so.
//   - Its filters are of pages: a page matches 「発言者: 山田一郎」 when anyone there is 山田一郎.
//     So a passage of another speaker is left out (each passage's speaker is in the page's
//     meta as speaker-ID, from xsl/session-html.xsl).
// Pagefind's own segmentation still chooses the pages: a page it does not return is not
// searched (tests/web/search.js checks that none is missed for its words).
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

// The passages of a page (Pagefind's fragment `d`) that hold every word of `words`, and, when
// `speaker` is set, are that speaker's.  Each: { id, speaker, text } (marks: see marksOf).
function passages(d, words, speaker) {
  // the page as a whole first: most pages Pagefind returns for a word it dropped go here
  const whole = fold(d.content);
  if (!words.every((w) => whole.includes(w)))
    return [];
  // raw_content is the page's text with a U+200B between the words Pagefind indexed, with <
  // and > written as entities; the anchors' locations count those words.
  const tokens = d.raw_content.split('\u200B');
  const anchors = d.anchors.slice().sort((x, y) => x.location - y.location);
  const found = [];
  let end = tokens.length;
  // from the last anchor back, so that each passage ends where the next one starts
  for (let k = anchors.length - 1; k >= 0; k--) {
    const a = anchors[k];
    // an anchor that starts where another one inside it starts is that inner one's
    if (k + 1 < anchors.length && anchors[k + 1].location === a.location)
      continue;
    const from = a.location;
    const to = end;
    end = from;
    const who = d.meta[`speaker-${a.id}`] || '';
    if (speaker && who !== speaker)
      continue;
    const text = tokens.slice(from, to).join('').replace(/&lt;/g, '<').replace(/&gt;/g, '>').trim();
    const folded = fold(text);
    if (words.every((w) => folded.includes(w)))
      found.push({ id: a.id, speaker: who, text });
  }
  return found.reverse();
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

function say(text) {
  summary.textContent = text;
}

// One hit of the list: the session (linked to the passage), its year and speaker, the excerpt.
function hitItem(page, p, words) {
  const li = document.createElement('li');
  const a = document.createElement('a');
  // the pages are beside index.html: a link relative to it works wherever the folder is put
  a.href = `${page.raw_url.replace(/^\/+/, '').replace(/#.*$/, '')}#${encodeURIComponent(p.id)}`;
  a.textContent = page.meta.title || page.url;
  const where = document.createElement('span');
  where.className = 'where';
  where.textContent = [page.filters.fiscal_year, p.speaker].flat().filter(Boolean).join('・');
  const text = document.createElement('p');
  text.append(...excerpt(p, marksOf(p, words)));
  li.append(a, where, text);
  return li;
}

// The hits shown at once; the pages read first, and how often (in pages read) the count so far
// is said.
const SHOWN = 50;
const BATCH = 8;

let current = 0;   // the number of the search under way: an older one stops showing

async function run(pagefind, q, filters) {
  const mine = ++current;
  list.replaceChildren();
  more.hidden = true;
  const words = queryWords(q);
  if (words.length === 0) {
    say('検索する言葉を入れてください。');
    return;
  }
  const started = performance.now();
  const pageFilters = {};
  for (const [k, v] of Object.entries(filters))
    if (v)
      pageFilters[k] = v;
  const search = await pagefind.search(q, { filters: pageFilters });
  // Every page Pagefind returns is read, in its order: the count is of every passage holding
  // the words.  They are asked for in growing runs (BATCH pages, then twice as many, …): the
  // first few come in fast and their hits are shown at once, the rest fetched many at a time.
  const hits = [];
  const shown = `“${q.trim()}”`;
  const loads = [];
  let ask = BATCH;
  for (let k = 0; k < search.results.length; k++) {
    if (k === loads.length) {
      for (const r of search.results.slice(k, k + ask))
        loads.push(r.data());
      ask *= 2;
    }
    const d = await loads[k];
    if (mine !== current)
      return;
    for (const p of passages(d, words, filters.speaker))
      hits.push({ page: d, p });
    while (list.childElementCount < Math.min(hits.length, SHOWN)) {
      const { page, p } = hits[list.childElementCount];
      list.append(hitItem(page, p, words));
      if (list.childElementCount === 1)
        document.body.dataset.firstMs = String(Math.round(performance.now() - started));
    }
    if (k % BATCH === BATCH - 1 && k + 1 < search.results.length && hits.length)
      say(`${shown} の検索結果 ${hits.length}件以上（検索中）`);
  }
  if (hits.length === 0)
    say(`${shown} を含む発言はありません（0件）。言葉や絞り込みを変えてお試しください。`);
  else
    say(`${shown} の検索結果 ${hits.length}件` +
        (hits.length > SHOWN ? `（${SHOWN}件ずつ表示）` : ''));
  // the rest, SHOWN at a time, on request
  showMore = () => {
    const upto = Math.min(hits.length, list.childElementCount + SHOWN);
    const first = list.childElementCount;
    while (list.childElementCount < upto) {
      const { page, p } = hits[list.childElementCount];
      list.append(hitItem(page, p, words));
    }
    more.hidden = list.childElementCount >= hits.length;
    list.children[first]?.querySelector('a').focus();
  };
  more.hidden = list.childElementCount >= hits.length;
  if (!document.body.dataset.firstMs || hits.length === 0)
    document.body.dataset.firstMs = String(Math.round(performance.now() - started));
  document.body.dataset.searchMs = String(Math.round(performance.now() - started));
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
  let pagefind;
  try {
    pagefind = await import('./pagefind/pagefind.js');
    await pagefind.options({ excerptLength: 30 });
    await pagefind.init();
  } catch (e) {
    return;   // no index here: the page stays the list of sessions
  }
  const filters = await pagefind.filters();
  for (const name of ['council', 'fiscal_year', 'speaker'])
    fill(form.elements[name], filters[name]);
  document.getElementById('search').hidden = false;
  const params = new URLSearchParams(location.search);
  for (const name of ['q', 'council', 'fiscal_year', 'speaker'])
    if (params.get(name))
      form.elements[name].value = params.get(name);
  const go = () => run(pagefind, form.elements.q.value, {
    council: form.elements.council.value,
    fiscal_year: form.elements.fiscal_year.value,
    speaker: form.elements.speaker.value,
  }).then(() => { document.body.dataset.searched = form.elements.q.value; });
  more.addEventListener('click', () => showMore());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const shown = new URLSearchParams();
    for (const name of ['q', 'council', 'fiscal_year', 'speaker'])
      if (form.elements[name].value)
        shown.set(name, form.elements[name].value);
    history.replaceState(null, '', `?${shown}`);
    delete document.body.dataset.firstMs;
    go();
  });
  document.body.dataset.searchReady = '1';
  if (params.get('q'))
    go();
}

start();

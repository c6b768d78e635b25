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
// A passage is a hit when its text holds every word of the query as written (both after NFKC,
// without white space, case folded: ７年 is 7年, and 平成２７年 holds it), and the count said is
// the number of such passages — exact, never a guess.  Pagefind cannot give that itself:
//   - It matches a query word to words of its index loosely, and not as NFKC does: it drops a
//     word it never indexed and answers with the rest (量子コンピュータ finds コンピュータ alone),
//     matches a word it does not have to others (コンピュータ finds パソコン and コンビニ) and
//     some words to words that merely contain them (年 finds 昨年, not always), but 7 does not
//     find ７ or 27.  So its word locations cannot say which passages hold a word: counting
//     from them (this script's previous version) said 4 passages for ７年 where 223 hold it.
//   - Its filters are of pages: a page matches 「発言者: 山田一郎」 when anyone there is 山田一郎.
//     So a passage of another speaker is left out (each passage's speaker is in the passage
//     map, from the page's meta speaker-ID, from xsl/session-html.xsl).
// What it does do, and what this script relies on: asked for a term, it returns every page
// with a word starting with that term (tests/web/search.js checks it for every word of the
// index of input/; symbols such as ○ and ◎ are never found, and are never asked for here).
//
// How a search goes (run):
//   1. From the words of the index (the passage map's list, pagefind/passages.pf_passages),
//      the words each query word can start in: those holding it (folded, 平成２７年 holds 7年)
//      and those ending with its beginning when the words of the index can spell the rest (２７
//      then 年); and the same way round, the words it can end in.  When a query word can start
//      or end in none, it is in no session: 0件 at once, no page read (コンピュータ).
//   2. Pagefind is asked for the first term of each of those words (a term another starts
//      with stands for both), with the council, year and speaker filters; the pages with a
//      start and an end of every query word are every page where the words can be.  Where
//      that cannot be said (a symbol, more than MOST_ASKED terms, or an index whose text NFKC
//      joins across its words: "regular" false), every page the filters leave is taken.
//   3. The text shards holding those pages' passages (site/build-index.mjs cuts them from
//      Pagefind's fragments) are fetched, all at once, and each page's passages counted as
//      written as soon as its shard is read.  The hits are shown best scored page first, as
//      soon as the pages before them are counted, with 「N件以上（検索中）」 until every page is.
// So the count is exact, and costs reading the text of the pages where the words are: a word
// in 200 sessions reads every shard, a few files (docs/publishing.md, "The search", has the
// times).  Pagefind's fragments (a page's text, one file a page) are not read.
const form = document.querySelector('#search form');
const summary = document.querySelector('#search .summary');
const list = document.querySelector('#search ol.hits');
const more = document.querySelector('#search button.more');
let moreHits = () => {};   // 「次の50件を表示」: the next hits of the search shown
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

// The first term Pagefind makes of `word` as pagefind.js cuts a query (1.6.0,
// PagefindInstance.search: the browser's word segmenter for Japanese, each piece without its
// punctuation characters, a piece of punctuation alone no term), or null when it makes none
// (a word of punctuation alone), when it holds anything but letters, digits and marks (its
// index has no word for a symbol: ○, ◎, ～ and ＝ of input/ are never found) or when that term,
// asked alone, would be cut again (then Pagefind would look for each piece, not for a word
// starting with it).
const wordSegmenter = new Intl.Segmenter('ja', { granularity: 'word' });
const graphemeSegmenter = new Intl.Segmenter('ja', { granularity: 'grapheme' });
// (pagefind.js's test, its precedence kept: what it leaves out of a term, we do)
const PUNCTUATION = /^\p{Pd}|\p{Pe}|\p{Pf}|\p{Pi}|\p{Po}|\p{Ps}$/u;
function termsOf(word) {
  const terms = [];
  for (const { segment } of wordSegmenter.segment(word)) {
    let term = '';
    for (const { segment: g } of graphemeSegmenter.segment(segment))
      if (!/^\s+$/.test(g) && !PUNCTUATION.test(g))
        term += g;
    if (term)
      terms.push(term);
  }
  return terms;
}
function firstTerm(word) {
  const [term] = termsOf(word);
  if (!term || termsOf(term).length !== 1 || !/^[\p{L}\p{N}\p{M}]+$/u.test(term))
    return null;
  return term;
}

// The passage map (site/build-index.mjs writes it beside the index): { speakers, pages: { ID:
// { ids: [ANCHOR-ID…], speakers: [SPEAKER INDEX…] } }, shard: { ID: N }, shards: [FILE…],
// words, regular }, each page's arrays unpacked when it is first needed (map.page(ID)), and
// map.folded(): the words of the index folded, [{ word, folded }…] (folded once, at the first
// search).
async function loadPassages() {
  const got = await fetch(new URL('./pagefind/passages.pf_passages', import.meta.url));
  if (!got.ok)
    throw new Error(`passages.pf_passages: ${got.status}`);
  const map = JSON.parse(new TextDecoder().decode(await gunzipped(got)));
  if (!Array.isArray(map.words) || !Array.isArray(map.shards))
    throw new Error('passages.pf_passages: no words or text shards (an index made by an older site/build-index.mjs)');
  const unpacked = new Map();
  map.page = (id) => {
    if (!unpacked.has(id)) {
      const flat = map.pages[id] || [];
      const p = { ids: [], speakers: [] };
      for (let k = 0; k < flat.length; k += 2) {
        p.ids.push(flat[k]);
        p.speakers.push(flat[k + 1]);
      }
      unpacked.set(id, p);
    }
    return unpacked.get(id);
  };
  let folded = null;
  map.folded = () => {
    folded = folded || map.words.map((word) => ({ word, folded: fold(word) }))
      .filter((x) => x.folded !== '');
    return folded;
  };
  return map;
}

// The words of the index that folded word `w` can start in, as written there: those holding
// it, and those ending with a beginning of it whose rest the words of the index can spell on
// (each word of the rest whole but the last, which may go on: 7年 after ２７ needs a word
// starting with 年); and the words it can end in, the same way round (年 for 7年, after a word
// ending with 7).  Which words follow which is not known here, so these are every place `w`
// may be, and perhaps more; no start means it is nowhere.  { starts, ends }
function placesOf(map, w) {
  const words = map.folded();
  // rest[j]: w from its j-th code unit on can be spelled by words of the index; lead[j]: w
  // up to its j-th code unit can be
  const rest = [];
  for (let j = w.length - 1; j >= 1; j--) {
    const tail = w.slice(j);
    rest[j] = words.some(({ folded: f }) => f.startsWith(tail) ||
      (f.length < tail.length && tail.startsWith(f) && rest[j + f.length]));
  }
  const lead = [];
  for (let j = 1; j < w.length; j++) {
    const head = w.slice(0, j);
    lead[j] = words.some(({ folded: f }) => f.endsWith(head) ||
      (f.length < head.length && head.endsWith(f) && lead[j - f.length]));
  }
  const holding = (f) => f.includes(w);
  const starts = words.filter(({ folded: f }) => {
    if (holding(f))
      return true;
    for (let k = Math.min(f.length, w.length - 1); k >= 1; k--)
      if (rest[k] && f.endsWith(w.slice(0, k)))
        return true;
    return false;
  }).map((x) => x.word);
  const ends = words.filter(({ folded: f }) => {
    if (holding(f))
      return true;
    for (let k = Math.max(1, w.length - f.length); k < w.length; k++)
      if (lead[k] && f.startsWith(w.slice(k)))
        return true;
    return false;
  }).map((x) => x.word);
  return { starts, ends };
}

// What to ask Pagefind for to find every page where one of `words` (of the index) is: their
// first terms, none that another starts with (Pagefind returns the pages of a word with any
// word starting with it); null when that cannot be said or would be too many questions (then
// every page is taken).
const MOST_ASKED = 48;
function questionsFor(words) {
  const terms = new Set();
  for (const w of words) {
    const t = firstTerm(w);
    if (t === null)
      return null;
    terms.add(t);
  }
  const sorted = [...terms].sort();
  const kept = sorted.filter((t, n) => !sorted.slice(0, n).some((u) => t.startsWith(u)));
  return kept.length <= MOST_ASKED ? kept : null;
}

// Bytes as fetched, gunzipped when they are gzip (as written; a server may have unpacked them
// already, saying Content-Encoding: gzip).
async function gunzipped(response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b)
    return bytes;
  return new Uint8Array(await new Response(new Blob([bytes]).stream()
    .pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
}

// Text shard number `n` of the passage map (site/build-index.mjs: { ID: [URL, TITLE,
// [FISCAL-YEAR…], [TEXT…]] }, each page's passages as text), fetched and unpacked once.
const shards = new Map();
function readShard(map, n) {
  if (!shards.has(n))
    shards.set(n, (async () => {
      const file = `${map.shards[n]}.pf_text`;
      const got = await fetch(new URL(`./pagefind/text/${file}`, import.meta.url));
      if (!got.ok)
        throw new Error(`${file}: ${got.status}`);
      return JSON.parse(new TextDecoder().decode(await gunzipped(got)));
    })());
  return shards.get(n);
}

// The text of page `id` as its shard has it: { url, title, years, texts }.
async function pageText(map, id) {
  const entry = (await readShard(map, map.shard[id]))[id];
  if (!entry)
    throw new Error(`${id}: not in its text shard`);
  const [url, title, years, texts] = entry;
  return { url, title, years, texts };
}

function say(text) {
  summary.textContent = text;
}

// One hit of the list: the session (linked to the passage), its year and speaker, the excerpt.
function hitItem(t, id, speaker, text, words) {
  const li = document.createElement('li');
  const a = document.createElement('a');
  // the pages are beside index.html: a link relative to it works wherever the folder is put
  a.href = `${t.url.replace(/^\/+/, '').replace(/#.*$/, '')}#${encodeURIComponent(id)}`;
  a.textContent = t.title || t.url;
  const where = document.createElement('span');
  where.className = 'where';
  where.textContent = [t.years, speaker].flat().filter(Boolean).join('・');
  const p = document.createElement('p');
  const passage = { text };
  p.append(...excerpt(passage, marksOf(passage, words)));
  li.append(a, where, p);
  return li;
}


// The hits shown at once (and on each 「次の50件を表示」).
const SHOWN = 50;

let current = 0;   // the number of the search under way: an older one stops showing

// A search (see the top of this file): the pages where every word can be, from the words of
// the index and Pagefind (with the council, year and speaker filters, which are of pages),
// then their passages that hold every word, read in the pages' text (map: the passage map).
async function run(pagefind, map, q, filters) {
  const mine = ++current;
  list.replaceChildren();
  more.hidden = true;
  const words = queryWords(q);
  if (words.length === 0) {
    say('検索する言葉を入れてください。');
    return;
  }
  const started = performance.now();
  const mark = (name) => { document.body.dataset[name] = String(Math.round(performance.now() - started)); };
  const shown = `“${q.trim()}”`;
  const none = () => {
    say(`${shown} を含む発言はありません（0件）。言葉や絞り込みを変えてお試しください。`);
    for (const name of ['pagefindMs', 'firstMs', 'countMs', 'searchMs'])
      if (!(name in document.body.dataset))
        mark(name);
    document.body.dataset.searchRead = String(read);
    document.body.dataset.searchFetched = String(fetched);
  };
  let read = 0;      // the pages whose passages were counted
  let fetched = 0;   // the text shards fetched for this search (not already read on this page)
  const pageFilters = {};
  for (const [k, v] of Object.entries(filters))
    if (v)
      pageFilters[k] = v;
  // What to ask Pagefind: for each word, the first terms of the words of the index it can start
  // in and of those it can end in (a page must have one of each); 0件 at once for a word that
  // is nowhere.  A list not to be asked (null) leaves every page.
  const lists = [];
  if (map.regular)
    for (const w of words) {
      const { starts, ends } = placesOf(map, w);
      if (starts.length === 0 || ends.length === 0) {
        none();
        return;
      }
      lists.push(questionsFor(starts), questionsFor(ends));
    }
  const asked = lists.filter((questions) => questions !== null);
  const terms = [...new Set(asked.flat())];
  const [all, ...answers] = await Promise.all([
    asked.length ? null : pagefind.search(null, { filters: pageFilters }),
    ...terms.map((t) => pagefind.search(t, { filters: pageFilters }))]);
  if (mine !== current)
    return;
  mark('pagefindMs');
  // the pages that answer every list, each scored by its best answer to each
  const answerOf = new Map(terms.map((t, n) => [t, answers[n].results]));
  let pages = null;
  for (const questions of asked.length ? asked : [null]) {
    const here = new Map();
    for (const results of questions ? questions.map((t) => answerOf.get(t)) : [all.results])
      for (const r of results)
        if (!here.has(r.id) || here.get(r.id).score < r.score)
          here.set(r.id, r);
    if (pages === null) {
      pages = new Map([...here].map(([id, r]) => [id, { result: r, score: r.score }]));
    } else {
      for (const [id, page] of pages)
        if (here.has(id))
          page.score += here.get(id).score;
        else
          pages.delete(id);
    }
  }
  const order = [...pages.values()].sort((x, y) => y.score - x.score);
  if (order.length === 0) {
    none();
    return;
  }
  // Read a page's text and count its passages as written.
  const speaker = filters.speaker ? map.speakers.indexOf(filters.speaker) : null;
  const readPage = async (page) => {
    page.t = await pageText(map, page.result.id);
    if (mine !== current)
      return;
    read++;
    page.p = map.page(page.result.id);
    if (page.t.texts.length !== page.p.ids.length)
      throw new Error(`${page.result.id}: its text shard and the passage map differ`);
    page.texts = page.t.texts;
    page.hits = [];
    page.texts.forEach((text, k) => {
      const folded = fold(text);
      if ((speaker === null || page.p.speakers[k] === speaker) && words.every((w) => folded.includes(w)))
        page.hits.push(k);
    });
  };
  // the hits of the pages read so far, in order (pages by score, passages as on the page):
  // final, since the pages are read in that order
  let hits = [];
  let upto = SHOWN;
  const showMore = () => {
    for (let n = list.childElementCount; n < Math.min(hits.length, upto); n++) {
      const { page, k } = hits[n];
      list.append(hitItem(page.t, page.p.ids[k], map.speakers[page.p.speakers[k]] || '',
                          page.texts[k], words));
      if (n === 0)
        mark('firstMs');
    }
  };
  // every shard the pages need asked for at once, in the order of the best page of each (the
  // browser fetches six at a time), and each page counted as soon as its shard is read (while
  // the others come); the hits shown in order, as the pages before them are counted, the count
  // so far said now and then (8, 16, 32… pages)
  const asking = [...new Set(order.map((page) => map.shard[page.result.id]))];
  fetched = asking.filter((n) => !shards.has(n)).length;
  for (const n of asking)
    readShard(map, n).catch(() => {});   // (met below, by the pages it holds)
  const counted = order.map((page) => {
    const done = readPage(page);
    done.catch(() => {});   // (met below, in its turn)
    return done;
  });
  for (let done = 0, tell = 8; done < order.length; done++) {
    await counted[done];
    if (mine !== current)
      return;
    if (order[done].hits.length === 0 && done + 1 < order.length && done + 1 !== tell)
      continue;
    hits = order.slice(0, done + 1).flatMap((page) => page.hits.map((k) => ({ page, k })));
    showMore();
    if (done + 1 === tell) {
      tell *= 2;
      if (done + 1 < order.length && hits.length)
        say(`${shown} の検索結果 ${hits.length}件以上（検索中）`);
    }
  }
  if (hits.length === 0) {
    none();
    return;
  }
  say(`${shown} の検索結果 ${hits.length}件` + (hits.length > SHOWN ? `（${SHOWN}件ずつ表示）` : ''));
  mark('countMs');
  mark('searchMs');
  document.body.dataset.searchRead = String(read);
  document.body.dataset.searchFetched = String(fetched);
  more.hidden = list.childElementCount >= hits.length;
  moreHits = () => {
    upto += SHOWN;
    const first = list.childElementCount;
    showMore();
    more.hidden = list.childElementCount >= hits.length;
    list.children[first]?.querySelector('a').focus();
  };
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
  }).catch((e) => {
    say('索引を読めず、検索できませんでした。ページを読み込み直してください。');
    console.error(e);
  }).then(() => { document.body.dataset.searched = form.elements.q.value; });
  // (data-more-loading while the next hits are shown)
  more.addEventListener('click', () => {
    more.hidden = true;
    document.body.dataset.moreLoading = '1';
    Promise.resolve(moreHits()).finally(() => { delete document.body.dataset.moreLoading; });
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const shown = new URLSearchParams();
    for (const name of ['q', 'council', 'fiscal_year', 'speaker'])
      if (form.elements[name].value)
        shown.set(name, form.elements[name].value);
    history.replaceState(null, '', `?${shown}`);
    for (const name of ['pagefindMs', 'firstMs', 'countMs', 'searchMs', 'searchRead', 'searchFetched'])
      delete document.body.dataset[name];
    go();
  });
  document.body.dataset.searchReady = '1';
  if (params.get('q'))
    go();
}

start();

// (for tests/web/search.js: that Pagefind, asked the first term of each word of its index,
// returns every page the word is on, which is what step 2 relies on)
export { firstTerm };

// site/build-index.mjs DIR: the search index of a published folder — Pagefind (the `pagefind`
// package pinned by site/package-lock.json, installed by ./setup with `npm ci`) run through its
// Node API on the session pages `minutes build` wrote into DIR, and the page's script beside
// them.  `minutes build` runs it last (src/archive/search.c); nothing else writes DIR/pagefind.
//
// What is indexed is our own HTML as it is published: each session page (xsl/session-html.xsl)
// marks its <main> with data-pagefind-body (so index.html is left out), says its council and
// fiscal year as filters and its name as the title, and puts a speaker filter on every speech
// turn and Q&A cell.  The pages say lang="ja", which is what makes Pagefind cut Japanese into
// words; every element with an id is an anchor of the index, which is how site/search.js links
// a hit to its passage.
//
// Written: DIR/pagefind/ (the bundle: pagefind.js, its worker and wasm, the index, filters and
// fragments; not Pagefind's own search interfaces), DIR/pagefind/passages.pf_passages (the
// passage map, below), DIR/pagefind/text/ (the text shards, below) and DIR/search.js
// (site/search.js, the page's script).
//
// The passage map is what lets the page know each passage's link and speaker, where its text
// is, and which words a query word can be in, without reading any page's text first.  For each page (by its
// fragment's name, the id of Pagefind's results) it gives each passage's id and speaker and
// the text shard holding its passages' text; and for the whole index its words: every distinct
// word of the pages as Pagefind cut them (the fragments' U+200B-separated content, white space
// trimmed).  From those the page knows whether a query word can be in any page at all, and
// which words can hold its start (２７ for 7年), which Pagefind's own matching cannot say: it
// drops, bends and widens query words (see site/search.js).
// Format: gzip (no other header) of JSON { "speakers": [NAME…], "pages": { ID: ["ANCHOR-ID",
// SPEAKER…] }, "shard": { ID: N }, "shards": [FILE…], "words": [WORD…], "regular": BOOL }.
// pages: two values a passage in the order of the page, SPEAKER an index into speakers or -1;
// an anchor that starts where the next one starts is left out (the passage is the inner one's).
// shard: the index in shards of the file with the page's text.  regular: false when some
// page's text folded whole (NFKC, case folded, without white space, as site/search.js
// compares) is not its words folded one by one and joined (a combining mark that NFKC joins
// across two words): the words then cannot say where a query word may be, and the page reads
// every page.
//
// The text shards (DIR/pagefind/text/HASH.pf_text) hold what the page counts and shows: each
// page's passages as text, cut from the page's fragment at its anchors' word locations (from
// one anchor to the next, the words joined, white space trimmed), with its URL, title and
// fiscal year.  They are the fragments' text regrouped, not an index of it: the page reads
// them through and counts the passages that hold the query.  A page's text is in one shard;
// a shard holds pages in the order of their ids until it passes SHARD_CHARS characters, so a
// word on every page is counted from a few files fetched at once (the browser's six
// connections), where the fragments would be one request a page (202 for 202 sessions; the
// requests, not the bytes, were most of the time), and without Pagefind's U+200B between
// every word, which keeps gzip from finding the text's repeats (202 sessions: 0.36 MB of
// shards, against 1.7 MB of fragments, which stay in Pagefind's bundle).  Named by a hash of their bytes, so a browser's cached shard is
// never another build's.  Format: gzip of JSON { ID: [URL, TITLE, [FISCAL-YEAR…], [TEXT…]] },
// the texts in the order of the passage map's passages.
// All of it is read here from the fragments Pagefind has just written (their content, anchors,
// meta and filters), so its passages, words and texts are Pagefind's own.
// The bundle is made in DIR/.pagefind-new and moved into place whole, so a failed run leaves
// the previous one as it was.
//
// Exit status: 0 when written; 3 when Pagefind is not installed here (minutes then says the
// search index was skipped); 1 on any other failure (message on stderr).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const NOT_INSTALLED = 3;
const here = path.dirname(fileURLToPath(import.meta.url));

// A fragment as Pagefind wrote it: gzip of "pagefind_dcd" and the page's JSON.
function readFragment(file) {
  const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
  if (!text.startsWith('pagefind_dcd'))
    throw new Error(`${file}: not a Pagefind fragment (no pagefind_dcd signature)`);
  return JSON.parse(text.slice('pagefind_dcd'.length));
}

// The characters of text after which a shard is closed (the next page starts another): 202
// sessions make 5 shards of 66–79 KB each.
const SHARD_CHARS = 256 * 1024;

// The passage map and the text shards of the bundle in `bundle` (see the top of this file),
// written there.
function writePassages(bundle) {
  const speakers = [];
  const speakerIndex = new Map();
  const pages = {};
  const shardOf = {};
  const shards = [];
  const words = new Set();
  let regular = true;
  let shard = {};
  let chars = 0;
  const closeShard = () => {
    const bytes = zlib.gzipSync(JSON.stringify(shard), { level: 9 });
    const name = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    fs.writeFileSync(path.join(bundle, 'text', `${name}.pf_text`), bytes);
    shards.push(name);
    shard = {};
    chars = 0;
  };
  fs.mkdirSync(path.join(bundle, 'text'));
  const fragments = path.join(bundle, 'fragment');
  for (const name of fs.readdirSync(fragments).sort()) {
    if (!name.endsWith('.pf_fragment'))
      continue;
    const read = readFragment(path.join(fragments, name));
    // (a file of several small pages is a group: { ID: fragment… })
    const group = 'url' in read ? { [name.replace(/\.pf_fragment$/, '')]: read } : read;
    for (const [id, d] of Object.entries(group)) {
      const tokens = d.content.split('\u200B');
      const { flat, texts } = passagesOf(d, tokens, speakers, speakerIndex);
      pages[id] = flat;
      shard[id] = [d.url, d.meta.title || '', d.filters.fiscal_year || [], texts];
      shardOf[id] = shards.length;
      chars += texts.reduce((n, t) => n + t.length, 0);
      if (chars >= SHARD_CHARS)
        closeShard();
      for (const t of tokens)
        if (t.trim())
          words.add(t.trim());
      if (fold(tokens.join('')) !== tokens.map(foldOnce).join(''))
        regular = false;
    }
  }
  if (Object.keys(shard).length)
    closeShard();
  const json = JSON.stringify({ speakers, pages, shard: shardOf, shards, words: [...words].sort(), regular });
  fs.writeFileSync(path.join(bundle, 'passages.pf_passages'), zlib.gzipSync(json, { level: 9 }));
}

// Text as site/search.js compares it: NFKC, case folded, without white space.
function fold(text) {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

// The same for a word of a page, each distinct one folded once (a page has thousands of words,
// a few hundred of them distinct).
const foldedWords = new Map();
function foldOnce(word) {
  if (!foldedWords.has(word))
    foldedWords.set(word, fold(word));
  return foldedWords.get(word);
}

// The passages of fragment `d` (its content cut at U+200B: `tokens`): as the map has them,
// flat: [ID, SPEAKER…], and their texts, each from its anchor to the next one.
function passagesOf(d, tokens, speakers, speakerIndex) {
  const anchors = d.anchors.slice().sort((x, y) => x.location - y.location)
    .filter((a, k, all) => k + 1 === all.length || all[k + 1].location !== a.location);
  const flat = [];
  const texts = [];
  anchors.forEach((a, k) => {
    const who = d.meta[`speaker-${a.id}`];
    if (who && !speakerIndex.has(who)) {
      speakerIndex.set(who, speakers.length);
      speakers.push(who);
    }
    flat.push(a.id, who ? speakerIndex.get(who) : -1);
    const to = k + 1 < anchors.length ? anchors[k + 1].location : tokens.length;
    texts.push(tokens.slice(a.location, to).join('').trim());
  });
  return { flat, texts };
}

async function main(dir) {
  let pagefind;
  try {
    pagefind = await import('pagefind');
  } catch (e) {
    console.error(`the pagefind package is not installed (${e.code || e.message})`);
    return NOT_INSTALLED;
  }
  let created;
  try {
    created = await pagefind.createIndex({});
  } catch (e) {
    // resolveBinary: no @pagefind/PLATFORM package (an optional dependency) for this machine
    console.error(`the Pagefind program for this machine is not installed (${e.message.split('\n')[0]})`);
    return NOT_INSTALLED;
  }
  if (created.errors.length) {
    console.error(created.errors.join('\n'));
    return 1;
  }
  const fresh = path.join(dir, '.pagefind-new');
  const old = path.join(dir, '.pagefind-old');
  const bundle = path.join(dir, 'pagefind');
  fs.rmSync(fresh, { recursive: true, force: true });
  fs.rmSync(old, { recursive: true, force: true });
  const added = await created.index.addDirectory({ path: dir, glob: '*.html' });
  if (added.errors.length) {
    console.error(added.errors.join('\n'));
    return 1;
  }
  const written = await created.index.writeFiles({ outputPath: fresh });
  await pagefind.close();
  if (written.errors.length) {
    console.error(written.errors.join('\n'));
    return 1;
  }
  writePassages(fresh);
  // Pagefind's own search interfaces are not used (the page has its own form, site/search.js):
  // left out of what is published.
  for (const f of fs.readdirSync(fresh))
    if (/^pagefind-(component-ui|modular-ui|ui|highlight)\./.test(f))
      fs.rmSync(path.join(fresh, f));
  // The script first, then the bundle: the old one set aside, the new one moved in, the old one
  // removed.  A page loaded between the two renames gets the new script with the old bundle;
  // when that bundle is from an older build-index.mjs (no word list in its passage map) the
  // script shows the list of sessions alone, never a wrong count, until it is loaded again.
  const script = path.join(dir, '.search.js.new');
  fs.copyFileSync(path.join(here, 'search.js'), script);
  fs.renameSync(script, path.join(dir, 'search.js'));
  if (fs.existsSync(bundle))
    fs.renameSync(bundle, old);
  fs.renameSync(fresh, bundle);
  fs.rmSync(old, { recursive: true, force: true });
  return 0;
}

// main, without leaving its temporaries behind when it fails (the previous bundle stays).
async function mainClean(dir) {
  try {
    const code = await main(dir);
    if (code !== 0)
      fs.rmSync(path.join(dir, '.pagefind-new'), { recursive: true, force: true });
    return code;
  } catch (e) {
    fs.rmSync(path.join(dir, '.pagefind-new'), { recursive: true, force: true });
    fs.rmSync(path.join(dir, '.search.js.new'), { force: true });
    throw e;
  }
}

if (process.argv.length !== 3) {
  console.error('usage: node build-index.mjs DIR');
  process.exit(2);
}
mainClean(process.argv[2]).then((code) => process.exit(code), (e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});

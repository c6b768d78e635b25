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
// passage map, below) and DIR/search.js (site/search.js, the page's script).
//
// The passage map is what lets the page cut a page's text into passages and know which words
// a query word can be in, without reading every page's fragment (a session's whole text: the
// fragments are most of the index's bytes).  For each page (by its fragment's name, the id of
// Pagefind's results) it gives where each passage starts among the page's words (Pagefind's
// word locations), its id and its speaker; and for the whole index its words: every distinct
// word of the pages as Pagefind cut them (the fragments' U+200B-separated content, white space
// trimmed).  From those the page knows whether a query word can be in any page at all, and
// which words can hold its start (２７ for 7年), which Pagefind's own matching cannot say: it
// drops, bends and widens query words (see site/search.js).  All of it is read here from the
// fragments Pagefind has just written (their content, anchors and speaker-ID meta), so its
// locations and words are Pagefind's own.
// Format: gzip (no other header) of JSON { "speakers": [NAME…], "pages": { ID: [LOCATION,
// "ANCHOR-ID", SPEAKER…] }, "files": { ID: FILE }, "words": [WORD…], "regular": BOOL }.
// pages: three values a passage in the order of the page, SPEAKER an index into speakers or
// -1; an anchor that starts where the next one starts is left out (the passage is the inner
// one's, as site/search.js always cut them).  files: the fragment file of a page that is in a
// group (several small pages in one file); any other page's is ID.pf_fragment.  regular: false
// when some page's text folded whole (NFKC, case folded, without white space, as
// site/search.js compares) is not its words folded one by one and joined (a combining mark
// that NFKC joins across two words): the words then cannot say where a query word may be, and
// the page reads every page.
// The bundle is made in DIR/.pagefind-new and moved into place whole, so a failed run leaves
// the previous one as it was.
//
// Exit status: 0 when written; 3 when Pagefind is not installed here (minutes then says the
// search index was skipped); 1 on any other failure (message on stderr).
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

// The passage map of the bundle in `bundle` (see the top of this file), written there.
function writePassages(bundle) {
  const speakers = [];
  const speakerIndex = new Map();
  const pages = {};
  const files = {};
  const words = new Set();
  let regular = true;
  const fragments = path.join(bundle, 'fragment');
  for (const name of fs.readdirSync(fragments).sort()) {
    if (!name.endsWith('.pf_fragment'))
      continue;
    const read = readFragment(path.join(fragments, name));
    // (a file of several small pages is a group: { ID: fragment… })
    const group = 'url' in read ? { [name.replace(/\.pf_fragment$/, '')]: read } : read;
    for (const [id, d] of Object.entries(group)) {
      pages[id] = passagesOf(d, speakers, speakerIndex);
      if (`${id}.pf_fragment` !== name)
        files[id] = name.replace(/\.pf_fragment$/, '');
      const tokens = d.content.split('\u200B');
      for (const t of tokens)
        if (t.trim())
          words.add(t.trim());
      if (fold(tokens.join('')) !== tokens.map(foldOnce).join(''))
        regular = false;
    }
  }
  const json = JSON.stringify({ speakers, pages, files, words: [...words].sort(), regular });
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

// The passages of fragment `d` as the map has them: [LOCATION, ID, SPEAKER…].
function passagesOf(d, speakers, speakerIndex) {
  const anchors = d.anchors.slice().sort((x, y) => x.location - y.location);
  const flat = [];
  for (let k = 0; k < anchors.length; k++) {
    const a = anchors[k];
    if (k + 1 < anchors.length && anchors[k + 1].location === a.location)
      continue;
    const who = d.meta[`speaker-${a.id}`];
    if (who && !speakerIndex.has(who)) {
      speakerIndex.set(who, speakers.length);
      speakers.push(who);
    }
    flat.push(a.location, a.id, who ? speakerIndex.get(who) : -1);
  }
  return flat;
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

// tests/web/serve.js: serve a folder on 127.0.0.1 as a ward's web server would, for the checks
// and bench/search-time.js that load a published folder over HTTP as a reader's browser does.
//
// A static file server on Node's `http` module, in this process: HTTP/1.1 with keep-alive (a
// browser reuses its six connections to the host, as it does with Apache or nginx; python3's
// http.server, used before, speaks HTTP/1.0 and closes each connection, which made every
// request cost a new connection), files sent as they are on disk with their length, no
// compression and no caching headers (a fresh page fetches everything; what a browser caches
// within one page is its own affair).  Only GET and HEAD of files under the folder; anything
// else is 404 or 405.
//
// serve(DIR) resolves to { server, base }: the server (server.kill() stops it and closes its
// connections) and the base URL, "http://127.0.0.1:PORT/" (port 0: the system picks a free one).
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

// Content types by extension; anything else is application/octet-stream (Pagefind's .pf_*
// files, as most servers send them).
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.pdf': 'application/pdf', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.wasm': 'application/wasm',
};

// The file under `root` that the request path `url` names, or null when it names none (outside
// the folder, or not a file).  A folder's own name gives its index.html.
function fileFor(root, url) {
  let name;
  try {
    name = decodeURIComponent(new URL(url, 'http://x/').pathname);
  } catch (e) {
    return null;
  }
  const file = path.join(root, path.normalize(name));
  if (file !== root && !file.startsWith(root + path.sep))
    return null;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory())
      return fileFor(root, path.posix.join(name, 'index.html'));
    return st.isFile() ? { file, size: st.size } : null;
  } catch (e) {
    return null;
  }
}

function serve(dir) {
  const root = path.resolve(dir);
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': 0 });
      res.end();
      return;
    }
    const found = fileFor(root, req.url);
    if (!found) {
      res.writeHead(404, { 'Content-Type': 'text/plain', 'Content-Length': 10 });
      res.end(req.method === 'HEAD' ? undefined : 'not found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(found.file)] || 'application/octet-stream',
      'Content-Length': found.size,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(found.file).on('error', () => res.destroy()).pipe(res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // (kept for the callers, which stopped a child process before)
  server.kill = () => {
    server.close();
    for (const s of sockets)
      s.destroy();
  };
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${server.address().port}/` }));
  });
}

module.exports = { serve };

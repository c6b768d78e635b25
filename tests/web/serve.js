// tests/web/serve.js: serve a folder on 127.0.0.1 as a ward's web server would, for the checks
// and bench/search-time.js that load a published folder over HTTP as a reader's browser does.
//
// A static file server on Node's `http` module, in a process of its own (as a web server is;
// in the process of the checks it would share a thread with playwright's driving of the
// browser): HTTP/1.1 with keep-alive (a browser reuses its six connections to the host, as
// with Apache or nginx; python3's http.server, used before, speaks HTTP/1.0 and closes each
// connection), files sent as they are on disk with their length, no compression and no caching
// headers (a fresh page fetches everything; what a browser keeps within one page is its own
// affair).  Only GET and HEAD of files under the folder; anything else is 404 or 405.
//
// serve(DIR) starts `node serve.js DIR` and resolves to { server, base }: the child process
// (kill it when done) and the base URL, "http://127.0.0.1:PORT/" (port 0: the system picks a
// free one; the child says it on its first line, and ends when its parent does).
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const { spawn } = require('child_process');

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

// Serve `dir` in this process until it is killed; the first line on stdout says the port.
function listen(dir) {
  const root = path.resolve(dir);
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
  server.listen(0, '127.0.0.1', () => console.log(`port ${server.address().port}`));
  // (standard input is a pipe from the parent: when it closes, the parent is gone)
  process.stdin.on('end', () => process.exit(0)).resume();
}

function serve(dir) {
  return new Promise((resolve, reject) => {
    const server = spawn(process.execPath, [__filename, dir], { stdio: ['pipe', 'pipe', 'inherit'] });
    let said = '';
    const timer = setTimeout(() => reject(new Error('serve.js did not start in 10 s')), 10000);
    server.stdout.on('data', (b) => {
      said += b;
      const m = said.match(/port (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ server, base: `http://127.0.0.1:${m[1]}/` });
      }
    });
    server.on('error', (e) => reject(e));
    server.on('exit', (code) => reject(new Error(`serve.js exited ${code}`)));
  });
}

if (require.main === module)
  listen(process.argv[2]);

module.exports = { serve };

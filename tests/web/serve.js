// tests/web/serve.js: serve a folder on 127.0.0.1 with python3's http.server on a free port
// (port 0: the system picks it), for the checks and bench/search-time.js that load a published
// folder over HTTP as a reader's browser does.  serve(DIR) resolves to { server, base }: the
// child process (kill it when done) and the base URL, "http://127.0.0.1:PORT/".
'use strict';
const { spawn } = require('child_process');

function serve(dir) {
  return new Promise((resolve, reject) => {
    const server = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1',
                                     '--directory', dir], { stdio: ['ignore', 'pipe', 'ignore'] });
    let said = '';
    const timer = setTimeout(() => reject(new Error('http.server did not start in 10 s')), 10000);
    server.stdout.on('data', (b) => {
      said += b;
      const m = said.match(/port (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ server, base: `http://127.0.0.1:${m[1]}/` });
      }
    });
    server.on('error', (e) => reject(e));
    server.on('exit', (code) => reject(new Error(`http.server exited ${code}`)));
  });
}

module.exports = { serve };

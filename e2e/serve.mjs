// A tiny static file server for the built dashboard (build/site): Playwright's webServer and
// `make demo` use it. Binds 127.0.0.1 only, serves GET/HEAD, sends the MIME types browsers need
// for ES modules (.mjs/.js as text/javascript) and WebAssembly streaming (application/wasm), and
// refuses any path that resolves outside the served folder.
//
//   node serve.mjs <folder> [port]      (port defaults to 8080; 0 picks a free one)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Resolves a URL path inside `root`, or null when it escapes it or is malformed. */
export function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const resolved = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (resolved !== root && !resolved.startsWith(root + path.sep)) return null;
  return resolved;
}

/**
 * Serves `folder` on 127.0.0.1 (port 0: a free one) for the measuring and screenshot scripts;
 * resolves to {server, url} once it listens, url ending in "/".
 */
export async function serveOnLocalhost(folder, port = 0) {
  const server = createServer(folder);
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

export function createServer(folder) {
  const root = path.resolve(folder);
  return http.createServer((request, response) => {
    const send = (status, body, headers = {}) => {
      response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    let file = resolveInside(root, request.url ?? '/');
    if (file === null) {
      send(403, 'forbidden\n');
      return;
    }
    fs.stat(file, (statError, stats) => {
      if (!statError && stats.isDirectory()) {
        file = path.join(file, 'index.html');
      }
      fs.stat(file, (error, fileStats) => {
        if (error || !fileStats.isFile()) {
          send(404, 'not found\n');
          return;
        }
        const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
        // Validators, as static hosts send them: a reload revalidates each file (304, no body).
        const etag = `"${fileStats.size.toString(16)}-${Math.floor(fileStats.mtimeMs).toString(16)}"`;
        const headers = {
          'Content-Type': type,
          // The dashboard re-fetches its JSON during market hours: never serve it stale.
          'Cache-Control': 'no-cache',
          ETag: etag,
          'Last-Modified': fileStats.mtime.toUTCString(),
          'X-Content-Type-Options': 'nosniff',
        };
        if (request.headers['if-none-match'] === etag) {
          response.writeHead(304, headers);
          response.end();
          return;
        }
        response.writeHead(200, { ...headers, 'Content-Length': fileStats.size });
        if (request.method === 'HEAD') {
          response.end();
          return;
        }
        fs.createReadStream(file)
          .on('error', () => response.destroy())
          .pipe(response);
      });
    });
  });
}

const isMain = import.meta.url === new URL(`file://${path.resolve(process.argv[1] ?? '')}`).href;
if (isMain) {
  const folder = process.argv[2];
  const port = Number(process.argv[3] ?? process.env.PORT ?? 8080);
  if (!folder || !fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    console.error(
      `serve.mjs: folder to serve not found: ${folder ?? '(none given)'}` +
        ' (usage: node serve.mjs <folder> [port]; run `make site` first)',
    );
    process.exit(2);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve.mjs: port must be an integer in 0..65535, got ${process.argv[3]}`);
    process.exit(2);
  }
  const server = createServer(folder);
  server.on('error', (error) => {
    console.error(`serve.mjs: cannot listen on 127.0.0.1:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, '127.0.0.1', () => {
    console.log(`serving ${path.resolve(folder)} on http://127.0.0.1:${server.address().port}/`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

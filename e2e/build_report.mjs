// Writes the standalone report: ONE HTML file that opens from file:// with no server and no
// network, showing the dashboard's panels computed by the WebAssembly core in the page.
//   node build_report.mjs --data <folder with market.json [model.json]> [--model <bundle>]
//                         --dist <build/wasm/dist> --out <file.html>
// The page is web/index.html with, inlined: the stylesheet, the data files the page reads
// (<script type="application/json" data-file="data/...">), ECharts' classic build, the core's
// classic single-file build (vixray_core_standalone.js, .wasm in base64) and the page's own
// modules bundled by esbuild into one classic script (web/report/entry.js, with
// web/report/host.js in place of web/js/host.js). Scripts are allowed by their SHA-256 in the
// Content-Security-Policy (no 'unsafe-inline', no 'unsafe-eval' for scripts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const web = path.join(root, 'web');

function fail(message) {
  console.error(`build_report: ${message}`);
  process.exit(2);
}

function options(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (!['--data', '--model', '--dist', '--out'].includes(key) || value === undefined) {
      fail(
        `usage: --data <folder> [--model <bundle>] --dist <wasm dist> --out <file.html> (got ${key})`,
      );
    }
    out[key.slice(2)] = value;
  }
  for (const key of ['data', 'dist', 'out']) if (!out[key]) fail(`--${key} is required`);
  return out;
}

function readFile(file, what) {
  if (!fs.existsSync(file)) fail(`${what} is missing: ${file}`);
  return fs.readFileSync(file, 'utf8');
}

/**
 * An inline <script> ends at the first "</script" and "<!--" changes how the HTML parser reads
 * it: a script holding either cannot be inlined as is (esbuild escapes its own output).
 */
function checkInlineScript(source, what) {
  // The HTML parser turns CR LF into LF before the browser hashes a script: hash what it sees.
  const text = source.replace(/\r\n?/g, '\n');
  const bad = /<\/script|<!--/i.exec(text);
  if (bad) fail(`${what} holds "${bad[0]}" at offset ${bad.index}: it cannot be inlined`);
  return text;
}

/** JSON text safe inside <script type="application/json">: '<' only occurs in strings. */
const inlineJson = (text) => text.replace(/</g, '\\u003c');

const sha256 = (text) =>
  `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** esbuild: the report's host in place of the site's, ECharts and the core from globals. */
const reportPlugin = {
  name: 'vixray-report',
  setup(build) {
    const siteHost = path.join(web, 'js', 'host.js');
    build.onResolve({ filter: /host\.js$/ }, (args) =>
      path.resolve(args.resolveDir, args.path) === siteHost
        ? { path: path.join(web, 'report', 'host.js') }
        : undefined,
    );
    build.onResolve({ filter: /\/echarts\.esm\.min\.mjs$/ }, () => ({
      path: 'echarts',
      namespace: 'global',
    }));
    // The bundle check's SHA-256 fallback (web/js/bundle_check.js) from the npm package.
    build.onResolve({ filter: /\/noble-sha2\.mjs$/ }, () => ({
      path: path.join(here, 'node_modules', '@noble', 'hashes', 'sha2.js'),
    }));
    // The ticker view (web/js/ticker/, wasm/ticker.mjs and its own module) is the site's only:
    // the report hides its button (report/host.js TICKER_VIEW) and bundles, in its place, a module
    // whose functions throw "the standalone report has no ticker view".
    build.onResolve({ filter: /(\/ticker\/(view|worker_ticker)\.js|\/ticker\.mjs)$/ }, () => ({
      path: 'ticker',
      namespace: 'no-ticker',
    }));
    build.onLoad({ filter: /.*/, namespace: 'no-ticker' }, () => ({
      contents:
        "const absent = () => { throw new Error('the standalone report has no ticker view'); };\n" +
        'export { absent as openTickerView, absent as redrawTickerView, absent as handleTicker,' +
        ' absent as tickerApi };',
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/vixray_core\.mjs$/ }, () => ({
      path: 'createVixrayCore',
      namespace: 'global',
    }));
    // Both are defined by the classic <script>s that run before the bundle.
    build.onLoad({ filter: /.*/, namespace: 'global' }, (args) => ({
      contents:
        `if (typeof globalThis.${args.path} === 'undefined') throw new Error(` +
        `'the report lost its inlined ${args.path} script');\n` +
        `module.exports = globalThis.${args.path};`,
      loader: 'js',
    }));
  },
};

async function bundlePage() {
  const result = await esbuild.build({
    entryPoints: [path.join(web, 'report', 'entry.js')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
    plugins: [reportPlugin],
  });
  if (result.warnings.length) {
    const text = await esbuild.formatMessages(result.warnings, { kind: 'warning' });
    fail(`esbuild warnings:\n${text.join('\n')}`);
  }
  return result.outputFiles[0].text;
}

function replaceOnce(html, pattern, replacement, what) {
  if (!pattern.test(html)) fail(`web/index.html has no ${what} (the report template changed?)`);
  return html.replace(pattern, replacement);
}

async function main() {
  const args = options(process.argv.slice(2));
  const dataDir = path.resolve(args.data);
  const marketFile = path.join(dataDir, 'market.json');
  const modelFile = path.resolve(args.model ?? path.join(dataDir, 'model.json'));
  // The files the page reads (main.js, worker.js): the index, the market, the model bundle (and
  // the model health when there is one).
  const files = {
    'data/market.json': readFile(marketFile, 'the market data'),
    'data/model.json': readFile(modelFile, 'the model bundle'),
  };
  // model_health.json (`vixray export --models`) is optional: inlined when the data has it, so
  // the report shows the model-health panel; without it the panel stays hidden.
  const healthFile = path.join(dataDir, 'model_health.json');
  if (fs.existsSync(healthFile))
    files['data/model_health.json'] = readFile(healthFile, 'model health');
  files['data/index.json'] = JSON.stringify({
    files: Object.keys(files).map((name) => name.replace('data/', '')),
  });

  const echartsFile = path.join(here, 'node_modules', 'echarts', 'dist', 'echarts.min.js');
  const scripts = [
    checkInlineScript(
      readFile(echartsFile, "ECharts' classic build (run 'make deps')"),
      'echarts.min.js',
    ),
    checkInlineScript(
      readFile(
        path.join(args.dist, 'vixray_core_standalone.js'),
        "the core's single-file build (run 'make wasm')",
      ),
      'vixray_core_standalone.js',
    ),
    checkInlineScript(await bundlePage(), 'the bundled page'),
  ];
  const style = readFile(path.join(web, 'css', 'style.css'), 'the stylesheet');

  // Inline scripts by hash; the core compiles its inlined WebAssembly ('wasm-unsafe-eval') after
  // reading it with fetch() from its own data: URL (Emscripten's single-file loader), the only
  // connection the page makes; styles inline as on the site (ECharts positions tooltips with
  // style attributes).
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map(sha256).join(' ')} 'wasm-unsafe-eval'`,
    'connect-src data:',
    "style-src 'unsafe-inline'",
    'img-src data:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  let html = readFile(path.join(web, 'index.html'), 'the page template');
  html = replaceOnce(
    html,
    /(?:<!--(?:(?!-->)[\s\S])*-->\s*)?<meta http-equiv="Content-Security-Policy"[^>]*>/,
    () =>
      '<!-- The standalone report: every script is inline and allowed by its SHA-256; the ' +
      "only fetch is the core's read of its own inlined data: URL. -->\n  " +
      `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    'Content-Security-Policy meta tag',
  );
  html = replaceOnce(
    html,
    /<link rel="stylesheet" href="css\/style\.css">/,
    () => `<style>\n${style}</style>`,
    'stylesheet link',
  );
  html = replaceOnce(
    html,
    /\s*<script type="module" src="js\/main\.js"><\/script>/,
    () => '',
    'module script of main.js',
  );
  // The site's early start (worker_client.js, imported by main.js here) and its preload.
  html = replaceOnce(
    html,
    /\s*<!--(?:(?!-->)[\s\S])*-->\s*(?:<link rel="modulepreload" href="js\/[a-z_]+\.js">\s*)+<script type="module" async src="js\/worker_client\.js"><\/script>/,
    () => '',
    'early module scripts (worker_client.js)',
  );
  // The site's preload of main.js's imports (bundled into the report's one script here).
  html = replaceOnce(
    html,
    /\s*<!-- main\.js's imports(?:(?!-->)[\s\S])*-->\s*(?:<link rel="modulepreload"(?: fetchpriority="low")? href="[a-z_/.]+">\s*)+/,
    () => '\n',
    "preload of main.js's imports",
  );
  const blocks = [
    ...Object.entries(files).map(
      ([name, text]) =>
        `<script type="application/json" data-file="${name}">${inlineJson(text)}</script>`,
    ),
    ...scripts.map((text) => `<script>${text}</script>`),
  ];
  html = replaceOnce(html, /<\/body>/, () => `${blocks.join('\n')}\n</body>`, '</body>');

  fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  // Atomic: a failed build leaves no half-written report.
  const temp = `${args.out}.tmp`;
  fs.writeFileSync(temp, html);
  fs.renameSync(temp, args.out);
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  const raw = Buffer.byteLength(html);
  const relative = (file) => path.relative(process.cwd(), file) || '.';
  console.log(
    `report: ${args.out} (${kb(raw)}, ${kb(gzipSync(html, { level: 9 }).length)} gzipped; ` +
      `data ${relative(dataDir)}, model ${relative(modelFile)})`,
  );
}

main().catch((error) => fail(error.stack ?? String(error)));

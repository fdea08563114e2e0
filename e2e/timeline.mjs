// The first visit's timeline in headless system Chromium (reported, never asserted): loads a built
// site once in a fresh context under Chromium's tracing and prints, in ms since navigation start,
// every request (page and workers: when it was sent and when its last byte arrived) and, for each
// thread (the page's main thread, the workers), the tasks longer than a few ms with what took most
// of each (script evaluation or compile of which file, a function call, layout, paint, wasm
// compile), then the page's own marks (data-* of <body>, as perf.mjs reports them).
//
//   node timeline.mjs <site folder> [min task ms=4] [trace.json to keep]
/* global document */
import fs from 'node:fs';
import { launchChromium } from './chromium.mjs';
import { serveOnLocalhost } from './serve.mjs';

const [folder, minText = '4', keepTrace = ''] = process.argv.slice(2);
if (!folder) {
  console.error('usage: node timeline.mjs <site folder> [min task ms=4] [trace.json]');
  process.exit(2);
}
const minTaskMs = Number(minText);
const { server, url } = await serveOnLocalhost(folder);
const browser = await launchChromium();

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'loading',
  'toplevel',
  'v8.wasm',
];

let trace, marks;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  await page.waitForTimeout(300);
  trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
  marks = await page.evaluate(() => ({ ...document.body.dataset }));
  await context.close();
} finally {
  await browser.close();
  server.close();
}
if (keepTrace) fs.writeFileSync(keepTrace, JSON.stringify(trace));

const events = trace.traceEvents ?? trace;
const threadNames = new Map();
for (const e of events) {
  if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
}
// Navigation start: the main frame's navigationStart mark (or the document's request).
const navigation =
  events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame) ??
  events.find((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url === url);
const t0 = navigation.ts;
const ms = (ts) => ((ts - t0) / 1000).toFixed(0).padStart(5);
const short = (u) => String(u ?? '').replace(url, '');

// Requests: sent, response, finished (by request id).
const requests = new Map();
for (const e of events) {
  const d = e.args?.data;
  if (!d?.requestId) continue;
  const r = requests.get(d.requestId) ?? {};
  if (e.name === 'ResourceSendRequest') Object.assign(r, { url: d.url, sent: e.ts });
  if (e.name === 'ResourceReceiveResponse') r.response = e.ts;
  if (e.name === 'ResourceFinish') Object.assign(r, { done: e.ts, bytes: d.encodedDataLength });
  requests.set(d.requestId, r);
}
console.log(`${folder}: requests (ms since navigation: sent, first byte, done; bytes)`);
const ours = [...requests.values()].filter((x) => x.sent && x.url?.startsWith(url));
for (const r of ours.sort((a, b) => a.sent - b.sent)) {
  console.log(
    `  ${ms(r.sent)} ${r.response ? ms(r.response) : '    -'} ${r.done ? ms(r.done) : '    -'}` +
      `  ${String(r.bytes ?? '').padStart(8)}  ${short(r.url)}`,
  );
}

// What a task spent its time on: the longest named child with a file or function to show.
const DETAIL = new Set([
  'EvaluateScript',
  'v8.run',
  'v8.evaluateModule',
  'v8.compileModule',
  'v8.compile',
  'FunctionCall',
  'ParseHTML',
  'Layout',
  'UpdateLayoutTree',
  'Paint',
  'PrePaint',
  'Layerize',
  'TimerFire',
  'FireAnimationFrame',
  'EventDispatch',
  'wasm.CompileLazy',
  'wasm.SyncCompile',
  'wasm.StartStreamingCompilation',
  'wasm.ProcessStreamingBytes',
  'wasm.FinishStreamingCompilation',
  'v8.wasm.compileLazy',
  'V8.GC_SCAVENGER',
  'MajorGC',
  'MinorGC',
]);
const label = (e) => {
  const d = e.args?.data ?? e.args ?? {};
  const where = short(d.url ?? d.fileName ?? d.scriptName ?? '');
  const fn = d.functionName ? ` ${d.functionName}` : '';
  return `${e.name}${where ? ` ${where}` : ''}${fn}`;
};
const byThread = new Map();
for (const e of events) {
  if (e.ph !== 'X' || !e.dur) continue;
  const key = `${e.pid}:${e.tid}`;
  const name = threadNames.get(key) ?? '';
  if (!/CrRendererMain|DedicatedWorker|Compositor/.test(name)) continue;
  if (!byThread.has(key)) byThread.set(key, []);
  byThread.get(key).push(e);
}
for (const [key, list] of byThread) {
  list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = list.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  const long = tasks.filter((t) => t.dur >= minTaskMs * 1000 && t.ts >= t0);
  if (!long.length) continue;
  const busy = tasks.filter((t) => t.ts >= t0).reduce((s, t) => s + t.dur, 0) / 1000;
  console.log(
    `\n${threadNames.get(key)} (${key}): ${busy.toFixed(0)} ms in tasks; tasks >= ${minTaskMs} ms:`,
  );
  for (const task of long) {
    const inside = list.filter(
      (e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && DETAIL.has(e.name),
    );
    // The largest children, outermost first, at most three.
    const top = inside.sort((a, b) => b.dur - a.dur).slice(0, 3);
    const parts = top.map((e) => `${label(e)} ${(e.dur / 1000).toFixed(0)}`).join(' | ');
    console.log(`  ${ms(task.ts)} +${(task.dur / 1000).toFixed(0).padStart(4)}  ${parts}`);
  }
}
console.log('\npage marks (ms):');
console.log(
  Object.entries(marks)
    .filter(([, v]) => Number.isFinite(Number(v)))
    .map(([k, v]) => `${k}=${v}`)
    .join(' '),
);

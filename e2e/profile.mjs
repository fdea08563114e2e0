// Where each thread of the page spends a load, by function (reported, never asserted): loads a
// built site in headless system Chromium under V8's sampling profiler (Chromium tracing,
// disabled-by-default-v8.cpu_profiler) and prints, for the page's main thread and each worker,
// the functions with the most samples: self time, and the time under them (total). A site whose
// WebAssembly core was linked with --profiling-funcs shows the core's C++ function names; without
// them wasm functions show as their index.
//
//   node profile.mjs <site folder> [visit=first|reload|appended] [rows=25]
//
// visit=reload / appended: the page is loaded once, PERF_RELOAD_WAIT_MS (3 s) later loaded again
// in the same context (appended: market.json with one more day), and only the second load is
// profiled, as perf.mjs times it. PROFILE_TRACE=<file> keeps the trace (chrome://tracing, Perfetto).
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';
import { serveOnLocalhost } from './serve.mjs';
import { withOneMoreDay } from './one_more_day.mjs';

const [folder, visit = 'first', rowsText = '25'] = process.argv.slice(2);
if (!folder || !['first', 'reload', 'appended'].includes(visit)) {
  console.error('usage: node profile.mjs <site folder> [visit=first|reload|appended] [rows=25]');
  process.exit(2);
}
const rows = Number(rowsText);
const { server, url } = await serveOnLocalhost(folder);
const browser = await launchChromium();

let trace;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  if (visit !== 'first') {
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    await page.waitForTimeout(Number(process.env.PERF_RELOAD_WAIT_MS ?? 3_000));
  }
  if (visit === 'appended') {
    const longer = withOneMoreDay(
      fs.readFileSync(path.join(folder, 'data', 'market.json'), 'utf8'),
    );
    await context.route(/\/data\/market\.json$/, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: longer }),
    );
  }
  await browser.startTracing(page, {
    categories: ['disabled-by-default-v8.cpu_profiler', 'v8', '__metadata'],
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
  await context.close();
} finally {
  await browser.close();
  server.close();
}

if (process.env.PROFILE_TRACE) fs.writeFileSync(process.env.PROFILE_TRACE, JSON.stringify(trace));
const events = trace.traceEvents ?? trace;
const threadNames = new Map();
for (const e of events) {
  if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
}

// One profile per thread: its nodes (id -> {name, parent}) and samples (node ids, time deltas).
const profiles = new Map(); // `${pid}:${id}` -> {thread, nodes, samples, deltas}
for (const e of events) {
  if (e.ph !== 'P' || (e.name !== 'Profile' && e.name !== 'ProfileChunk')) continue;
  const key = `${e.pid}:${e.id}`;
  if (!profiles.has(key))
    profiles.set(key, { thread: '', nodes: new Map(), samples: [], deltas: [] });
  const profile = profiles.get(key);
  if (e.name === 'Profile') profile.thread = threadNames.get(`${e.pid}:${e.tid}`) ?? `${e.tid}`;
  const cpu = e.args?.data?.cpuProfile;
  for (const node of cpu?.nodes ?? []) {
    const frame = node.callFrame ?? {};
    const where = String(frame.url ?? '')
      .replace(url, '')
      .replace(/^.*\//, '');
    const name = `${frame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
    profile.nodes.set(node.id, { name, parent: node.parent });
  }
  profile.samples.push(...(cpu?.samples ?? []));
  profile.deltas.push(...(e.args?.data?.timeDeltas ?? []));
}

for (const profile of profiles.values()) {
  // Each sample lasts until the next one (the deltas are the time since the previous sample).
  const self = new Map();
  const total = new Map();
  let busyMs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.deltas[i + 1] ?? 0) / 1000;
    let node = profile.nodes.get(profile.samples[i]);
    if (!node || node.name.startsWith('(idle)') || node.name.startsWith('(program)')) continue;
    busyMs += ms;
    self.set(node.name, (self.get(node.name) ?? 0) + ms);
    const seen = new Set();
    for (; node; node = profile.nodes.get(node.parent)) {
      if (seen.has(node.name)) continue;
      seen.add(node.name);
      total.set(node.name, (total.get(node.name) ?? 0) + ms);
    }
  }
  if (busyMs < 5) continue;
  console.log(`\n${profile.thread}: ${busyMs.toFixed(0)} ms sampled busy (${visit} visit)`);
  const line = (name) =>
    `  ${(self.get(name) ?? 0).toFixed(1).padStart(8)}  ${(total.get(name) ?? 0).toFixed(1).padStart(8)}  ${name}`;
  console.log('   self ms  total ms  function (by self time)');
  for (const [name] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(line(name));
  }
  console.log('   self ms  total ms  function (by total time)');
  for (const [name] of [...total.entries()].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(line(name));
  }
}

// The first visit's load timings, written as data-* attributes of <body> (read by e2e/perf.mjs
// and e2e/timeline.mjs, never by the page itself): the worker's stages and milestones, the
// page's own milestones in ms since navigation start, and the drawing.
const body = () => document.body.dataset;
const fixed = (x, digits = 1) => (x ?? NaN).toFixed(digits);

/** When worker_client.js started the worker and when main.js was evaluated. */
export function markStart(workerCreatedAt) {
  body().workerCreatedAt = workerCreatedAt.toFixed(0);
  body().mainAt = performance.now().toFixed(0);
}

/** The worker's answer to the first analysis request: its stages and milestones. */
export function markAnswer(answer, viewMs) {
  const timings = answer.timings ?? {};
  Object.assign(body(), {
    viewMs: fixed(viewMs),
    // In the worker, the core's stages: bundle, prices + features, Analysis, summary + copies.
    modelMs: fixed(timings.modelMs),
    featuresMs: fixed(timings.featuresMs),
    coreAnalysisMs: fixed(timings.analysisMs),
    exportMs: fixed(timings.exportMs),
    // With the second worker (scorer.js): the detectors scored here, the wait for the others,
    // whether the scorer's scores were used, and its own stages.
    scoringMs: fixed(timings.scoringMs),
    waitMs: fixed(timings.waitMs),
    scorerUsed: timings.remote ? '1' : '0',
    scorerModelMs: fixed(timings.remoteTimings?.modelMs),
    scorerFeaturesMs: fixed(timings.remoteTimings?.featuresMs),
    scorerScoringMs: fixed(timings.remoteTimings?.scoringMs),
    // The core's warm-up while the worker waited for its data (core_api.js warmUpCore): rounds
    // run and ms, or none (no warm-up files, or it had not stopped when the answer was posted).
    coreWarmUpRounds: String(answer.warmUp?.rounds ?? ''),
    coreWarmUpMs: fixed(answer.warmUp?.ms),
    // Worker to page: posting the view with its transferred buffers.
    transferMs: fixed(answer.sentAt ? answer.receivedAt - answer.sentAt : NaN),
    // Worker milestones, ms since this page's navigation start.
    ...Object.fromEntries(
      Object.entries(answer.marks ?? {}).map(([name, at]) => [
        name,
        (at - performance.timeOrigin).toFixed(0),
      ]),
    ),
  });
  if (answer.receivedAt) body().answerAt = (answer.receivedAt - performance.timeOrigin).toFixed(0);
}

/** Where the Analysis came from and what it cost in the worker (set once it is on the page). */
export function markAnalysis(answer) {
  body().analysisFrom = answer.from ?? 'computed';
  body().analysisMs = answer.analyzeMs.toFixed(1);
  body().workerMs = answer.elapsedMs.toFixed(1);
}

/** The history chart (the first chart) is drawn: from navigation start, and its own cost. */
export function markFirstChart(renderMs) {
  if (body().firstChartMs) return;
  // From navigation start (performance.now()): HTML, modules, wasm and data included.
  body().firstChartMs = String(Math.round(performance.now()));
  body().historyDrawMs = renderMs.toFixed(1);
}

/** Every panel drawn for the first time: <body data-ready> (what the tests wait for). */
export function markReady(drawStarted) {
  if (body().ready) return;
  body().drawMs = (performance.now() - drawStarted).toFixed(1);
  body().loadMs = String(Math.round(performance.now()));
  body().ready = 'true';
}

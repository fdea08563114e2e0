// The dashboard's entry point: starts the worker (WebAssembly core), loads the data, turns the
// analysis into the AnalysisView, draws the panels, and wires the controls. Progress and errors
// are shown on the page; <body data-ready> is set once the first analysis is drawn.
import { state, setState, subscribe } from './state.js';
import {
  dataFiles,
  listenToWorker,
  request,
  requestAnalysis,
  startedAt,
  takeFirstAnalysis,
} from './worker_client.js';
import { toAnalysisView, toDriversView, toWhatIfView, dayView } from './analysis_view.js';
import { disposeAll, palette, setDaySelectionHandler } from './charts.js';
import { el, fmt, fmtInt, fmtSigned, levelBadge } from './format.js';
import { isUsMarketOpen, notifyOnRise, startMarketHoursRefresh } from './refresh.js';
import { fetchFile, LIVE_DATA, TICKER_VIEW } from './host.js';
import * as hero from './panels/hero.js';
import * as history from './panels/history.js';
import * as vixHistory from './panels/vix_history.js';
import * as persistence from './panels/persistence.js';
import * as detectors from './panels/detectors.js';
import * as distribution from './panels/distribution.js';
import * as forwardReturns from './panels/forward_returns.js';
import * as regimes from './panels/regimes.js';
import * as drivers from './panels/drivers.js';
import * as model from './panels/model.js';
import * as modelHealth from './panels/model_health.js';
import { initUpload } from './upload.js';

const REFRESH_MS = 5 * 60 * 1000; // re-fetch every 5 minutes during market hours
const THEME_KEY = 'vixray-theme';
const NOTIFY_KEY = 'vixray-notify';
const MODEL_HEALTH_FILE = 'model_health.json';

const $ = (id) => document.getElementById(id);

// Each panel with the state keys it draws from: a change redraws only the panels that read it
// (a new view or theme redraws all).
const PANELS = [
  ['panel-hero', hero, ['selectedIndex']],
  ['panel-history', history, ['selectedIndex', 'range']],
  ['panel-vix', vixHistory, ['selectedIndex', 'range']],
  ['panel-persistence', persistence, ['selectedIndex']],
  ['panel-drivers', drivers, ['selectedIndex', 'drivers', 'driversError']],
  ['panel-detectors', detectors, ['selectedIndex']],
  ['panel-distribution', distribution, ['selectedIndex']],
  ['panel-forward', forwardReturns, ['selectedIndex']],
  ['panel-regimes', regimes, []],
  ['panel-model', model, []],
  ['panel-model-health', modelHealth, ['modelHealth']],
];

// ---- Status and errors on the page -------------------------------------------------------------

/**
 * Where the Analysis came from, said in the status line: computed here, the last visit's kept in
 * this browser (web/js/analysis_cache.js), or that one with the new days scored.
 */
function analysisStatus(from, days, ms) {
  const n = fmtInt(days);
  const took = `${fmt(ms, 0)} ms`;
  if (from === 'cache')
    return `Analysis of ${n} days restored from this browser's cache in ${took}.`;
  if (from === 'appended') {
    return `Analysis of ${n} days in ${took}: the new days scored in the browser, the earlier ones from this browser's cache.`;
  }
  return `Analysis of ${n} days computed in the browser in ${took}.`;
}

function showStatus(text, progress = null) {
  $('status-text').textContent = text;
  const bar = $('status-progress');
  bar.hidden = progress === null;
  if (progress !== null) bar.value = progress;
}

function showError(title, message) {
  $('error-title').textContent = title;
  $('error-message').textContent = message;
  $('error').hidden = false;
}

function clearError() {
  $('error').hidden = true;
}

// ---- The worker (web/js/worker_client.js started it before this module loaded) ---------------

function onWorkerEvent(message) {
  if (message.type === 'ready') {
    setState({ wasm: { version: message.version, capabilities: message.capabilities } });
    return;
  }
  setState({ phase: 'error' });
  if (message.type === 'worker-error') {
    showError('The WebAssembly worker failed', message.message);
    return;
  }
  showError('The WebAssembly core failed', message.message);
  $('status-wasm').textContent = 'WebAssembly core: failed to load';
}

// ---- Loading the analysis ----------------------------------------------------------------------

async function loadAnalysis({ quiet = false } = {}) {
  // The first load takes the request worker_client.js sent while this module was loading.
  const load = await (takeFirstAnalysis() ?? requestAnalysis());
  if (load.workerError) {
    setState({ phase: 'error' });
    showError('The WebAssembly worker could not start', load.workerError);
    return;
  }
  if (load.missing) {
    setState({ phase: 'missing-data' });
    showStatus('No data to analyse.');
    showError(
      'Data missing',
      `This site has no ${load.missing.map((f) => `data/${f}`).join(' and ')}. ` +
        'Build it with the market data and a model bundle, for example ' +
        '`make site DATA_DIR=<folder with market.json> MODEL=<model bundle>`.',
    );
    return;
  }
  if (!quiet) {
    setState({ phase: 'loading' });
    showStatus('Loading market data and model…', 10);
  }
  load.answer.setProgress((progress) => {
    if (!quiet) showStatus(`${progress.message}…`, progress.stage === 'compute' ? 60 : 30);
  });
  try {
    const answer = await load.answer;
    // The real worker sends the AnalysisView (built over the core's arrays); the test double
    // sends the core's raw form, converted here.
    const converted = performance.now();
    const view = answer.view ?? toAnalysisView(answer.core);
    const timings = answer.timings ?? {};
    Object.assign(document.body.dataset, {
      viewMs: (answer.viewMs ?? performance.now() - converted).toFixed(1),
      // In the worker, the core's stages: bundle, prices + features, Analysis, summary + copies.
      modelMs: (timings.modelMs ?? NaN).toFixed(1),
      featuresMs: (timings.featuresMs ?? NaN).toFixed(1),
      coreAnalysisMs: (timings.analysisMs ?? NaN).toFixed(1),
      exportMs: (timings.exportMs ?? NaN).toFixed(1),
      // With the second worker (scorer.js): the detectors scored here, the wait for the others,
      // whether the scorer's scores were used, and its own stages.
      scoringMs: (timings.scoringMs ?? NaN).toFixed(1),
      waitMs: (timings.waitMs ?? NaN).toFixed(1),
      scorerUsed: timings.remote ? '1' : '0',
      scorerModelMs: (timings.remoteTimings?.modelMs ?? NaN).toFixed(1),
      scorerFeaturesMs: (timings.remoteTimings?.featuresMs ?? NaN).toFixed(1),
      scorerScoringMs: (timings.remoteTimings?.scoringMs ?? NaN).toFixed(1),
      // Worker to page: posting the view with its transferred buffers.
      transferMs: (answer.sentAt ? answer.receivedAt - answer.sentAt : NaN).toFixed(1),
      // Worker milestones, ms since this page's navigation start.
      ...Object.fromEntries(
        Object.entries(answer.marks ?? {}).map(([name, at]) => [
          name,
          (at - performance.timeOrigin).toFixed(0),
        ]),
      ),
    });
    clearError();
    const keepSelection = state.view && state.selectedIndex >= 0 && state.selectedIndex < view.n;
    setState({
      view,
      marketView: null,
      source: 'market',
      phase: 'ready',
      drivers: null,
      driversError: null,
      selectedIndex: keepSelection ? state.selectedIndex : view.lastIndex,
    });
    showStatus(analysisStatus(answer.from, view.n, answer.analyzeMs));
    document.body.dataset.analysisFrom = answer.from ?? 'computed';
    document.body.dataset.analysisMs = answer.analyzeMs.toFixed(1);
    document.body.dataset.workerMs = answer.elapsedMs.toFixed(1);
    if (LIVE_DATA) showRefreshStatus();
    requestDrivers(state.selectedIndex);
    const today = dayView(view, view.lastIndex);
    if (state.notify && view.lastIndex >= 0)
      notifyOnRise(today.levelCode, today.level, today.score, today.date);
  } catch (error) {
    setState({ phase: error.kind === 'missing-data' ? 'missing-data' : 'error' });
    showStatus('The analysis could not be computed.');
    showError(
      error.kind === 'missing-data' ? 'Data missing' : 'The analysis failed',
      String(error.message ?? error),
    );
  }
}

/**
 * data/model_health.json (`vixray export --models DIR`), when the data index lists it: the model
 * health panel draws it as it is. A site without it shows no panel and requests nothing.
 */
async function loadModelHealth() {
  if (!(await dataFiles()).includes(MODEL_HEALTH_FILE)) return;
  try {
    const response = await fetchFile(`data/${MODEL_HEALTH_FILE}`, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    setState({ modelHealth: await response.json() });
  } catch (error) {
    showError('Model health could not be read', `data/${MODEL_HEALTH_FILE}: ${error.message}`);
  }
}

// ---- Drawing -----------------------------------------------------------------------------------

// Panels waiting to be drawn, each with the state keys that changed since it was last drawn.
const dirty = new Map();
let drawing = false;
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

function markDirty(changed) {
  const all = changed.has('view') || changed.has('theme');
  for (const entry of PANELS) {
    if (!all && !entry[2].some((k) => changed.has(k))) continue;
    const keys = dirty.get(entry) ?? new Set();
    for (const k of changed) keys.add(k);
    dirty.set(entry, keys);
  }
  if (!drawing && dirty.size) drawDirtyPanels();
}

/**
 * Draws the dirty panels in page order from the current state, yielding to the browser after
 * every two charts so the page stays responsive (and the top of the page shows first).
 */
async function drawDirtyPanels() {
  drawing = true;
  const drawStarted = performance.now();
  let count = 0;
  try {
    while (dirty.size && state.view) {
      const entry = PANELS.find((e) => dirty.has(e));
      const changed = dirty.get(entry);
      dirty.delete(entry);
      const [id, panel] = entry;
      const view = state.view;
      const index = state.selectedIndex >= 0 ? state.selectedIndex : view.lastIndex;
      const day = index >= 0 ? dayView(view, index) : null;
      const section = $(id);
      try {
        panel.render(section, { view, state, colors: palette(), day, changed });
        section.querySelector('.panel-error')?.remove();
      } catch (error) {
        section.querySelector('.panel-error')?.remove();
        const note = el(
          'p',
          'error panel-error',
          `This panel could not be drawn: ${error.message}`,
        );
        section.append(note);
        console.warn(`panel ${id}:`, error);
      }
      if (id === 'panel-history' && !document.body.dataset.firstChartMs) {
        // From navigation start (performance.now()): HTML, modules, wasm and data included.
        document.body.dataset.firstChartMs = String(Math.round(performance.now()));
      }
      if (++count % 2 === 0 && dirty.size) await nextTask();
    }
  } finally {
    drawing = false;
  }
  if (state.view && !document.body.dataset.ready) {
    document.body.dataset.drawMs = (performance.now() - drawStarted).toFixed(1);
    document.body.dataset.loadMs = String(Math.round(performance.now()));
    document.body.dataset.ready = 'true';
  }
}

subscribe((s, changed) => {
  if (changed.has('theme')) {
    document.documentElement.dataset.theme = s.theme;
    const button = $('theme-toggle');
    button.setAttribute('aria-pressed', String(s.theme === 'dark'));
    button.textContent = s.theme === 'dark' ? 'Light theme' : 'Dark theme';
    disposeAll();
    tickerModule?.redrawTickerView();
  }
  if (changed.has('wasm') && s.wasm) {
    $('status-wasm').textContent = `WebAssembly core ${s.wasm.version} ready`;
    document.body.dataset.wasm = 'ready';
  }
  if (changed.has('range')) {
    for (const button of document.querySelectorAll('[data-range]')) {
      button.setAttribute('aria-pressed', String(button.dataset.range === s.range));
    }
  }
  if (changed.has('view') && s.view && s.source === 'market') prefillWhatIf(s.view);
  markDirty(changed);
});

// ---- Day selection and drivers -----------------------------------------------------------------

async function requestDrivers(index) {
  if (index < 0 || !state.view) return;
  if (state.source !== 'market') {
    setState({ drivers: null, driversError: 'explanations are computed for the market data only' });
    return;
  }
  try {
    const answer = await request('explain', { index });
    if (state.selectedIndex !== index) return; // the reader selected another day meanwhile
    setState({ drivers: toDriversView(answer.drivers, state.view), driversError: null });
  } catch (error) {
    if (state.selectedIndex === index)
      setState({ drivers: null, driversError: String(error.message ?? error) });
  }
}

function selectDay(index) {
  if (!state.view || index === state.selectedIndex || index >= state.view.n) return;
  setState({ selectedIndex: index, drivers: null, driversError: null });
  requestDrivers(index);
}

// ---- Controls ----------------------------------------------------------------------------------

function initTheme() {
  let theme = localStorage.getItem(THEME_KEY);
  if (theme !== 'light' && theme !== 'dark') {
    theme = window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  state.theme = '';
  setState({ theme });
  $('theme-toggle').addEventListener('click', () => {
    const next = state.theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem(THEME_KEY, next);
    setState({ theme: next });
  });
}

/** Arrow keys on a focused time chart move the selected day (charts are not only for mice). */
function initDayKeys() {
  for (const chart of document.querySelectorAll('[data-day-keys]')) {
    chart.addEventListener('keydown', (event) => {
      const view = state.view;
      if (!view) return;
      const current = state.selectedIndex >= 0 ? state.selectedIndex : view.lastIndex;
      const target = {
        ArrowLeft: current - 1,
        ArrowRight: current + 1,
        Home: 0,
        End: view.lastIndex,
      }[event.key];
      if (target === undefined) return;
      event.preventDefault();
      selectDay(Math.min(view.n - 1, Math.max(0, target)));
    });
  }
}

function initRangeButtons() {
  for (const button of document.querySelectorAll('[data-range]')) {
    button.addEventListener('click', () => setState({ range: button.dataset.range }));
  }
}

function prefillWhatIf(view) {
  const input = $('whatif-vix');
  const vix = view.lastIndex >= 0 ? view.days.vix[view.lastIndex] : NaN;
  if (!input.value && Number.isFinite(vix)) input.value = vix.toFixed(2);
}

// What-if answers as the reader types: after a pause of this long in the inputs (the core
// scores only the new day, ~50 ms in the worker), and only the latest request's answer is shown.
const WHATIF_TYPING_PAUSE_MS = 250;

function initWhatIf() {
  const form = $('whatif-form');
  const out = $('whatif-result');
  let latest = 0;
  let pause = null;
  const show = (...children) => {
    out.replaceChildren(...children);
    out.classList.remove('pending');
  };
  const live = () => {
    clearTimeout(pause);
    pause = setTimeout(run, WHATIF_TYPING_PAUSE_MS);
  };
  $('whatif-vix').addEventListener('input', live);
  $('whatif-spx').addEventListener('input', live);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(pause);
    run();
  });

  async function run() {
    const asked = ++latest;
    const vixClose = Number($('whatif-vix').value);
    const spxReturnPct = Number($('whatif-spx').value);
    if ($('whatif-vix').value === '' || !(vixClose > 0)) {
      show(el('span', 'error', 'Enter a positive VIX close.'));
      return;
    }
    if ($('whatif-spx').value === '' || !(spxReturnPct > -100)) {
      show(el('span', 'error', 'Enter an S&P 500 return above −100%.'));
      return;
    }
    if (!state.view || state.source !== 'market') {
      show(el('span', 'error', 'The market analysis must be loaded first.'));
      return;
    }
    // The previous answer stays (dimmed) while the next is computed, so typing does not flicker.
    if (out.querySelector('[data-whatif]')) out.classList.add('pending');
    else out.replaceChildren(el('span', 'muted', 'Scoring…'));
    try {
      const answer = await request('whatif', { vixClose, spxReturnPct });
      if (asked !== latest) return; // the reader has typed since: a newer answer is coming
      const result = toWhatIfView(answer.result, state.view);
      const line = el('p');
      line.dataset.whatif = 'score';
      line.append(`Score ${fmt(result.score, 3)} `, levelBadge(result.level));
      const children = [line];
      if (result.ranking.length) {
        const list = el('ol');
        for (const d of result.ranking.slice(0, 5))
          list.append(el('li', null, `${d.label}: ${fmt(d.score, 3)} (${d.level})`));
        children.push(el('p', 'muted', 'Highest domains:'), list);
      }
      if (result.drivers?.items.length) {
        const list = el('ol');
        for (const d of result.drivers.items.slice(0, 5))
          list.append(el('li', null, `${d.label}: ${fmtSigned(d.value, 3)}`));
        children.push(el('p', 'muted', 'Main drivers:'), list);
      }
      setState({ whatIf: result });
      show(...children);
    } catch (error) {
      if (asked === latest) show(el('span', 'error', `What-if failed: ${error.message ?? error}`));
    }
  }
}

function initNotifications() {
  const toggle = $('notify-toggle');
  const supported = 'Notification' in window;
  toggle.checked =
    supported && localStorage.getItem(NOTIFY_KEY) === 'on' && Notification.permission === 'granted';
  setState({ notify: toggle.checked });
  toggle.addEventListener('change', async () => {
    if (!toggle.checked) {
      localStorage.setItem(NOTIFY_KEY, 'off');
      setState({ notify: false });
      return;
    }
    if (!supported) {
      toggle.checked = false;
      showStatus('This browser has no notifications.');
      return;
    }
    const permission = await Notification.requestPermission();
    toggle.checked = permission === 'granted';
    localStorage.setItem(NOTIFY_KEY, toggle.checked ? 'on' : 'off');
    setState({ notify: toggle.checked });
    if (!toggle.checked) showStatus('Notifications were not allowed by the browser.');
  });
}

/** Whether the site's market data is the simulator's (the core's data source says so). */
function marketIsSimulated() {
  const market = state.source === 'market' ? state.view : state.marketView;
  return market?.source.simulated === true;
}

function showRefreshStatus(open = isUsMarketOpen()) {
  $('status-refresh').textContent = marketIsSimulated()
    ? 'Simulated data: no auto-refresh'
    : open
      ? 'US market open: refreshing every 5 min'
      : 'US market closed: no auto-refresh';
}

// Simulated prices never change: the market-hours refresh re-fetches a live source only.
function initRefresh() {
  startMarketHoursRefresh(
    () => {
      if (state.source === 'market' && state.phase === 'ready' && !marketIsSimulated())
        loadAnalysis({ quiet: true });
    },
    REFRESH_MS,
    showRefreshStatus,
  );
}

// ---- The ticker view (web/js/ticker/): its code loads when it is first opened ---------------

let tickerModule = null;

function initTickerView() {
  const button = $('ticker-open');
  const root = $('ticker-root');
  if (!TICKER_VIEW) {
    button.hidden = true; // the standalone report: the market view only
    return;
  }
  const show = async (on) => {
    button.setAttribute('aria-pressed', String(on));
    document.body.dataset.view = on ? 'ticker' : 'market';
    root.hidden = !on;
    $('main').hidden = on;
    if (!on) return;
    try {
      tickerModule ??= await import('./ticker/view.js');
      tickerModule.openTickerView(root);
    } catch (error) {
      showError('The ticker view could not load', String(error.message ?? error));
    }
  };
  button.addEventListener('click', () => show(button.getAttribute('aria-pressed') !== 'true'));
  root.addEventListener('click', (event) => {
    if (event.target.id === 'ticker-back') show(false);
  });
}

// ---- Start -------------------------------------------------------------------------------------

window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  showError('Unexpected error', String(event.reason?.message ?? event.reason));
});

setDaySelectionHandler(selectDay);
initTheme();
initRangeButtons();
initDayKeys();
initWhatIf();
initUpload({ showStatus, requestDrivers });
initNotifications();
initTickerView();
listenToWorker(onWorkerEvent); // the worker started when worker_client.js was evaluated
// Load timings, ms since navigation start: worker started by the page, this module evaluated.
document.body.dataset.workerCreatedAt = startedAt.toFixed(0);
document.body.dataset.mainAt = performance.now().toFixed(0);
if (LIVE_DATA) initRefresh();
document.body.dataset.marketOpen = String(isUsMarketOpen());
loadAnalysis();
loadModelHealth();

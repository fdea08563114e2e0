// The dashboard's entry point: wires the state to the page (theme, status of the core, range
// buttons, the panels' drawing), the controls, and asks for the market Analysis (the worker and
// the first request were started by worker_client.js before this module loaded). Progress and
// errors are shown on the page; <body data-ready> is set once the first analysis is drawn.
//
// Its parts: market_analysis.js (the Analysis request and answer, drivers, refresh),
// panel_scheduler.js (which panels to draw, and drawing them), load_timings.js (the load
// timings), status.js, controls.js, whatif.js, upload.js, ticker_toggle.js.
import { setState, subscribe } from './state.js';
import { listenToWorker, startedAt } from './worker_client.js';
import { disposeAll, setDaySelectionHandler } from './charts.js';
import { isUsMarketOpen } from './refresh.js';
import { LIVE_DATA } from './host.js';
import { showError, showStatus } from './status.js';
import { markStart } from './load_timings.js';
import { markDirty } from './panel_scheduler.js';
import {
  initRefresh,
  loadAnalysis,
  loadModelHealth,
  requestDrivers,
  selectDay,
} from './market_analysis.js';
import { initDayKeys, initNotifications, initRangeButtons, initTheme } from './controls.js';
import { initWhatIf, prefillWhatIf } from './whatif.js';
import { initTickerView, redrawTickerView } from './ticker_toggle.js';
import { initUpload } from './upload.js';

const $ = (id) => document.getElementById(id);

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

// ---- The state on the page ---------------------------------------------------------------------

subscribe((s, changed) => {
  if (changed.has('theme')) {
    document.documentElement.dataset.theme = s.theme;
    const button = $('theme-toggle');
    button.setAttribute('aria-pressed', String(s.theme === 'dark'));
    button.textContent = s.theme === 'dark' ? 'Light theme' : 'Dark theme';
    disposeAll();
    redrawTickerView();
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
markStart(startedAt);
if (LIVE_DATA) initRefresh();
document.body.dataset.marketOpen = String(isUsMarketOpen());
loadAnalysis();
loadModelHealth();

// The market Analysis on the page: asking the worker for it (the first request was sent by
// worker_client.js while the page loaded), putting its answer in the state, the drivers of the
// selected day, the model health file, and the market-hours refresh.
import { state, setState } from './state.js';
import { dataFiles, request, requestAnalysis, takeFirstAnalysis } from './worker_client.js';
import { toAnalysisView, toDriversView, dayView } from './analysis_view.js';
import { isUsMarketOpen, notifyOnRise, startMarketHoursRefresh } from './refresh.js';
import { fetchFile, LIVE_DATA } from './host.js';
import { analysisStatus, clearError, showError, showStatus } from './status.js';
import { markAnalysis, markAnswer } from './load_timings.js';

const REFRESH_MS = 5 * 60 * 1000; // re-fetch every 5 minutes during market hours
const MODEL_HEALTH_FILE = 'model_health.json';

const $ = (id) => document.getElementById(id);

/** Shows why the first request could not be answered; returns whether it could. */
function usable(load) {
  if (load.workerError) {
    setState({ phase: 'error' });
    showError('The WebAssembly worker could not start', load.workerError);
    return false;
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
    return false;
  }
  return true;
}

/** Puts the worker's answer on the page: the view in the state (which draws it), the status. */
function showAnalysis(answer) {
  // The real worker sends the AnalysisView (built over the core's arrays); the test double
  // sends the core's raw form, converted here.
  const converted = performance.now();
  const view = answer.view ?? toAnalysisView(answer.core);
  markAnswer(answer, answer.viewMs ?? performance.now() - converted);
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
  markAnalysis(answer);
  if (LIVE_DATA) showRefreshStatus();
  requestDrivers(state.selectedIndex);
  const today = dayView(view, view.lastIndex);
  if (state.notify && view.lastIndex >= 0)
    notifyOnRise(today.levelCode, today.level, today.score, today.date);
}

/** Loads the market Analysis (quiet: a refresh, without the loading status). */
export async function loadAnalysis({ quiet = false } = {}) {
  // The first load takes the request worker_client.js sent while this module was loading.
  const load = await (takeFirstAnalysis() ?? requestAnalysis());
  if (!usable(load)) return;
  // (The charts are not warmed up on this thread while the workers compute: on 2 cores that
  // slowed the Analysis by ~27 ms and the first chart came no sooner, bench/RESULTS.md, issue 14
  // seventh session.)
  if (!quiet) {
    setState({ phase: 'loading' });
    showStatus('Loading market data and model…', 10);
    load.answer.setProgress((progress) =>
      showStatus(`${progress.message}…`, progress.stage === 'compute' ? 60 : 30),
    );
  }
  try {
    showAnalysis(await load.answer);
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
export async function loadModelHealth() {
  if (!(await dataFiles()).includes(MODEL_HEALTH_FILE)) return;
  try {
    const response = await fetchFile(`data/${MODEL_HEALTH_FILE}`, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    setState({ modelHealth: await response.json() });
  } catch (error) {
    showError('Model health could not be read', `data/${MODEL_HEALTH_FILE}: ${error.message}`);
  }
}

// ---- Day selection and drivers -----------------------------------------------------------------

export async function requestDrivers(index) {
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

export function selectDay(index) {
  if (!state.view || index === state.selectedIndex || index >= state.view.n) return;
  setState({ selectedIndex: index, drivers: null, driversError: null });
  requestDrivers(index);
}

// ---- The market-hours refresh ------------------------------------------------------------------

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
export function initRefresh() {
  startMarketHoursRefresh(
    () => {
      if (state.source === 'market' && state.phase === 'ready' && !marketIsSimulated())
        loadAnalysis({ quiet: true });
    },
    REFRESH_MS,
    showRefreshStatus,
  );
}

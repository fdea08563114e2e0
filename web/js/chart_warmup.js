// Runs ECharts' code for the history chart once while the workers compute a full Analysis, on a
// hidden copy of the panel with a small synthetic series, so that the real first chart runs
// code the JavaScript engine has already compiled: the first chart's draw and the other panels'
// take about 40% less (bench/RESULTS.md, "the first visit"). Called only for an Analysis
// computed in full (market_analysis.js): before one restored from the cache it would only delay
// it. Nothing of it is shown: the copy is off-screen, hidden from assistive technology, and
// removed with its chart.
import { state } from './state.js';
import { palette, releaseChart } from './charts.js';
import * as history from './panels/history.js';

// Days of the synthetic series: enough for the loops over the data to run warm, far fewer than
// a real history so the warm-up stays short.
const DAYS = 300;

/** A synthetic AnalysisView with the fields the history panel reads (shape of analysis_view.js). */
function syntheticView() {
  const start = Date.UTC(2020, 0, 1);
  const dates = Array.from({ length: DAYS }, (_, i) =>
    new Date(start + i * 86_400_000).toISOString().slice(0, 10),
  );
  const spx = Float64Array.from({ length: DAYS }, (_, i) => 3000 + 100 * Math.sin(i / 10));
  const score = Float64Array.from({ length: DAYS }, (_, i) => 0.5 + 0.45 * Math.sin(i / 7));
  const level = Int8Array.from(score, (s) => (s >= 0.9 ? 3 : s >= 0.8 ? 2 : s >= 0.65 ? 1 : 0));
  return {
    n: DAYS,
    lastIndex: DAYS - 1,
    dates,
    days: { spx, score, level },
    thresholds: { moderate: 0.65, high: 0.8, critical: 0.9 },
  };
}

/**
 * Draws the history panel once on a hidden copy of it, unless an Analysis is already shown.
 * Returns the time it took in ms (0 when skipped). A failure here only means a cold first chart.
 */
export function warmUpCharts() {
  const real = document.getElementById('panel-history');
  if (state.view || !real) return 0;
  const started = performance.now();
  const copy = real.cloneNode(true);
  copy.removeAttribute('id');
  for (const node of copy.querySelectorAll('[id]')) node.removeAttribute('id');
  copy.setAttribute('aria-hidden', 'true');
  copy.inert = true;
  copy.style.cssText =
    `position: fixed; left: -100000px; top: 0; width: ${real.clientWidth}px; ` +
    'visibility: hidden; pointer-events: none';
  document.body.append(copy);
  const container = copy.querySelector('[data-panel="history"]');
  try {
    const view = syntheticView();
    history.render(copy, {
      view,
      state: { range: state.range, selectedIndex: view.lastIndex },
      colors: palette(),
      changed: new Set(['view']),
    });
  } catch (error) {
    console.warn('chart warm-up:', error);
  } finally {
    releaseChart(container);
    copy.remove();
  }
  return performance.now() - started;
}

// The drawing scheduler: which panels a state change makes stale, and drawing them in page order
// from the current state, yielding to the browser between charts so the top of the page shows
// first and the page stays responsive.
import { state } from './state.js';
import { dayView } from './analysis_view.js';
import { palette } from './charts.js';
import { el } from './format.js';
import { markFirstChart, markReady } from './load_timings.js';
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

// Panels waiting to be drawn, each with the state keys that changed since it was last drawn.
const dirty = new Map();
let drawing = false;
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Marks the panels that read any of the `changed` state keys, and draws them. */
export function markDirty(changed) {
  const all = changed.has('view') || changed.has('theme');
  for (const entry of PANELS) {
    if (!all && !entry[2].some((k) => changed.has(k))) continue;
    const keys = dirty.get(entry) ?? new Set();
    for (const k of changed) keys.add(k);
    dirty.set(entry, keys);
  }
  if (!drawing && dirty.size) drawDirtyPanels();
}

/** Draws one panel; a panel that throws shows its error in place of its content. */
function drawPanel([id, panel], changed) {
  const view = state.view;
  const index = state.selectedIndex >= 0 ? state.selectedIndex : view.lastIndex;
  const day = index >= 0 ? dayView(view, index) : null;
  const section = document.getElementById(id);
  try {
    panel.render(section, { view, state, colors: palette(), day, changed });
    section.querySelector('.panel-error')?.remove();
  } catch (error) {
    section.querySelector('.panel-error')?.remove();
    const note = el('p', 'error panel-error', `This panel could not be drawn: ${error.message}`);
    section.append(note);
    console.warn(`panel ${id}:`, error);
  }
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
      const started = performance.now();
      drawPanel(entry, changed);
      if (entry[0] === 'panel-history') markFirstChart(performance.now() - started);
      if (++count % 2 === 0 && dirty.size) await nextTask();
    }
  } finally {
    drawing = false;
  }
  if (state.view) markReady(drawStarted);
}

// The page's one state object. Modules read `state` and change it only through `setState`, which
// notifies every subscriber with the set of keys that changed (so panels redraw only when their
// inputs changed).
export const state = {
  theme: 'light', // 'light' | 'dark'
  phase: 'starting', // 'starting' | 'loading' | 'ready' | 'error'
  wasm: null, // {version, capabilities: [...]} once the worker loaded the core
  view: null, // the AnalysisView (analysis_view.js) drawn by the panels
  source: 'market', // 'market' (the site's data) | 'csv' (the reader's own files)
  marketView: null, // the market AnalysisView kept while a CSV analysis is shown
  selectedIndex: -1, // day index into view.days (-1 = none)
  range: '1Y', // history range button
  drivers: null, // DriversView of the selected day (analysis_view.js)
  driversError: null,
  whatIf: null, // WhatIfView or {error}
  notify: false, // opt-in browser notification at HIGH or above
  modelHealth: null, // data/model_health.json when the site has it (panels/model_health.js)
};

const listeners = new Set();

/** Merges `patch` into the state and calls each subscriber with (state, changedKeys). */
export function setState(patch) {
  const changed = new Set();
  for (const [key, value] of Object.entries(patch)) {
    if (state[key] !== value) {
      state[key] = value;
      changed.add(key);
    }
  }
  if (changed.size === 0) return;
  for (const listener of listeners) listener(state, changed);
}

/** Registers a listener; returns the function that removes it. */
export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

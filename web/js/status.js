// The page's status line and error banner: what is loading, where the Analysis came from, and
// what went wrong (one title, one message).
import { fmt, fmtInt } from './format.js';

const $ = (id) => document.getElementById(id);

/**
 * Where the Analysis came from, said in the status line: computed here, the last visit's kept in
 * this browser (web/js/analysis_cache.js), or that one with the new days scored.
 */
export function analysisStatus(from, days, ms) {
  const n = fmtInt(days);
  const took = `${fmt(ms, 0)} ms`;
  if (from === 'cache')
    return `Analysis of ${n} days restored from this browser's cache in ${took}.`;
  if (from === 'appended') {
    return `Analysis of ${n} days in ${took}: the new days scored in the browser, the earlier ones from this browser's cache.`;
  }
  return `Analysis of ${n} days computed in the browser in ${took}.`;
}

export function showStatus(text, progress = null) {
  $('status-text').textContent = text;
  const bar = $('status-progress');
  bar.hidden = progress === null;
  if (progress !== null) bar.value = progress;
}

export function showError(title, message) {
  $('error-title').textContent = title;
  $('error-message').textContent = message;
  $('error').hidden = false;
}

export function clearError() {
  $('error').hidden = true;
}

// The ticker view (issue 12 item 4), imported by main.js only when the reader opens it: pick or
// drop ticker CSV files (or a ticker model bundle), or choose a simulated demo ticker; the worker's
// core reads, routes (by suffix), scores and matches them; this module draws the chart, the
// anomaly table with its review statuses, and the explanation of a bar.
import { request } from '../worker_client.js';
import { chartMessage } from '../charts.js';
import { el, fmt, fmtInt, fmtSigned } from '../format.js';
import { drawTickerChart } from './chart.js';
import { ReviewStore, STATUSES } from './review_store.js';
import { TEMPLATE } from './template.js';

const MAX_FILE_MB = 64; // as the upload panel (docs/LIMITS.md)
const $ = (id) => document.getElementById(id);

const ask = async (op, payload = {}) => (await request('ticker', { op, ...payload })).result;
const messageOf = (error) => String(error?.message ?? error);

let built = false;
const files = new Map(); // name -> {text} | {path} (demo) ; the reader's files stay in the page
let current = null; // {view, store, name}
let models = [];

function setMessage(id, text, isError = false) {
  const node = $(id);
  node.textContent = text;
  node.classList.toggle('error', isError);
}

function showModels() {
  $('ticker-models').textContent = models.length
    ? `Models: ${models.map((m) => `${m.market} (${m.interval})`).join(', ')}`
    : 'No ticker model loaded: drop a ticker model bundle (.json) from `vixray ticker train`.';
}

function fileItem(name, text, isError = false) {
  const item = el('li', isError ? 'error' : null, text);
  item.dataset.file = name;
  return item;
}

function listFile(name, text, isError = false) {
  const list = $('ticker-files');
  const old = list.querySelector(`[data-file="${CSS.escape(name)}"]`);
  const item = fileItem(name, text, isError);
  if (old) old.replaceWith(item);
  else list.append(item);
  if (!isError) {
    item.classList.add('openable');
    item.tabIndex = 0;
    item.setAttribute('role', 'button');
    item.addEventListener('click', () => openFile(name));
    item.addEventListener('keydown', (event) => event.key === 'Enter' && openFile(name));
  }
}

// ---- opening a file --------------------------------------------------------------------------

let opening = 0; // the latest openFile call: an earlier one finishing later is not drawn

async function openFile(name) {
  const source = files.get(name);
  if (!source) return;
  const asked = ++opening;
  setMessage('ticker-status', `Scoring ${name}…`);
  try {
    const first = await ask('open', { name, ...source, extra: [] });
    const store = new ReviewStore(first.view.ticker, first.view.model_sha256);
    const view = store.extras.length
      ? { ...first.view, ...(await ask('extra', { extra: store.extras })).view }
      : first.view;
    if (asked !== opening) return;
    view.simulated = Boolean(source.simulated);
    current = { view, store, name };
    listFile(name, describeFile(name, view));
    setMessage('ticker-status', '');
    draw();
    explainBar(lastFlagged(view));
  } catch (error) {
    listFile(name, messageOf(error), true);
    setMessage('ticker-status', `${name} could not be scored: see the file list.`, true);
  }
}

function describeFile(name, view) {
  const sim = files.get(name)?.simulated ? ', simulated' : '';
  return (
    `${name}: ${view.ticker} (${view.market}, ${view.interval}${sim}), ${view.format} format, ` +
    `${fmtInt(view.bars)} bars, ${view.first} to ${view.last}`
  );
}

const lastFlagged = (view) => {
  const flagged = view.markers.filter((m) => m.flagged);
  return flagged.length ? flagged[flagged.length - 1].bar : view.bars - 1;
};

async function readFiles(list) {
  const chosen = Array.from(list);
  for (const file of chosen) {
    if (file.size > MAX_FILE_MB * 1024 * 1024) {
      listFile(file.name, `${file.name}: larger than ${MAX_FILE_MB} MB; not read`, true);
      continue;
    }
    const text = await file.text();
    if (/^\s*\{/.test(text)) {
      try {
        const answer = await ask('addModel', { name: file.name, text });
        models = answer.models;
        showModels();
        listFile(
          file.name,
          `${file.name}: ticker model ${answer.model.market} (${answer.model.interval})`,
        );
      } catch (error) {
        listFile(file.name, messageOf(error), true);
      }
      continue;
    }
    files.set(file.name, { text });
  }
  const csvs = chosen.filter((f) => files.has(f.name) && files.get(f.name).text !== undefined);
  for (const file of csvs) listFile(file.name, `${file.name}: read`);
  // Each is read and scored (a broken one is listed with its line); the last good one stays drawn.
  for (const file of csvs) await openFile(file.name);
}

// ---- drawing ---------------------------------------------------------------------------------

function options() {
  return {
    markers: $('ticker-markers').checked,
    vwap: $('ticker-vwap').checked,
    bollinger: $('ticker-bollinger').checked,
  };
}

function draw() {
  if (!current) return;
  const { view } = current;
  const check = view.check ?? {};
  const parts = [
    `${view.ticker} · ${view.market} model · ${view.interval} · ${fmtInt(view.bars)} bars`,
    `${fmtInt(view.flagged)} flagged`,
  ];
  if (view.simulated) parts.push('simulated data');
  $('ticker-title').textContent = parts.join(' · ');
  $('ticker-unmatched').textContent = `${fmtInt(view.unmatched)} anomalies not matched to a bar`;
  $('ticker-unmatched').classList.toggle('warn', view.unmatched > 0);
  $('ticker-check').textContent =
    `Bars outside the sessions: ${fmtInt(check.outside_session ?? 0)} · interval gaps: ` +
    `${fmtInt(check.gaps ?? 0)} · inferred holidays: ${fmtInt(check.holidays?.length ?? 0)} · ` +
    `times are ${view.market} local time`;
  $('ticker-view').dataset.ticker = view.ticker;
  drawTickerChart($('ticker-chart'), view, options(), explainBar);
  drawTable();
}

function rowTimes(view) {
  const seen = new Set();
  const out = [];
  for (const m of view.markers) {
    if (!seen.has(m.datetime)) out.push(m.datetime);
    seen.add(m.datetime);
  }
  for (const t of current.store.extras) {
    if (!seen.has(t)) out.push(t);
    seen.add(t);
  }
  return out;
}

function drawTable() {
  const { view, store } = current;
  const byTime = new Map(view.markers.map((m) => [m.datetime, m]));
  const body = $('ticker-rows');
  const rows = rowTimes(view).map((datetime) => {
    const m = byTime.get(datetime);
    const review = store.get(datetime);
    const row = el('tr');
    row.dataset.datetime = datetime;
    if (m) row.dataset.bar = String(m.bar);
    const when = m ? view.labels[m.bar] : `${datetime} (no bar)`;
    row.append(
      el('td', null, when),
      el('td', 'num', m ? fmt(view.columns.score[m.bar], 3) : '–'),
      el('td', null, m ? (m.flagged ? 'model' : 'review') : 'review'),
    );
    const select = el('select');
    select.setAttribute('aria-label', `Status of ${when}`);
    for (const s of STATUSES) select.append(new Option(s, s, false, s === review.status));
    select.addEventListener('change', () => save(datetime, { status: select.value }));
    const note = el('input');
    note.type = 'text';
    note.value = review.note;
    note.maxLength = 2000; // review.hpp kMaxNoteBytes (a longer note is refused at import)
    note.placeholder = 'note';
    note.setAttribute('aria-label', `Note on ${when}`);
    note.addEventListener('change', () => save(datetime, { note: note.value }));
    const cell = el('td');
    cell.append(select);
    const noteCell = el('td');
    noteCell.append(note);
    row.append(cell, noteCell);
    if (m) {
      row.classList.add('openable');
      row.tabIndex = 0; // Enter on a focused row explains its bar, as a click does
      row.addEventListener('click', (event) => {
        if (event.target === row || event.target.tagName === 'TD') explainBar(m.bar);
      });
      row.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && event.target === row) explainBar(m.bar);
      });
    }
    return row;
  });
  body.replaceChildren(...rows);
  $('ticker-empty').hidden = rows.length > 0;
}

function save(datetime, change) {
  if (!current.store.set(datetime, change))
    setMessage('ticker-review-msg', 'The browser refused to store the review.', true);
}

// ---- explanation -----------------------------------------------------------------------------

async function explainBar(bar) {
  if (!current || !(bar >= 0)) return;
  const box = $('ticker-explain');
  for (const row of $('ticker-rows').children)
    row.classList.toggle('selected', row.dataset.bar === String(bar));
  try {
    const { explanation: e } = await ask('explain', { bar });
    const head = el(
      'p',
      null,
      `${e.label} (${current.view.market} local): score ${fmt(e.score, 3)}` +
        (e.flagged ? ', flagged' : ''),
    );
    if (!e.available) {
      box.replaceChildren(
        head,
        el('p', 'muted', 'A warm-up bar: the indicators are not all available yet.'),
      );
      return;
    }
    const max = Math.max(...e.features.map((f) => Math.abs(f.value)), 1e-12);
    const list = el('ul', 'shap-list');
    for (const f of e.features) {
      const item = el('li');
      const bar = el('span', `shap-bar ${f.value >= 0 ? 'up' : 'down'}`);
      bar.style.width = `${(100 * Math.abs(f.value)) / max}%`;
      const track = el('span', 'shap-track');
      track.append(bar);
      item.append(
        el('span', 'shap-name', f.feature),
        track,
        el('span', 'num', fmtSigned(f.value, 3)),
        el('span', 'muted num', fmt(f.indicator, 4)),
      );
      list.append(item);
    }
    box.replaceChildren(head, list, el('p', 'hint', e.unit));
    box.dataset.bar = String(bar);
  } catch (error) {
    box.replaceChildren(el('p', 'error', `This bar could not be explained: ${messageOf(error)}`));
  }
}

// ---- export and import -----------------------------------------------------------------------

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function exportReview(format) {
  if (!current) return;
  try {
    const doc = current.store.documentOf(rowTimes(current.view));
    const { text } = await ask('review', { text: doc, format, source: 'review' });
    const type = format === 'csv' ? 'text/csv' : 'application/json';
    download(`${current.view.ticker}_review.${format}`, text, type);
    setMessage('ticker-review-msg', `Exported ${format.toUpperCase()}.`);
  } catch (error) {
    setMessage('ticker-review-msg', `Export failed: ${messageOf(error)}`, true);
  }
}

async function importReview(file) {
  if (!current) return;
  try {
    const { text } = await ask('review', {
      text: await file.text(),
      format: 'json',
      source: file.name,
    });
    const entries = JSON.parse(text).entries;
    const mine = entries.filter((e) => e.ticker === current.view.ticker);
    const flaggedTimes = current.view.markers.filter((m) => m.flagged).map((m) => m.datetime);
    current.store.importEntries(mine, flaggedTimes);
    const { view } = await ask('extra', { extra: current.store.extras });
    Object.assign(current.view, view);
    draw();
    const other = entries.length - mine.length;
    setMessage(
      'ticker-review-msg',
      `Imported ${mine.length} entries of ${current.view.ticker}` +
        (other ? ` (${other} of other tickers left: open their files to import them)` : '') +
        '.',
    );
  } catch (error) {
    setMessage('ticker-review-msg', `Import failed: ${messageOf(error)}`, true);
  }
}

// ---- building the view -----------------------------------------------------------------------

function wire() {
  const input = $('ticker-input');
  $('ticker-pick').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    readFiles(input.files);
    input.value = '';
  });
  const zone = $('ticker-drop');
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    readFiles(event.dataTransfer.files);
  });
  $('ticker-demo').addEventListener('change', (event) => {
    const path = event.target.value;
    if (!path) return;
    // The demo's file name (its ticker and suffix route it, as a reader's file).
    const name = path.split('/').pop();
    files.set(name, { path, simulated: true });
    openFile(name);
  });
  for (const id of ['ticker-markers', 'ticker-vwap', 'ticker-bollinger'])
    $(id).addEventListener('change', draw);
  $('ticker-export-csv').addEventListener('click', () => exportReview('csv'));
  $('ticker-export-json').addEventListener('click', () => exportReview('json'));
  const importInput = $('ticker-import-input');
  $('ticker-import').addEventListener('click', () => importInput.click());
  importInput.addEventListener('change', () => {
    if (importInput.files[0]) importReview(importInput.files[0]);
    importInput.value = '';
  });
}

async function loadSite() {
  try {
    const answer = await ask('init');
    models = answer.models;
    showModels();
    const select = $('ticker-demo');
    for (const d of answer.demos) {
      const label = `${d.ticker} (${[d.market, d.interval].filter(Boolean).join(', ')}, simulated)`;
      select.append(new Option(label, d.path));
    }
    select.disabled = answer.demos.length === 0;
    if (answer.notes.length) setMessage('ticker-status', answer.notes.join(' '));
    // The site's first demo ticker is shown until the reader picks or drops another.
    if (answer.demos.length && !current && files.size === 0) {
      select.value = answer.demos[0].path;
      select.dispatchEvent(new Event('change'));
    }
  } catch (error) {
    setMessage('ticker-status', `The ticker view could not start: ${messageOf(error)}`, true);
  }
  $('ticker-view').dataset.ready = 'true';
}

/** Shows the ticker view in `root` (built on the first call); redraws on later calls. */
export function openTickerView(root) {
  if (!built) {
    const style = el('link');
    style.rel = 'stylesheet';
    style.href = new URL('../../css/ticker.css', import.meta.url).href;
    document.head.append(style);
    root.innerHTML = TEMPLATE; // static markup of this module, no data
    built = true;
    wire();
    chartMessage($('ticker-chart'), 'Drop a ticker CSV file or choose a demo ticker.');
    loadSite();
  } else {
    draw();
  }
}

/** Redraws the chart (theme change, the view shown again). */
export function redrawTickerView() {
  draw();
}

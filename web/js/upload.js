// The upload panel: a reader's own CSV files, read in the browser and scored by the core in the
// worker (never sent anywhere); the per-file summary and the core's note on the latest day; back
// to the market data.
import { state, setState } from './state.js';
import { request } from './worker_client.js';
import { el, fmt, fmtInt } from './format.js';

// The largest CSV file the upload panel reads, in MB (2^20 bytes; docs/LIMITS.md). A daily
// history is far below it (the S&P 500 since 1990 is 0.6 MB); a larger file is refused before it
// is read, so a wrong file cannot fill the tab's memory (its text and the core's copy).
const MAX_UPLOAD_MB = 64;

const $ = (id) => document.getElementById(id);

/**
 * Wires the upload panel. `showStatus(text)` writes the status line; `requestDrivers(index)`
 * asks for the drivers of a day of the market data (after "back to the market data").
 */
export function initUpload({ showStatus, requestDrivers }) {
  const zone = $('dropzone');
  const input = $('csv-input');
  const list = $('csv-results');
  const back = $('csv-back');

  async function score(fileList) {
    const files = Array.from(fileList).filter((f) => f.size >= 0);
    if (files.length === 0) return;
    const tooLarge = files.filter((f) => f.size > MAX_UPLOAD_MB * 1024 * 1024);
    if (tooLarge.length) {
      list.replaceChildren(
        ...tooLarge.map((f) => {
          const item = el(
            'li',
            'error',
            `${f.name}: ${fmt(f.size / (1024 * 1024), 1)} MB, larger than the ${MAX_UPLOAD_MB} MB ` +
              'this page reads from one file; nothing was read (the vixray command reads larger files)',
          );
          item.dataset.file = f.name;
          return item;
        }),
      );
      return;
    }
    list.replaceChildren(el('li', 'muted', `Reading ${files.length} file(s)…`));
    let payload;
    try {
      payload = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
    } catch (error) {
      list.replaceChildren(el('li', 'error', `The file could not be read: ${error.message}`));
      return;
    }
    try {
      const answer = await request('scoreCsv', { files: payload });
      const items = answer.files.map((f) => {
        if (!f.ok) {
          const where = f.line ? `${f.name}, line ${f.line}` : f.name;
          const item = el('li', 'error', `${where}: ${f.message}`);
          item.dataset.file = f.name;
          return item;
        }
        const item = el(
          'li',
          null,
          `${f.name}: ${f.format} format, ${fmtInt(f.rows)} rows, ${f.first ?? '–'} to ${f.last ?? '–'}`,
        );
        item.dataset.file = f.name;
        return item;
      });
      if (answer.note) items.push(el('li', 'muted', answer.note));
      list.replaceChildren(...items);
      if (answer.view) {
        const view = answer.view;
        setState({
          marketView: state.source === 'market' ? state.view : state.marketView,
          view,
          source: 'csv',
          selectedIndex: view.lastIndex,
          drivers: null,
          driversError: 'explanations are computed for the market data only',
        });
        back.hidden = false;
        showStatus(`Showing your files (${fmtInt(view.n)} days), scored in this browser.`);
      }
    } catch (error) {
      list.replaceChildren(el('li', 'error', `Scoring failed: ${error.message ?? error}`));
    }
  }

  $('csv-pick').addEventListener('click', () => input.click());
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    score(event.dataTransfer?.files ?? []);
  });
  input.addEventListener('change', () => {
    score(input.files ?? []);
    input.value = '';
  });
  back.addEventListener('click', () => {
    if (!state.marketView) return;
    const view = state.marketView;
    setState({
      view,
      marketView: null,
      source: 'market',
      selectedIndex: view.lastIndex,
      drivers: null,
      driversError: null,
    });
    back.hidden = true;
    requestDrivers(view.lastIndex);
    showStatus('Showing the market data.');
  });
}

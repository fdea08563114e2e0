// The what-if panel: a hypothetical next day (VIX close, S&P 500 return) scored by the model in
// the worker as the reader types; only the latest request's answer is shown.
import { state, setState } from './state.js';
import { request } from './worker_client.js';
import { toWhatIfView } from './analysis_view.js';
import { el, fmt, fmtSigned, levelBadge } from './format.js';

const $ = (id) => document.getElementById(id);

/** The what-if VIX input starts at the last day's VIX close (unless the reader typed one). */
export function prefillWhatIf(view) {
  const input = $('whatif-vix');
  const vix = view.lastIndex >= 0 ? view.days.vix[view.lastIndex] : NaN;
  if (!input.value && Number.isFinite(vix)) input.value = vix.toFixed(2);
}

// What-if answers as the reader types: after a pause of this long in the inputs (the core
// scores only the new day, ~50 ms in the worker), and only the latest request's answer is shown.
const WHATIF_TYPING_PAUSE_MS = 250;

export function initWhatIf() {
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

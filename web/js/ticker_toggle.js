// The Tickers button: shows the ticker view (web/js/ticker/) in place of the market view; its
// code loads when it is first opened.
import { TICKER_VIEW } from './host.js';
import { showError } from './status.js';

const $ = (id) => document.getElementById(id);

let tickerModule = null;

export function initTickerView() {
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

/** Redraws the ticker view when it is loaded (the theme changed). */
export function redrawTickerView() {
  tickerModule?.redrawTickerView();
}

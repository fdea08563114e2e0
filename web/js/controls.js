// The page's controls outside the panels: the theme, the arrow keys on the time charts, the
// history range buttons and the opt-in level alert.
import { state, setState } from './state.js';
import { selectDay } from './market_analysis.js';
import { showStatus } from './status.js';

const THEME_KEY = 'vixray-theme';
const NOTIFY_KEY = 'vixray-notify';

const $ = (id) => document.getElementById(id);

export function initTheme() {
  let theme = localStorage.getItem(THEME_KEY);
  if (theme !== 'light' && theme !== 'dark') {
    theme = window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  state.theme = '';
  setState({ theme });
  $('theme-toggle').addEventListener('click', () => {
    const next = state.theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem(THEME_KEY, next);
    setState({ theme: next });
  });
}

/** Arrow keys on a focused time chart move the selected day (charts are not only for mice). */
export function initDayKeys() {
  for (const chart of document.querySelectorAll('[data-day-keys]')) {
    chart.addEventListener('keydown', (event) => {
      const view = state.view;
      if (!view) return;
      const current = state.selectedIndex >= 0 ? state.selectedIndex : view.lastIndex;
      const target = {
        ArrowLeft: current - 1,
        ArrowRight: current + 1,
        Home: 0,
        End: view.lastIndex,
      }[event.key];
      if (target === undefined) return;
      event.preventDefault();
      selectDay(Math.min(view.n - 1, Math.max(0, target)));
    });
  }
}

export function initRangeButtons() {
  for (const button of document.querySelectorAll('[data-range]')) {
    button.addEventListener('click', () => setState({ range: button.dataset.range }));
  }
}

export function initNotifications() {
  const toggle = $('notify-toggle');
  const supported = 'Notification' in window;
  toggle.checked =
    supported && localStorage.getItem(NOTIFY_KEY) === 'on' && Notification.permission === 'granted';
  setState({ notify: toggle.checked });
  toggle.addEventListener('change', async () => {
    if (!toggle.checked) {
      localStorage.setItem(NOTIFY_KEY, 'off');
      setState({ notify: false });
      return;
    }
    if (!supported) {
      toggle.checked = false;
      showStatus('This browser has no notifications.');
      return;
    }
    const permission = await Notification.requestPermission();
    toggle.checked = permission === 'granted';
    localStorage.setItem(NOTIFY_KEY, toggle.checked ? 'on' : 'off');
    setState({ notify: toggle.checked });
    if (!toggle.checked) showStatus('Notifications were not allowed by the browser.');
  });
}

// Market-hours refresh and the opt-in level alert. US equity market hours are 9:30-16:00 in
// America/New_York on weekdays; the time zone (with its daylight-saving rules) comes from Intl,
// so the page is right wherever the reader is. Exchange holidays are not known here: on a
// holiday the page re-fetches unchanged JSON, which is harmless.

const NEW_YORK = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Whether `date` falls in US market hours (Mon-Fri, 9:30 <= time < 16:00 New York). */
export function isUsMarketOpen(date = new Date()) {
  const parts = Object.fromEntries(NEW_YORK.formatToParts(date).map((p) => [p.type, p.value]));
  if (parts.weekday === 'Sat' || parts.weekday === 'Sun') return false;
  const minutes = Number(parts.hour) * 60 + Number(parts.minute);
  return minutes >= 9 * 60 + 30 && minutes < 16 * 60;
}

/** Calls `refresh()` every `intervalMs` while the market is open; returns a stop function. */
export function startMarketHoursRefresh(refresh, intervalMs, onTick = () => {}) {
  const tick = () => {
    const open = isUsMarketOpen();
    onTick(open);
    if (open && document.visibilityState !== 'hidden') refresh();
  };
  onTick(isUsMarketOpen());
  const timer = setInterval(tick, intervalMs);
  return () => clearInterval(timer);
}

const LAST_LEVEL_KEY = 'vixray-last-level';

/**
 * Shows a browser notification when the latest level (code 0..3) rises to HIGH (2) or above
 * from a lower level seen before (remembered across visits). Returns whether it notified.
 */
export function notifyOnRise(levelCode, levelName, score, date) {
  let previous = Number(localStorage.getItem(LAST_LEVEL_KEY));
  if (!Number.isInteger(previous)) previous = -1;
  localStorage.setItem(LAST_LEVEL_KEY, String(levelCode));
  if (!(levelCode >= 2 && previous < 2)) return false;
  if (!('Notification' in window) || Notification.permission !== 'granted') return false;
  new Notification(`vixray: ${levelName}`, {
    body: `Ensemble score ${score.toFixed(3)} on ${date}`,
    tag: 'vixray-level',
  });
  return true;
}

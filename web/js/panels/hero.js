// Hero: the latest (or the selected) day's VIX, S&P 500, regime and days in it, ensemble score
// coloured by the core's level, detectors firing out of the total and domains, streak; and where
// the prices came from, in the core's words ("Simulated market, seed 42 — not real prices").
import { el, fmt, fmtInt, fmtPct, fmtSigned, levelBadge } from '../format.js';

function metric(label, value, sub, id) {
  const box = el('div', 'metric');
  if (id) box.dataset.metric = id;
  box.append(el('div', 'label', label));
  if (value instanceof Node) {
    const wrap = el('div', 'value');
    wrap.append(value);
    box.append(wrap);
  } else {
    box.append(el('div', 'value', value));
  }
  if (sub) box.append(el('div', 'sub', sub));
  return box;
}

export function render(section, { view, day }) {
  const body = section.querySelector('[data-panel="hero"]');
  const title = section.querySelector('h2');
  if (!view || !day) {
    title.textContent = 'Today';
    body.replaceChildren(el('p', 'muted', 'No analysis yet.'));
    return;
  }
  const isLatest = day.index === view.lastIndex;
  const simulated = view.source.simulated;
  title.textContent = !isLatest
    ? `Selected day, ${day.date}`
    : simulated
      ? `Last simulated day, ${day.date}`
      : `Latest day, ${day.date}`;
  const source = el('p', simulated ? 'source simulated' : 'source muted', view.source.description);
  source.dataset.source = view.source.kind;

  const scoreValue = el('span', null, fmt(day.score, 3));
  scoreValue.dataset.value = String(day.score);
  const scoreBox = el('span');
  scoreBox.append(scoreValue, ' ', levelBadge(day.level));
  scoreBox.style.color = `var(--level-${day.level.toLowerCase()})`;

  const t = view.thresholds;
  // A partial day: some detectors had no score (a series or field the model reads is missing).
  const partial = day.scored < day.detectorCount;
  const grid = el('div', 'hero-grid');
  grid.append(
    metric(
      'Ensemble score',
      scoreBox,
      partial
        ? `partial day: ${fmtInt(day.scored)} of ${fmtInt(day.detectorCount)} detectors scored, classified with the thresholds fitted for them`
        : `MODERATE ≥ ${fmt(t.moderate, 3)} · HIGH ≥ ${fmt(t.high, 3)} · CRITICAL ≥ ${fmt(t.critical, 3)}`,
      'score',
    ),
    metric(
      'VIX',
      fmt(day.vix, 2),
      `${fmtSigned(day.vixChange, 2)} (${fmtPct(day.vixChangePct, 1, true)})`,
      'vix',
    ),
    metric(
      simulated ? 'S&P 500 (simulated)' : 'S&P 500',
      fmt(day.spx, 2),
      `${fmtSigned(day.spxChange, 2)} (${fmtPct(day.spxChangePct, 2, true)})`,
      'spx',
    ),
    metric(
      'Regime',
      day.regimeName ?? '–',
      `${fmtInt(day.regimeDays)} trading days in it`,
      'regime',
    ),
    metric(
      'Domains at HIGH+',
      `${fmtInt(day.domainsAtHigh)} / ${fmtInt(day.domainCount)}`,
      partial
        ? `${fmtInt(day.firing)} of the ${fmtInt(day.scored)} scored detectors above the HIGH threshold`
        : `${fmtInt(day.firing)} of ${fmtInt(day.detectorCount)} detectors above the HIGH threshold`,
      'firing',
    ),
    metric('Streak', `${fmtInt(day.streak)} days`, 'consecutive days at HIGH or above', 'streak'),
  );
  body.replaceChildren(source, grid);
}

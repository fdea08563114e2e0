// Model: training range and size, the thresholds with their bootstrap confidence intervals and
// the percentiles they sit at, and each detector's feature coverage.
import { el, fmt, fmtInt, fmtPct, ordinal, table } from '../format.js';

/** A name that may wrap after its underscores (vix_mean_<wbr>reversion), as text nodes. */
function breakable(name) {
  const span = el('span');
  name.split(/(?<=_)/).forEach((part, k) => {
    if (k > 0) span.append(el('wbr'));
    span.append(part);
  });
  return span;
}

export function render(section, { view }) {
  const body = section.querySelector('[data-panel="model"]');
  const tr = view.training;
  const t = view.thresholds;
  const summary = el(
    'p',
    null,
    `Trained on ${tr.start ?? '–'} to ${tr.end ?? '–'}: ${fmtInt(tr.nObservations)} days, ` +
      `${fmtInt(tr.nFeatures)} features, ${fmtInt(view.detectors.length)} detectors in ` +
      `${fmtInt(view.domains.length)} domains.`,
  );
  // Dates come from the bundle; shown as text (textContent), whatever they contain.
  summary.dataset.model = 'training';
  const ciLabel = Number.isFinite(t.confidence) ? `${fmt(t.confidence * 100, 0)}% CI` : 'CI';
  const thresholds = table(
    ['Level', 'Percentile', 'Threshold', ciLabel],
    ['MODERATE', 'HIGH', 'CRITICAL'].map((name, k) => [
      name,
      ordinal(t.percentiles[k]),
      fmt(t[name.toLowerCase()], 4),
      `${fmt(t.ciLow[k], 4)} – ${fmt(t.ciHigh[k], 4)}`,
    ]),
    [false, true, true, true],
  );
  thresholds.dataset.model = 'thresholds';
  const coverage = view.coverage.length
    ? table(
        ['Domain', 'Features', 'Coverage', 'Detectors', 'Status'],
        view.coverage.map((c) => [
          // The domain's label from the catalogue; a bare name wraps at its underscores.
          c.label && c.label !== c.domain ? c.label : breakable(c.domain),
          `${fmtInt(c.available)} / ${fmtInt(c.expected)}`,
          fmtPct(c.coveragePct, 0),
          Number.isFinite(c.inactiveDetectors) && c.inactiveDetectors > 0
            ? `${fmtInt(c.activeDetectors)} (+${fmtInt(c.inactiveDetectors)} inactive)`
            : fmtInt(c.activeDetectors),
          c.status || '–',
        ]),
        [false, true, true, true, false],
      )
    : el('p', 'muted', 'The model bundle lists no coverage.');
  coverage.dataset.model = 'coverage';
  const resamples = Number.isFinite(t.resamples)
    ? ` (${fmtInt(t.resamples)} bootstrap resamples)`
    : '';
  body.replaceChildren(
    summary,
    el('h3', null, `Thresholds${resamples}`),
    thresholds,
    el('h3', null, 'Domain coverage'),
    coverage,
  );
}

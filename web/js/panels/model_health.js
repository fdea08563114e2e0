// Model health (data/model_health.json, written by `vixray export --models DIR`): a badge when a
// history does not verify, the latest recommendation with its rule, drift of Model A and B over
// the monitoring runs (with the WATCH and RETRAIN lines), A vs B side by side and the alert
// distribution per detector. Every figure is the core's, as the file has it; this only draws and
// formats. A site without the file hides the panel.
import { axisStyle, baseOption, chartFor, chartMessage } from '../charts.js';
import { el, fmt, fmtInt, fmtShare, table, tooltipNode } from '../format.js';

const ROW_PX = 22;

/** "history does not verify: FILE:LINE MESSAGE" for each history that fails, else nothing. */
function badges(history) {
  return ['training', 'monitoring']
    .map((k) => history?.[k])
    .filter((h) => h && h.ok === false)
    .map((h) => {
      const badge = el(
        'p',
        'health-badge',
        `history does not verify: ${h.file}${h.line > 0 ? `:${h.line}` : ''} ${h.message}`,
      );
      badge.dataset.health = 'badge';
      badge.setAttribute('role', 'alert');
      return badge;
    });
}

function recommendation(latest) {
  const box = el('div', 'health-recommendation');
  box.dataset.health = 'recommendation';
  if (!latest) {
    box.append(el('p', 'muted', 'No monitoring run yet (vixray monitor --models DIR).'));
    return box;
  }
  const name = el('p', 'health-verdict', latest.recommendation);
  name.dataset.verdict = latest.recommendation.replace(/ /g, '-');
  name.dataset.value = latest.recommendation;
  const rule = el('p', 'health-rule', latest.rule);
  rule.dataset.health = 'rule';
  const when = el('p', 'hint', `Monitoring of ${latest.monitoring_date} `);
  when.append(el('span', 'nowrap', `(run ${latest.monitored_at})`), '.');
  box.append(name, rule, when);
  return box;
}

/** The rows of the A vs B table: [label, A, B]. */
function comparisonRows(a, b) {
  // "start – end", each date kept on one line (a phone wraps at the dash, not inside a date).
  const span = (s, prefix = '') => {
    const cell = el('span');
    cell.append(
      prefix,
      el('span', 'nowrap', s.date_start),
      ' – ',
      el('span', 'nowrap', s.date_end),
    );
    return cell;
  };
  const metric = (key, format) => [format(a.metrics?.[key]), format(b.metrics?.[key])];
  const events = (m) => m.metrics?.events;
  const eventText = (e, key) => (e ? fmtShare(e[key], 1) : 'no labels');
  return [
    ['Training days', span(a.training), span(b.training)],
    ['Training samples', fmtInt(a.training.samples), fmtInt(b.training.samples)],
    [
      'Holdout days',
      span(a.holdout, `${a.holdout.name}: `),
      span(b.holdout, `${b.holdout.name}: `),
    ],
    ['Holdout samples', fmtInt(a.holdout.samples), fmtInt(b.holdout.samples)],
    ['Flag rate (holdout)', ...metric('flag_rate', (x) => fmtShare(x, 1))],
    ['Expected flag rate', ...metric('expected_flag_rate', (x) => fmtShare(x, 1))],
    ['Flag rate (training)', ...metric('training_flag_rate', (x) => fmtShare(x, 1))],
    ['PSI', ...metric('psi', (x) => fmt(x, 3))],
    ['Calibration error', ...metric('calibration_error', (x) => fmt(x, 3))],
    ['Event recall', eventText(events(a), 'recall'), eventText(events(b), 'recall')],
    ['Event precision', eventText(events(a), 'precision'), eventText(events(b), 'precision')],
  ];
}

function drawDrift(container, doc, colors) {
  const runs = doc.monitoring ?? [];
  if (runs.length === 0) {
    chartMessage(container, 'No monitoring runs: drift over time appears after vixray monitor.');
    return;
  }
  const axis = axisStyle(colors);
  // WATCH labelled at the left end, RETRAIN at the right: on a scale of large drifts the two
  // lines nearly meet and their labels would overlap.
  const rule = (name, value, color, position) => ({
    name,
    yAxis: value,
    lineStyle: { color, type: 'dashed', width: 1 },
    label: { formatter: `${name} ${fmtShare(value, 0)}`, color, position },
  });
  // B dashed over A's solid line: equal drifts (the same bundle) still show both.
  const line = (name, key, color, type) => ({
    name,
    type: 'line',
    showSymbol: true,
    symbolSize: 7,
    connectNulls: false,
    lineStyle: { color, type, width: type === 'solid' ? 3 : 2 },
    itemStyle: { color },
    data: runs.map((r) => r.drift[key]),
  });
  const driftA = line('Model A drift', 'model_a', colors.series[0], 'solid');
  driftA.markLine = {
    silent: true,
    symbol: 'none',
    data: [
      rule('WATCH', doc.rules.watch_drift, colors.level.MODERATE, 'insideStartTop'),
      rule('RETRAIN', doc.rules.retrain_drift, colors.level.CRITICAL, 'insideEndTop'),
    ],
  };
  chartFor(container).setOption(
    {
      ...baseOption(colors),
      legend: { top: 0, textStyle: { color: colors.text } },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: {
        ...baseOption(colors).tooltip,
        trigger: 'axis',
        formatter: (params) => {
          const r = runs[params[0].dataIndex];
          return tooltipNode(`Monitoring ${r.monitoring_date}`, [
            ['Model A drift', fmtShare(r.drift.model_a, 1)],
            ['Model B drift', fmtShare(r.drift.model_b, 1)],
            ['PSI A / B', `${fmt(r.psi.model_a, 3)} / ${fmt(r.psi.model_b, 3)}`],
            ['B wins', fmtShare(r.model_b_win_rate, 0)],
            ['Recommendation', r.recommendation],
          ]);
        },
      },
      xAxis: { type: 'category', data: runs.map((r) => r.monitoring_date), ...axis },
      yAxis: {
        type: 'value',
        min: 0,
        // The RETRAIN line always in view, however low the drift.
        max: (v) => Math.ceil(Math.max(v.max, doc.rules.retrain_drift * 1.25) * 20) / 20,
        ...axis,
        axisLabel: { ...axis.axisLabel, formatter: (v) => fmtShare(v, 0) },
      },
      series: [driftA, line('Model B drift', 'model_b', colors.series[1], 'dashed')],
    },
    { notMerge: true },
  );
}

function drawAlerts(container, alerts, colors) {
  const detectors = alerts?.detectors ?? [];
  if (detectors.length === 0 || !(alerts.alarm_days > 0)) {
    container.style.height = '';
    chartMessage(container, 'No alarm days in the exported analysis.');
    return;
  }
  const rows = [...detectors].reverse(); // ECharts draws category 0 at the bottom
  const grid = { left: 8, right: 48, top: 24, bottom: 24, containLabel: true };
  container.style.height = '';
  const height = rows.length * ROW_PX + grid.top + grid.bottom;
  if (height > container.clientHeight) container.style.height = `${height}px`;
  const axis = axisStyle(colors);
  const limit = alerts.max_share_allowed;
  chartFor(container).setOption(
    {
      ...baseOption(colors),
      dataset: {
        source: rows.map((d) => ({
          name: d.label || d.detector,
          share: d.share,
          days: d.alarm_days,
          domain: d.domain,
        })),
      },
      grid,
      tooltip: {
        ...baseOption(colors).tooltip,
        trigger: 'item',
        formatter: (params) =>
          tooltipNode(params.data.name, [
            ['Share of alarm days', fmtShare(params.data.share, 1)],
            ['Alarm days', fmtInt(params.data.days)],
            ['Domain', params.data.domain || '–'],
          ]),
      },
      xAxis: {
        type: 'value',
        min: 0,
        max: (v) => Math.max(v.max, limit),
        ...axis,
        axisLabel: { ...axis.axisLabel, formatter: (v) => fmtShare(v, 0) },
      },
      yAxis: {
        type: 'category',
        ...axis,
        axisLabel: {
          ...axis.axisLabel,
          width: Math.min(150, container.clientWidth * 0.45),
          overflow: 'truncate',
          hideOverlap: false,
        },
      },
      series: [
        {
          type: 'bar',
          encode: { x: 'share', y: 'name' },
          itemStyle: {
            color: (p) => (p.data.share > limit ? colors.level.CRITICAL : colors.series[0]),
          },
          label: {
            show: true,
            position: 'right',
            color: colors.text,
            formatter: (p) => fmtShare(p.data.share, 0),
          },
          markLine: {
            silent: true,
            symbol: 'none',
            data: [
              {
                xAxis: limit,
                lineStyle: { color: colors.level.CRITICAL, type: 'dashed', width: 1 },
                label: {
                  formatter: `max ${fmtShare(limit, 0)}`,
                  color: colors.level.CRITICAL,
                  position: 'end',
                },
              },
            ],
          },
        },
      ],
    },
    { notMerge: true },
  );
}

export function render(section, { state, colors }) {
  const doc = state.modelHealth;
  section.hidden = !doc;
  if (!doc) return;
  const part = (name) => section.querySelector(`[data-health="${name}"]`);
  part('badges').replaceChildren(...badges(doc.history));
  part('recommendation').replaceWith(recommendation(doc.latest_recommendation));
  const ab = table(
    ['', 'Model A', 'Model B'],
    comparisonRows(doc.models.model_a, doc.models.model_b),
    [false, false, false],
  );
  ab.dataset.health = 'ab-table';
  part('ab-table').replaceWith(ab);
  const alerts = doc.alerts;
  part('alerts-note').textContent = alerts
    ? `${fmtInt(alerts.alarm_days)} alarm days of ${fmtInt(alerts.days)}, each counted for its ` +
      `highest-scoring detector; none should carry more than ${fmtShare(alerts.max_share_allowed, 0)}.`
    : 'No alert distribution.';
  part('warnings').replaceChildren(...(alerts?.warnings ?? []).map((w) => el('li', null, w)));
  drawDrift(section.querySelector('[data-panel="health_drift"]'), doc, colors);
  drawAlerts(section.querySelector('[data-panel="health_alerts"]'), alerts, colors);
}

// Forward returns by level: what the S&P 500 did over the next `horizon` trading days after days
// at each level (mean and median in percent, interquartile range in the tooltip, win rate).
import { axisStyle, baseOption, chartFor, chartMessage, levelColor } from '../charts.js';
import { fmtInt, fmtPct, tooltipNode } from '../format.js';

/** A horizontal gradient of hard stripes, one per level colour (a legend icon). */
function levelStripes(colors, levels) {
  const colorStops = levels.flatMap((level, k) => [
    { offset: k / levels.length, color: levelColor(colors, level) },
    { offset: (k + 1) / levels.length, color: levelColor(colors, level) },
  ]);
  return { type: 'linear', x: 0, y: 0, x2: 1, y2: 0, colorStops };
}

export function render(section, { view, day, colors }) {
  const container = section.querySelector('[data-panel="forward_returns"]');
  const { horizon, byLevel } = view.forward;
  const title = section.querySelector('h2');
  title.textContent =
    `S&P 500 ${fmtInt(horizon)} trading days after each level` +
    (day && day.level !== 'UNAVAILABLE' ? ` (this day: ${day.level})` : '');
  if (byLevel.length === 0) {
    chartMessage(container, 'The analysis has no forward-return statistics.');
    return;
  }
  const chart = chartFor(container);
  const axis = axisStyle(colors);
  // Every level has its place on the axis, one the Analysis has no days of too (0 days, no bars).
  const found = new Map(byLevel.map((d) => [d.level, d]));
  const rows = view.levelNames.map((level) => {
    const d = found.get(level) ?? { level, count: 0 };
    return {
      ...d,
      winRatePct: Number.isFinite(d.winRate) ? d.winRate * 100 : null,
      mean: Number.isFinite(d.mean) ? d.mean : null,
      median: Number.isFinite(d.median) ? d.median : null,
    };
  });
  const countOf = new Map(rows.map((d) => [d.level, d.count]));
  const days = (count) => (count === 1 ? '1 day' : `${fmtInt(count)} days`);
  const option = {
    ...baseOption(colors),
    dataset: { source: rows },
    // Room below the plot for two-line labels (level, then its number of days).
    grid: { left: 44, right: 44, top: 56, bottom: 40 },
    // The mean bars take their level's colour: the legend's mean icon shows the four colours
    // (ECharts would give it a palette colour no bar has).
    legend: {
      top: 0,
      textStyle: { color: colors.text },
      data: [
        { name: 'Mean', itemStyle: { color: levelStripes(colors, view.levelNames) } },
        'Median',
        'Win rate',
      ],
    },
    tooltip: {
      ...baseOption(colors).tooltip,
      trigger: 'axis',
      formatter: (items) => {
        const d = rows[items[0]?.dataIndex ?? 0];
        return tooltipNode(`${d.level} days (${fmtInt(d.count)})`, [
          ['Mean', fmtPct(d.mean, 2, true)],
          ['Median', fmtPct(d.median, 2, true)],
          ['Middle half', `${fmtPct(d.q25, 2, true)} to ${fmtPct(d.q75, 2, true)}`],
          ['Win rate', fmtPct(d.winRatePct, 1)],
        ]);
      },
    },
    xAxis: {
      type: 'category',
      ...axis,
      splitLine: { show: false },
      // All four levels named, never hidden as overlapping: each label is narrower than its
      // category at a phone's width (10 px type below 400 px, see media).
      axisLabel: {
        ...axis.axisLabel,
        interval: 0,
        hideOverlap: false,
        lineHeight: 14,
        formatter: (level) => `${level}\n(${days(countOf.get(level))})`,
        color: (level) => levelColor(colors, level),
      },
    },
    yAxis: [
      { type: 'value', name: 'return %', ...axis, nameTextStyle: { color: colors.muted } },
      {
        type: 'value',
        name: 'win %',
        min: 0,
        max: 100,
        ...axis,
        splitLine: { show: false },
        nameTextStyle: { color: colors.muted },
      },
    ],
    series: [
      {
        name: 'Mean',
        type: 'bar',
        encode: { x: 'level', y: 'mean' },
        itemStyle: { color: (params) => levelColor(colors, params.data.level) },
      },
      {
        name: 'Median',
        type: 'bar',
        encode: { x: 'level', y: 'median' },
        itemStyle: { color: colors.series[2] },
      },
      {
        name: 'Win rate',
        type: 'line',
        yAxisIndex: 1,
        encode: { x: 'level', y: 'winRatePct' },
        itemStyle: { color: colors.accent },
        lineStyle: { color: colors.accent },
      },
    ],
  };
  chart.setOption(
    {
      baseOption: option,
      // A phone's chart (under 400 px) has some 60 px per level: narrower margins and smaller type
      // keep "MODERATE" and "(8,026 days)" apart down to 360 px. ECharts applies this on resizes.
      media: [
        {
          query: { maxWidth: 400 },
          option: {
            grid: { left: 38, right: 38 },
            xAxis: { axisLabel: { fontSize: 10 } },
          },
        },
      ],
    },
    { notMerge: true },
  );
}

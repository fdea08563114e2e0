// Regime statistics: share of days per VIX regime (durations in the tooltip) and the day-to-day
// transition matrix as a heatmap of row probabilities.
import { axisStyle, baseOption, chartFor, chartMessage } from '../charts.js';
import { fmt, fmtInt, fmtPct, tooltipNode } from '../format.js';

export function render(section, { view, colors }) {
  const r = view.regimes;
  const barsBox = section.querySelector('[data-panel="regimes"]');
  const heatBox = section.querySelector('[data-panel="transitions"]');
  const title = section.querySelector('h2');
  title.textContent = r.currentName
    ? `Regimes (now ${r.currentName}, ${fmtInt(r.daysInCurrent)} days)`
    : 'Regime statistics';
  if (r.names.length === 0) {
    chartMessage(barsBox, 'The analysis has no regime statistics.');
    chartMessage(heatBox, 'No transition matrix.');
    return;
  }
  const axis = axisStyle(colors);
  const rows = r.names.map((name, k) => ({
    name,
    percentage: r.percentage[k],
    count: r.count[k],
    meanDuration: r.durations[k]?.meanDuration,
    maxDuration: r.durations[k]?.maxDuration,
    runs: r.durations[k]?.runs,
    range:
      k === 0
        ? `VIX < ${fmt(r.bounds[0], 2)}`
        : k === r.names.length - 1
          ? `VIX ≥ ${fmt(r.bounds[k - 1], 2)}`
          : `${fmt(r.bounds[k - 1], 2)} ≤ VIX < ${fmt(r.bounds[k], 2)}`,
  }));
  const bars = chartFor(barsBox);
  bars.setOption(
    {
      ...baseOption(colors),
      dataset: { source: rows },
      // containLabel leaves out the bars' own labels: room on the right for "100.0%".
      grid: { left: 8, right: 52, top: 8, bottom: 24, containLabel: true },
      tooltip: {
        ...baseOption(colors).tooltip,
        trigger: 'item',
        formatter: (params) =>
          tooltipNode(params.data.name, [
            ['Range', params.data.range],
            ['Days', fmtInt(params.data.count)],
            ['Share', fmtPct(params.data.percentage, 1)],
            ['Mean run', `${fmt(params.data.meanDuration, 1)} days`],
            ['Longest run', `${fmtInt(params.data.maxDuration)} days`],
          ]),
      },
      xAxis: {
        type: 'value',
        name: '% of days',
        nameLocation: 'middle',
        nameGap: 24,
        ...axis,
        nameTextStyle: { color: colors.muted },
      },
      yAxis: { type: 'category', inverse: true, ...axis },
      series: [
        {
          type: 'bar',
          encode: { x: 'percentage', y: 'name' },
          itemStyle: {
            color: (params) => (params.dataIndex === r.current ? colors.accent : colors.series[2]),
          },
          label: {
            show: true,
            position: 'right',
            color: colors.text,
            formatter: (params) => fmtPct(params.data.percentage, 1),
          },
        },
      ],
    },
    { notMerge: true },
  );

  // The cell colour runs from the panel's to the accent: past half way the number is written in
  // the panel's colour (light on dark blue, dark on light blue), else in the text colour.
  const cells = [];
  r.transitionProbability.forEach((row, from) =>
    row.forEach((p, to) => {
      const value = Number.isFinite(p) ? Number((p * 100).toFixed(2)) : null;
      cells.push({
        value: [to, from, value],
        label: { color: value !== null && value > 50 ? colors.panel : colors.text },
      });
    }),
  );
  const heat = chartFor(heatBox);
  heat.setOption(
    {
      ...baseOption(colors),
      // The axes are named by the hint above the chart (row: from, column: to); names on the
      // chart were cut off (to) or sat on the colour scale (from).
      grid: { left: 8, right: 16, top: 8, bottom: 48, containLabel: true },
      tooltip: {
        ...baseOption(colors).tooltip,
        trigger: 'item',
        formatter: (params) => {
          const [to, from, p] = params.data.value;
          return tooltipNode(`${r.names[from]} → ${r.names[to]}`, [
            ['Next-day probability', fmtPct(p, 2)],
            ['Transitions', fmtInt(r.transitions[from]?.[to])],
          ]);
        },
      },
      // Every regime named on both axes (never hidden as overlapping; a phone's cell is some 60 px).
      xAxis: {
        type: 'category',
        data: r.names,
        position: 'top',
        ...axis,
        axisLabel: { ...axis.axisLabel, interval: 0, hideOverlap: false },
        splitArea: { show: false },
      },
      yAxis: {
        type: 'category',
        data: r.names,
        inverse: true,
        ...axis,
        axisLabel: { ...axis.axisLabel, interval: 0, hideOverlap: false },
      },
      visualMap: {
        min: 0,
        max: 100,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 4,
        itemHeight: 120,
        textStyle: { color: colors.muted },
        text: ['100%', '0%'],
        inRange: { color: [colors.panel, colors.accent] },
      },
      series: [
        {
          type: 'heatmap',
          data: cells,
          label: { show: true, formatter: (params) => fmt(params.data.value[2], 1) },
          itemStyle: { borderColor: colors.border, borderWidth: 1 },
        },
      ],
    },
    { notMerge: true },
  );
}

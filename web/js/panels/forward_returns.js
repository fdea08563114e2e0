// Forward returns by level: what the S&P 500 did over the next `horizon` trading days after days
// at each level (mean and median in percent, interquartile range in the tooltip, win rate).
import { axisStyle, baseOption, chartFor, chartMessage, levelColor } from '../charts.js';
import { fmtInt, fmtPct, tooltipNode } from '../format.js';

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
  const rows = byLevel.map((d) => ({
    ...d,
    winRatePct: Number.isFinite(d.winRate) ? d.winRate * 100 : null,
    mean: Number.isFinite(d.mean) ? d.mean : null,
    median: Number.isFinite(d.median) ? d.median : null,
  }));
  chart.setOption(
    {
      ...baseOption(colors),
      dataset: { source: rows },
      grid: { left: 48, right: 48, top: 56, bottom: 28 },
      legend: { top: 0, textStyle: { color: colors.text } },
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
        axisLabel: { ...axis.axisLabel, color: (value) => levelColor(colors, value) },
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
    },
    { notMerge: true },
  );
}

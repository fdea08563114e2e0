// Drivers of the selected day: a waterfall from the model's expected score through each
// feature's TreeSHAP contribution (largest first) to the day's score. Positive = raises the
// anomaly score.
import { axisStyle, baseOption, chartFor, chartMessage } from '../charts.js';
import { fmt, fmtSigned, tooltipNode } from '../format.js';

export function render(section, { state, colors }) {
  const container = section.querySelector('[data-panel="drivers"]');
  const title = section.querySelector('h2');
  const drivers = state.drivers;
  if (state.driversError) {
    title.textContent = 'Drivers of the selected day';
    chartMessage(container, `No explanation: ${state.driversError}`);
    return;
  }
  if (!drivers) {
    title.textContent = 'Drivers of the selected day';
    chartMessage(container, state.selectedIndex >= 0 ? 'Explaining the selected day…'
      : 'Click a day in any chart to see what drives its score.');
    return;
  }
  title.textContent = `Drivers of ${drivers.date ?? 'the selected day'}`;
  const base = Number.isFinite(drivers.base) ? drivers.base : 0;
  const rows = [{ label: 'expected score', offset: 0, bar: base, value: base, kind: 'base' }];
  let running = base;
  for (const item of drivers.items) {
    const next = running + item.value;
    rows.push({ label: item.label, offset: Math.min(running, next), bar: Math.abs(item.value),
                value: item.value, kind: item.value >= 0 ? 'up' : 'down' });
    running = next;
  }
  const output = Number.isFinite(drivers.output) ? drivers.output : running;
  rows.push({ label: 'score', offset: 0, bar: output, value: output, kind: 'total' });
  const color = { base: colors.series[2], total: colors.accent, up: colors.level.HIGH, down: colors.level.NORMAL };
  const axis = axisStyle(colors);
  const chart = chartFor(container);
  chart.setOption({
    ...baseOption(colors),
    dataset: { source: rows },
    grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
    tooltip: {
      ...baseOption(colors).tooltip,
      trigger: 'item',
      formatter: (params) => {
        const d = params.data;
        const rowsOut = d.kind === 'up' || d.kind === 'down'
          ? [['Contribution', fmtSigned(d.value, 4)], ['Running score', fmt(d.offset + (d.kind === 'up' ? d.bar : 0), 4)]]
          : [['Value', fmt(d.value, 4)]];
        return tooltipNode(d.label, rowsOut);
      },
    },
    xAxis: { type: 'value', scale: true, ...axis },
    yAxis: { type: 'category', inverse: true, ...axis,
             axisLabel: { ...axis.axisLabel, width: 170, overflow: 'truncate' } },
    series: [
      { type: 'bar', stack: 'w', encode: { x: 'offset', y: 'label' }, silent: true,
        itemStyle: { color: 'transparent' }, tooltip: { show: false } },
      { type: 'bar', stack: 'w', encode: { x: 'bar', y: 'label' },
        itemStyle: { color: (params) => color[params.data.kind] },
        label: { show: true, position: 'right', color: colors.muted, fontSize: 10,
                 formatter: (params) => (params.data.kind === 'up' || params.data.kind === 'down'
                   ? fmtSigned(params.data.value, 3) : fmt(params.data.value, 3)) } },
    ],
  }, { notMerge: true });
}

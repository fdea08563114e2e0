// Drivers of the selected day: a waterfall of each input's TreeSHAP contribution, as the core
// ranked them (largest first), to their total. Positive = pushed the day towards anomalous.
import { axisStyle, baseOption, chartFor, chartMessage } from '../charts.js';
import { fmt, fmtSigned, tooltipNode } from '../format.js';

const ROW_PX = 30; // a row of the waterfall: room for a label on two lines

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
    chartMessage(
      container,
      state.selectedIndex >= 0
        ? 'Explaining the selected day…'
        : 'Click a day in any chart to see what drives its score.',
    );
    return;
  }
  title.textContent = `Drivers of ${drivers.date ?? 'the selected day'}`;
  // The contributions start from the training days' average (0) and add up to the total.
  const rows = [];
  let running = 0;
  for (const item of drivers.items) {
    const next = running + item.value;
    rows.push({
      label: item.label,
      low: Math.min(running, next),
      high: Math.max(running, next),
      value: item.value,
      kind: item.value >= 0 ? 'up' : 'down',
      running: next,
      detectors: item.detectors.join(', '),
    });
    running = next;
  }
  const output = Number.isFinite(drivers.output) ? drivers.output : running;
  rows.push({
    label: 'total',
    low: Math.min(0, output),
    high: Math.max(0, output),
    value: output,
    kind: 'total',
  });
  section.querySelector('.hint').textContent =
    'Each bar is how far one input pushed this day towards "anomalous" (right) or "normal" ' +
    '(left): how many fewer splits the forests needed to isolate the day than an average ' +
    `training day, averaged over the ${fmt(drivers.explained, 0)} detectors that explain it. ` +
    'The total is their sum. Click a day in any chart to explain it.';
  const color = {
    total: colors.accent,
    up: colors.level.HIGH,
    down: colors.level.NORMAL,
  };
  const axis = axisStyle(colors);
  // Room for a two-line label per row (never shorter than the stylesheet's height), set before
  // the chart is laid out at it: ECharts hides category labels that would overlap.
  container.style.height = '';
  const rowsHeight = rows.length * ROW_PX + 40;
  if (rowsHeight > container.clientHeight) container.style.height = `${rowsHeight}px`;
  const chart = chartFor(container);
  chart.setOption(
    {
      ...baseOption(colors),
      dataset: { source: rows },
      grid: { left: 8, right: 52, top: 8, bottom: 24, containLabel: true },
      tooltip: {
        ...baseOption(colors).tooltip,
        trigger: 'item',
        formatter: (params) => {
          const d = params.data;
          const rowsOut =
            d.kind === 'up' || d.kind === 'down'
              ? [
                  ['Contribution', fmtSigned(d.value, 4)],
                  ['Running total', fmt(d.running, 4)],
                  ...(d.detectors ? [['Detectors', d.detectors]] : []),
                ]
              : [['Total', fmtSigned(d.value, 4)]];
          return tooltipNode(d.label, rowsOut);
        },
      },
      xAxis: { type: 'value', ...axis },
      yAxis: {
        type: 'category',
        inverse: true,
        ...axis,
        // The catalogue's labels ("S&P 500 realized volatility, 21 days") wrap, never cut.
        axisLabel: {
          ...axis.axisLabel,
          width: 190,
          overflow: 'break',
          lineHeight: 12,
          interval: 0,
          hideOverlap: false,
        },
      },
      // Each bar spans [low, high] on the value axis (custom series: works for any sign, where
      // stacked bars with a transparent base would break below zero).
      series: [
        {
          type: 'custom',
          encode: { x: ['low', 'high'], y: 'label' },
          renderItem: (params, api) => {
            const y = api.value('label');
            const start = api.coord([api.value('low'), y]);
            const end = api.coord([api.value('high'), y]);
            const height = api.size([0, 1])[1] * 0.6;
            const row = rows[params.dataIndex];
            return {
              type: 'rect',
              shape: {
                x: Math.min(start[0], end[0]),
                y: start[1] - height / 2,
                width: Math.max(1, Math.abs(end[0] - start[0])),
                height,
              },
              style: { fill: color[row.kind] },
              textContent: {
                style: {
                  text: fmtSigned(row.value, 3),
                  fill: colors.muted,
                  fontSize: 10,
                },
              },
              textConfig: { position: 'right' },
            };
          },
        },
      ],
    },
    { notMerge: true },
  );
}

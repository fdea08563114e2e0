// VIX history with the regime bands of the analysis (horizontal bands between the regime bounds,
// named), zoom synced with the history chart; click selects a day.
import {
  axisStyle,
  baseOption,
  chartFor,
  selectDayOnPlotClick,
  TIME_GROUP,
  echarts,
} from '../charts.js';
import { fmt, tooltipNode } from '../format.js';
import { dataZoom, nanToNull, selectedLine, zoomWindow } from './history.js';

export function render(section, { view, state, colors, changed }) {
  const container = section.querySelector('[data-panel="vix_history"]');
  const chart = chartFor(container, (params) => params.dataIndex);
  chart.group = TIME_GROUP;
  const { names, bounds } = view.regimes;
  let highest = 0;
  for (const v of view.days.vix) if (v > highest) highest = v;
  // The top band ends at the axis top: a round number above both the data and the last bound.
  const top = Math.ceil((Math.max(highest, bounds[bounds.length - 1] ?? 0) * 1.05) / 10) * 10;
  const edges = [0, ...bounds, top];
  const bands = names.map((name, k) => [
    {
      name,
      yAxis: edges[k],
      itemStyle: { color: colors.regime[k % colors.regime.length] },
      // In the right margin beside its band: inside the plot the VIX line ran over the names.
      label: { color: colors.muted, position: 'right', distance: 4, fontSize: 10 },
    },
    { yAxis: edges[k + 1] ?? top },
  ]);
  const axis = axisStyle(colors);
  chart.setOption(
    {
      ...baseOption(colors),
      dataset: { source: { date: view.dates, vix: Array.from(view.days.vix, nanToNull) } },
      // top: room for the axis name (VIX) above the plot, which 16 px cut off.
      grid: { left: 56, right: 52, top: 28, bottom: 56 },
      tooltip: {
        ...baseOption(colors).tooltip,
        trigger: 'axis',
        formatter: (items) => {
          const i = items[0]?.dataIndex ?? 0;
          return tooltipNode(view.dates[i], [
            ['VIX', fmt(view.days.vix[i], 2), colors.series[0]],
            ['Regime', names[view.days.regime[i]] ?? '–'],
          ]);
        },
      },
      xAxis: { type: 'category', ...axis, splitLine: { show: false } },
      yAxis: {
        type: 'value',
        name: 'VIX',
        min: 0,
        max: top,
        ...axis,
        nameTextStyle: { color: colors.muted },
      },
      dataZoom: dataZoom(zoomWindow(chart, view, state.range, changed), colors),
      series: [
        {
          name: 'VIX',
          type: 'line',
          encode: { x: 'date', y: 'vix' },
          showSymbol: false,
          lineStyle: { width: 1, color: colors.series[0] },
          itemStyle: { color: colors.series[0] },
          markArea: { silent: true, data: bands },
          markLine: {
            silent: true,
            symbol: 'none',
            data: selectedLine(view, state.selectedIndex, colors),
          },
        },
      ],
    },
    { notMerge: true },
  );
  selectDayOnPlotClick(chart);
  echarts.connect(TIME_GROUP);
}

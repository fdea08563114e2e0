// Detector ranking: the selected day's detector scores (calibrated, one-sided: README "Stress
// direction"), highest first, coloured by the same level rule as the ensemble (the model's thresholds).
import {
  axisStyle,
  baseOption,
  chartFor,
  chartMessage,
  levelColor,
  thresholdLines,
} from '../charts.js';
import { fmt, tooltipNode } from '../format.js';

export function render(section, { view, day, colors }) {
  const container = section.querySelector('[data-panel="detectors"]');
  section.querySelector('h2').textContent = day
    ? `Detector ranking, ${day.date}`
    : 'Detector ranking';
  if (!day || day.ranking.length === 0) {
    chartMessage(container, 'No detector scores for this day (warm-up or missing inputs).');
    return;
  }
  const ranking = [...day.ranking].reverse(); // ECharts draws category 0 at the bottom
  const chart = chartFor(container);
  const axis = axisStyle(colors);
  chart.setOption(
    {
      ...baseOption(colors),
      dataset: {
        source: ranking.map((d) => ({
          name: d.name,
          score: d.score,
          level: d.level,
          domain: d.domain,
        })),
      },
      grid: { left: 132, right: 24, top: 22, bottom: 24 },
      tooltip: {
        ...baseOption(colors).tooltip,
        trigger: 'item',
        formatter: (params) =>
          tooltipNode(params.data.name, [
            ['Score', fmt(params.data.score, 3)],
            ['Level', params.data.level],
            ['Domain', params.data.domain || '–'],
          ]),
      },
      xAxis: { type: 'value', min: 0, max: 1, ...axis },
      yAxis: {
        type: 'category',
        ...axis,
        axisLabel: { ...axis.axisLabel, width: 124, overflow: 'truncate', hideOverlap: false },
      },
      series: [
        {
          type: 'bar',
          encode: { x: 'score', y: 'name' },
          itemStyle: { color: (params) => levelColor(colors, params.data.level) },
          markLine: thresholdLines(view.thresholds, colors, 'xAxis'),
        },
      ],
    },
    { notMerge: true },
  );
}

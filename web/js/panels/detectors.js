// Detector ranking: the selected day's detector scores (calibrated, one-sided: README "Stress
// direction"), highest first, coloured by the same level rule as the ensemble (the model's thresholds).
import { axisStyle, baseOption, chartFor, chartMessage, levelColor } from '../charts.js';
import { fmt, tooltipNode } from '../format.js';
import { thresholdLegend } from '../threshold_legend.js';

const ROW_PX = 22;
// left: room for the longest labels ("S&P 500 candles and volume"); top: the legend.
const GRID = { left: 172, right: 24, top: 30, bottom: 24 };

export function render(section, { view, day, colors }) {
  const container = section.querySelector('[data-panel="detectors"]');
  section.querySelector('h2').textContent = day
    ? `Detector ranking, ${day.date}`
    : 'Detector ranking';
  if (!day || day.ranking.length === 0) {
    container.style.height = '';
    chartMessage(container, 'No detector scores for this day (warm-up or missing inputs).');
    return;
  }
  const ranking = [...day.ranking].reverse(); // ECharts draws category 0 at the bottom
  // One row of some 22 px per detector (15 of them overlapped in the stylesheet's 16-18rem), never
  // shorter than the stylesheet's height; set before the chart is laid out at it.
  container.style.height = '';
  const rowsHeight = ranking.length * ROW_PX + GRID.top + GRID.bottom;
  if (rowsHeight > container.clientHeight) container.style.height = `${rowsHeight}px`;
  const chart = chartFor(container);
  const axis = axisStyle(colors);
  // The thresholds are named in the legend: on the plot their labels ran together.
  const marks = thresholdLegend(view.thresholds, colors);
  chart.setOption(
    {
      baseOption: {
        ...baseOption(colors),
        legend: marks.legend,
        dataset: {
          // Rows named by the catalogue's labels (the core's model facts).
          source: ranking.map((d) => ({
            name: d.label ?? d.name,
            score: d.score,
            level: d.level,
            domain: d.domainLabel ?? d.domain,
          })),
        },
        grid: GRID,
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
          axisLabel: {
            ...axis.axisLabel,
            width: GRID.left - 8,
            overflow: 'truncate',
            hideOverlap: false,
          },
        },
        series: [
          {
            type: 'bar',
            encode: { x: 'score', y: 'name' },
            itemStyle: { color: (params) => levelColor(colors, params.data.level) },
          },
          ...marks.series,
        ],
      },
      media: marks.media,
    },
    { notMerge: true },
  );
}

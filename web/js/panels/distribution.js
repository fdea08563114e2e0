// Score distribution: histogram of every day's ensemble score, the model's thresholds and the
// selected day's score as vertical lines.
import { axisStyle, baseOption, chartFor, levelColor } from '../charts.js';
import { fmt, fmtInt, tooltipNode } from '../format.js';
import { levelName } from '../analysis_view.js';
import { thresholdLegend } from '../threshold_legend.js';

const BINS = 50; // bins of width 0.02 over the score range [0, 1]

export function render(section, { view, day, colors }) {
  const chart = chartFor(section.querySelector('[data-panel="distribution"]'));
  const counts = new Array(BINS).fill(0);
  // Per bin, how many of its days the core classified at each level (NORMAL..CRITICAL): a bin
  // is coloured by its commonest level, so the page shows the core's classification.
  const levelCounts = Array.from({ length: BINS }, () => [0, 0, 0, 0]);
  let total = 0;
  view.days.score.forEach((s, i) => {
    if (!Number.isFinite(s)) return;
    const bin = Math.min(BINS - 1, Math.max(0, Math.floor(s * BINS)));
    counts[bin]++;
    if (view.days.level[i] >= 0) levelCounts[bin][view.days.level[i]]++;
    total++;
  });
  const t = view.thresholds;
  const bins = counts.map((count, k) => {
    const center = (k + 0.5) / BINS;
    const mode = levelCounts[k].indexOf(Math.max(...levelCounts[k]));
    return {
      center: Number(center.toFixed(3)),
      count,
      share: total ? count / total : 0,
      level: count ? levelName(mode) : levelName(-1),
    };
  });
  // The thresholds are named in the legend (their labels on the plot ran together); only the
  // selected day's line is labelled on the plot, with its date.
  const marks = thresholdLegend(t, colors);
  const dayLine =
    day && Number.isFinite(day.score)
      ? [
          {
            name: day.date,
            xAxis: day.score,
            lineStyle: { color: colors.text, width: 2, type: 'solid' },
            label: {
              formatter: day.date,
              color: colors.text,
              fontSize: 10,
              position: 'end',
              // Near either end of the axis the date is written away from the edge (centred it
              // was cut off by the chart's border).
              align: day.score > 0.85 ? 'right' : day.score < 0.15 ? 'left' : 'center',
            },
          },
        ]
      : [];
  const axis = axisStyle(colors);
  chart.setOption(
    {
      baseOption: {
        ...baseOption(colors),
        legend: marks.legend,
        dataset: { source: bins },
        grid: { left: 48, right: 16, top: 44, bottom: 28 },
        tooltip: {
          ...baseOption(colors).tooltip,
          trigger: 'item',
          formatter: (params) =>
            tooltipNode(
              `score ${fmt(params.data.center - 0.5 / BINS, 2)}–${fmt(params.data.center + 0.5 / BINS, 2)}`,
              [
                ['Days', fmtInt(params.data.count)],
                ['Share', `${fmt(params.data.share * 100, 1)}%`],
                ['Level', params.data.level],
              ],
            ),
        },
        xAxis: { type: 'value', min: 0, max: 1, ...axis },
        yAxis: { type: 'value', name: 'days', ...axis, nameTextStyle: { color: colors.muted } },
        series: [
          {
            type: 'bar',
            encode: { x: 'center', y: 'count' },
            barWidth: '90%',
            barCategoryGap: '0%',
            itemStyle: { color: (params) => levelColor(colors, params.data.level) },
            markLine: { silent: true, symbol: 'none', data: dayLine },
          },
          ...marks.series,
        ],
      },
      media: marks.media,
    },
    { notMerge: true },
  );
}

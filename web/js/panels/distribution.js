// Score distribution: histogram of every day's ensemble score, the model's thresholds and the
// selected day's score as vertical lines.
import { axisStyle, baseOption, chartFor, levelColor } from '../charts.js';
import { fmt, fmtInt, tooltipNode } from '../format.js';
import { levelName } from '../analysis_view.js';

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
  const line = (name, value, color, width = 1, type = 'dashed') => ({
    name,
    xAxis: value,
    lineStyle: { color, width, type },
    label: { formatter: name, color, fontSize: 10, position: 'end' },
  });
  const marks = [
    line('MOD', t.moderate, colors.level.MODERATE),
    line('HIGH', t.high, colors.level.HIGH),
    line('CRIT', t.critical, colors.level.CRITICAL),
  ];
  if (day && Number.isFinite(day.score))
    marks.push(line(day.date, day.score, colors.text, 2, 'solid'));
  const axis = axisStyle(colors);
  chart.setOption(
    {
      ...baseOption(colors),
      dataset: { source: bins },
      grid: { left: 48, right: 16, top: 28, bottom: 28 },
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
          markLine: { silent: true, symbol: 'none', data: marks },
        },
      ],
    },
    { notMerge: true },
  );
}

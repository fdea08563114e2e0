// The model's thresholds as vertical dashed lines on a score axis, named in the chart's legend
// rather than on the plot: the three lines can sit a few pixels apart (a phone, close thresholds),
// where labels on the plot would run together; a legend never overlaps.
import { fmt } from './format.js';

const LEVELS = [
  ['MODERATE', 'MOD', 'moderate'],
  ['HIGH', 'HIGH', 'high'],
  ['CRITICAL', 'CRIT', 'critical'],
];

/**
 * `{ legend, series, media }` for a chart whose x axis is the score: one empty line series per
 * threshold carrying its markLine (so the legend draws its dashed line in its colour), and the
 * legend naming each "MODERATE 0.620" (below 400 px wide "MOD 0.620", see `media`, an ECharts
 * media list to give setOption). The legend cannot hide the lines (selectedMode off).
 */
export function thresholdLegend(thresholds, colors, legendOption = {}) {
  const valueOf = Object.fromEntries(LEVELS.map(([name, , key]) => [name, thresholds[key]]));
  const shortOf = Object.fromEntries(LEVELS.map(([name, short]) => [name, short]));
  const label = (name, short) => `${short ? shortOf[name] : name} ${fmt(valueOf[name], 3)}`;
  const series = LEVELS.map(([name, , key]) => {
    const color = colors.level[name];
    const lineStyle = { color, type: 'dashed', width: 1 };
    return {
      name,
      type: 'line',
      data: [],
      symbol: 'none',
      silent: true,
      lineStyle,
      itemStyle: { color },
      markLine: {
        silent: true,
        symbol: 'none',
        label: { show: false },
        data: Number.isFinite(thresholds[key]) ? [{ xAxis: thresholds[key], lineStyle }] : [],
      },
    };
  });
  const legend = {
    data: LEVELS.map(([name]) => name),
    selectedMode: false,
    top: 0,
    // A dashed line, as on the plot (a line series' own icon is a line with a dot).
    icon: 'path://M0,0h5v2H0zM7,0h5v2H7zM14,0h5v2h-5z',
    itemWidth: 19,
    itemHeight: 2,
    itemGap: 12,
    textStyle: { color: colors.muted, fontSize: 11 },
    formatter: (name) => label(name, false),
    ...legendOption,
  };
  const media = [
    { query: { maxWidth: 400 }, option: { legend: { formatter: (name) => label(name, true) } } },
  ];
  return { legend, series, media };
}

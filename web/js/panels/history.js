// History: S&P 500 (left axis) and the ensemble score (right axis) with the model's threshold
// lines; range buttons (1M … ALL) and a zoom synced with the VIX chart; click selects a day.
import {
  axisStyle,
  baseOption,
  chartFor,
  selectDayOnPlotClick,
  thresholdLines,
  TIME_GROUP,
  echarts,
} from '../charts.js';
import { fmt, tooltipNode } from '../format.js';
import { levelName } from '../analysis_view.js';

const RANGE_MONTHS = { '1M': 1, '3M': 3, '6M': 6, '1Y': 12, '5Y': 60 };

/** [startIndex, endIndex] of a range button over the view's dates (calendar months back). */
export function rangeIndices(view, range) {
  const end = view.lastIndex >= 0 ? view.lastIndex : view.n - 1;
  const months = RANGE_MONTHS[range];
  if (!months) return [0, view.n - 1];
  const last = new Date(`${view.dates[end]}T00:00:00Z`);
  last.setUTCMonth(last.getUTCMonth() - months);
  const from = last.toISOString().slice(0, 10);
  let start = end;
  while (start > 0 && view.dates[start - 1] >= from) start--;
  return [start, view.n - 1];
}

/** The zoom window currently shown by a chart, as [startIndex, endIndex], or null. */
function currentZoom(chart) {
  const zoom = chart.getOption()?.dataZoom?.[0];
  if (!zoom || zoom.startValue === undefined) return null;
  return [zoom.startValue, zoom.endValue];
}

/** Builds the time-axis zoom for a chart: the range, or the window the reader zoomed to. */
export function zoomWindow(chart, view, range, changed) {
  const keep = !changed.has('range') && !changed.has('view') && currentZoom(chart);
  return keep || rangeIndices(view, range);
}

export function dataZoom([startValue, endValue], colors) {
  return [
    // 'filter': the value axes rescale to the days in the window.
    { type: 'inside', xAxisIndex: 0, startValue, endValue, filterMode: 'filter' },
    {
      type: 'slider',
      xAxisIndex: 0,
      startValue,
      endValue,
      filterMode: 'filter',
      height: 18,
      bottom: 6,
      borderColor: colors.border,
      textStyle: { color: colors.muted },
      labelFormatter: (value, text) => text,
    },
  ];
}

/**
 * The selected day's vertical line, its date inside the plot along the line (above it the date
 * ran into the legend and the axis): at the line's top end, or at its foot with
 * `position` 'insideStartTop' where the top right holds the threshold labels (this chart).
 */
export function selectedLine(view, selectedIndex, colors, position = 'insideEndTop') {
  if (selectedIndex < 0 || selectedIndex >= view.n) return [];
  return [
    {
      xAxis: view.dates[selectedIndex],
      lineStyle: { color: colors.accent, type: 'solid', width: 1 },
      label: {
        formatter: view.dates[selectedIndex],
        position,
        color: colors.accent,
        fontSize: 10,
      },
    },
  ];
}

const LEVELS = ['NORMAL', 'MODERATE', 'HIGH', 'CRITICAL'];

/**
 * The score split by the core's level of each day (`level` column): one array per level, with
 * the score where the segment ending on that day has the level (so each segment is drawn once,
 * in the colour of the day it reaches, and the line stays unbroken). ECharts can colour a line
 * only by an axis dimension, not by another column, hence one series per level.
 */
export function scoreByLevel(view) {
  const { score, level } = view.days;
  const out = LEVELS.map(() => new Array(view.n).fill(null));
  for (let t = 0; t < view.n; t++) {
    if (!Number.isFinite(score[t])) continue;
    if (level[t] >= 0) out[level[t]][t] = score[t];
    const next = level[t + 1];
    if (t + 1 < view.n && next >= 0 && next !== level[t]) out[next][t] = score[t];
  }
  return out;
}

export function render(section, { view, state, colors, changed }) {
  const container = section.querySelector('[data-panel="history"]');
  const chart = chartFor(container, (params) => params.dataIndex);
  chart.group = TIME_GROUP;
  const t = view.thresholds;
  const window = zoomWindow(chart, view, state.range, changed);
  const axis = axisStyle(colors);
  chart.setOption(
    {
      ...baseOption(colors),
      dataset: {
        source: {
          date: view.dates,
          spx: Array.from(view.days.spx, nanToNull),
          ...Object.fromEntries(scoreByLevel(view).map((values, k) => [`score${k}`, values])),
        },
      },
      grid: { left: 56, right: 52, top: 28, bottom: 56 },
      legend: {
        top: 0,
        textStyle: { color: colors.text },
        data: [
          'S&P 500',
          // The score's colours are the levels'; the legend shows the NORMAL one.
          { name: 'Ensemble score', itemStyle: { color: colors.level.NORMAL } },
        ],
      },
      tooltip: {
        ...baseOption(colors).tooltip,
        trigger: 'axis',
        formatter: (items) => {
          const i = items[0]?.dataIndex ?? 0;
          const score = view.days.score[i];
          return tooltipNode(view.dates[i], [
            ['S&P 500', fmt(view.days.spx[i], 2), colors.series[0]],
            [
              'Ensemble score',
              fmt(score, 3),
              colors.level[levelName(view.days.level[i])] ?? colors.level.UNAVAILABLE,
            ],
            ['Level', levelName(view.days.level[i])],
          ]);
        },
      },
      xAxis: { type: 'category', ...axis, splitLine: { show: false } },
      yAxis: [
        // The legend names the two axes (S&P 500 left, score right): no axis names to collide with it.
        { type: 'value', scale: true, ...axis },
        { type: 'value', min: 0, max: 1, ...axis, splitLine: { show: false } },
      ],
      dataZoom: dataZoom(window, colors),
      series: [
        {
          name: 'S&P 500',
          type: 'line',
          encode: { x: 'date', y: 'spx' },
          yAxisIndex: 0,
          showSymbol: false,
          lineStyle: { width: 1.2, color: colors.series[0] },
          itemStyle: { color: colors.series[0] },
          markLine: {
            silent: true,
            symbol: 'none',
            // At its foot: today's line is at the right end, under the threshold labels.
            data: selectedLine(view, state.selectedIndex, colors, 'insideStartTop'),
          },
        },
        // The score, coloured by the core's level of each day (one series per level).
        ...LEVELS.map((name, k) => ({
          name: 'Ensemble score',
          type: 'line',
          encode: { x: 'date', y: `score${k}` },
          yAxisIndex: 1,
          showSymbol: false,
          lineStyle: { width: 1, color: colors.level[name] },
          itemStyle: { color: colors.level[name] },
          ...(k === 0 ? { markLine: thresholdLines(t, colors) } : {}),
        })),
      ],
    },
    { notMerge: true },
  );
  selectDayOnPlotClick(chart);
  echarts.connect(TIME_GROUP);
}

export function nanToNull(x) {
  return Number.isFinite(x) ? x : null;
}

// The ticker view's chart: candlesticks and volume of one ticker on a category axis of the
// market's local-time labels (so nights, lunch breaks and weekends take no room), optional VWAP
// and Bollinger overlays, and red triangles at the bars the core matched anomalies to. Every
// figure comes from the core (worker_ticker.js); this file only draws.
import { axisStyle, baseOption, chartFor, palette } from '../charts.js';
import { fmt, fmtInt, tooltipNode } from '../format.js';

const UP = '#2e7d32';
const DOWN = '#c62828';
const MARKER = '#e00000';

const orDash = (x) => (Number.isFinite(x) ? x : '-');
const line = (name, values, color, dashed = false) => ({
  name,
  type: 'line',
  data: Array.from(values, orDash),
  showSymbol: false,
  silent: true,
  lineStyle: { width: 1.2, color, type: dashed ? 'dashed' : 'solid' },
  itemStyle: { color },
});

/** The markPoint data of the markers shown: [{coord: [bar, price], bar, datetime, flagged}]. */
export function markerPoints(view, show) {
  if (!show) return [];
  return view.markers.map((m) => ({
    coord: [m.bar, m.price],
    value: m.flagged ? 'flagged' : 'review',
    bar: m.bar,
    datetime: m.datetime,
    flagged: m.flagged,
  }));
}

function tooltipOf(view) {
  const c = view.columns;
  return (params) => {
    const list = Array.isArray(params) ? params : [params];
    const i = list[0]?.dataIndex;
    if (!Number.isInteger(i)) return '';
    const rows = [
      ['Open', fmt(c.open[i])],
      ['High', fmt(c.high[i])],
      ['Low', fmt(c.low[i])],
      ['Close', fmt(c.close[i])],
      ['Volume', fmtInt(c.volume[i])],
      ['Score', fmt(c.score[i], 3)],
    ];
    if (c.flagged[i]) rows.push(['Flagged', 'yes', MARKER]);
    return tooltipNode(`${view.labels[i]} (${view.market} local time)`, rows);
  };
}

/**
 * Draws the view in `container`; `options`: {markers, vwap, bollinger} booleans, `onBar(index)`
 * when a candle or a marker is clicked. Returns the number of markers drawn.
 */
export function drawTickerChart(container, view, options, onBar) {
  const colors = palette();
  const c = view.columns;
  const n = view.labels.length;
  const candles = Array.from({ length: n }, (_, i) => [c.open[i], c.close[i], c.low[i], c.high[i]]);
  const volume = Array.from({ length: n }, (_, i) => ({
    value: orDash(c.volume[i]),
    itemStyle: { color: c.close[i] >= c.open[i] ? UP : DOWN, opacity: 0.55 },
  }));
  const points = markerPoints(view, options.markers);
  const series = [
    {
      name: 'Price',
      type: 'candlestick',
      data: candles,
      itemStyle: { color: UP, color0: DOWN, borderColor: UP, borderColor0: DOWN },
      markPoint: {
        symbol: 'triangle',
        symbolSize: 12,
        label: { show: false },
        itemStyle: { color: MARKER, borderColor: '#ffffff', borderWidth: 1 },
        data: points,
      },
    },
    {
      name: 'Volume',
      type: 'bar',
      xAxisIndex: 1,
      yAxisIndex: 1,
      data: volume,
      barMaxWidth: 8,
    },
  ];
  if (options.vwap) series.push(line('VWAP (20)', c.vwap, colors.series[1]));
  if (options.bollinger) {
    series.push(line('Bollinger upper', c.bb_upper, colors.series[2], true));
    series.push(line('Bollinger middle', c.bb_mid, colors.series[2]));
    series.push(line('Bollinger lower', c.bb_lower, colors.series[2], true));
  }
  const axis = axisStyle(colors);
  const narrow = container.clientWidth < 600;
  const left = narrow ? 44 : 64;
  // The latest bars first (a phone shows fewer): the slider reaches the rest.
  const shown = narrow ? 150 : 400;
  const start = n > shown ? Math.round(100 * (1 - shown / n)) : 0;
  const chart = chartFor(container);
  chart.setOption(
    {
      ...baseOption(colors),
      tooltip: {
        ...baseOption(colors).tooltip,
        trigger: 'axis',
        axisPointer: { type: 'cross' },
        formatter: tooltipOf(view),
      },
      axisPointer: { link: [{ xAxisIndex: 'all' }] },
      grid: [
        { left, right: 12, top: 12, bottom: '34%' },
        { left, right: 12, top: '70%', bottom: 58 },
      ],
      xAxis: [
        {
          type: 'category',
          data: view.labels,
          boundaryGap: true,
          ...axis,
          splitLine: { show: false },
        },
        {
          type: 'category',
          gridIndex: 1,
          data: view.labels,
          boundaryGap: true,
          ...axis,
          axisLabel: { show: false },
          splitLine: { show: false },
        },
      ],
      yAxis: [
        { scale: true, ...axis },
        {
          gridIndex: 1,
          scale: true,
          splitNumber: 2,
          ...axis,
          axisLabel: {
            ...axis.axisLabel,
            showMaxLabel: false, // clear of the price chart's time labels above it
            formatter: (v) => Intl.NumberFormat('en', { notation: 'compact' }).format(v),
          },
        },
      ],
      dataZoom: [
        { type: 'inside', xAxisIndex: [0, 1], start, end: 100 },
        { type: 'slider', xAxisIndex: [0, 1], start, end: 100, bottom: 8, height: 22 },
      ],
      series,
    },
    { notMerge: true },
  );
  chart.on('click', (params) => {
    if (params.componentType === 'markPoint' && Number.isInteger(params.data?.bar))
      onBar(params.data.bar);
    else if (params.seriesType === 'candlestick' && Number.isInteger(params.dataIndex))
      onBar(params.dataIndex);
  });
  container.dataset.markers = String(points.length);
  container.dataset.markerTimes = JSON.stringify(
    points.filter((p) => p.flagged).map((p) => view.times[p.bar]),
  );
  return points.length;
}

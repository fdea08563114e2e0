// ECharts plumbing shared by the panels: one chart instance per container, colours read from the
// page's CSS variables (so both themes match the page), click-to-select-a-day wiring, and the
// zoom group that keeps the time-series charts in sync.
import * as echarts from '../vendor/echarts.esm.min.mjs';

export { echarts };

/** Charts whose dataZoom moves together (history and VIX history). */
export const TIME_GROUP = 'vixray-time';

let onSelectDay = () => {};
export function setDaySelectionHandler(handler) {
  onSelectDay = handler;
}

/** The theme palette, read from the CSS variables of the current theme. */
export function palette() {
  const css = getComputedStyle(document.documentElement);
  const v = (name) => css.getPropertyValue(name).trim();
  return {
    text: v('--text'),
    muted: v('--muted'),
    border: v('--border'),
    grid: v('--grid'),
    panel: v('--panel'),
    accent: v('--accent'),
    series: [v('--series-1'), v('--series-2'), v('--series-3')],
    level: {
      NORMAL: v('--level-normal'),
      MODERATE: v('--level-moderate'),
      HIGH: v('--level-high'),
      CRITICAL: v('--level-critical'),
      UNAVAILABLE: v('--level-unavailable'),
    },
    regime: [v('--regime-0'), v('--regime-1'), v('--regime-2'), v('--regime-3')],
  };
}

/** Options every chart shares (text colours, tooltip frame, animation off for fast redraws). */
export function baseOption(colors) {
  return {
    backgroundColor: 'transparent',
    animation: false,
    // A generated text description of each chart for screen readers (aria-label).
    aria: { enabled: true },
    textStyle: { color: colors.text, fontFamily: 'system-ui, sans-serif' },
    tooltip: {
      backgroundColor: colors.panel,
      borderColor: colors.border,
      textStyle: { color: colors.text },
      confine: true,
    },
  };
}

export function axisStyle(colors) {
  return {
    axisLine: { lineStyle: { color: colors.border } },
    axisLabel: { color: colors.muted, hideOverlap: true },
    splitLine: { lineStyle: { color: colors.grid } },
  };
}

const observed = new WeakSet();
// A ResizeObserver reports every element once when it starts observing it, right after the chart
// was created at that very size: a resize then would lay the whole chart out a second time (the
// history chart's 9,000 days cost ~50 ms), so only a real change of size resizes.
const resizeObserver = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const chart = echarts.getInstanceByDom(entry.target);
    if (!chart) continue;
    const { clientWidth, clientHeight } = entry.target;
    if (chart.getWidth() === clientWidth && chart.getHeight() === clientHeight) continue;
    chart.resize();
  }
});

/**
 * The chart of a container (created on first use). `dayIndexOf(params)` maps a click to a day
 * index of the AnalysisView (or null): clicking that day selects it in every panel.
 */
export function chartFor(container, dayIndexOf = null) {
  let chart = echarts.getInstanceByDom(container);
  if (!chart) {
    container.replaceChildren();
    chart = echarts.init(container, null, { renderer: 'canvas' });
    if (!observed.has(container)) {
      resizeObserver.observe(container);
      observed.add(container);
    }
  }
  chart.off('click');
  chart.getZr().off('click');
  if (dayIndexOf) {
    chart.on('click', (params) => {
      const index = dayIndexOf(params);
      if (Number.isInteger(index) && index >= 0) onSelectDay(index);
    });
  }
  return chart;
}

/**
 * Time charts (category x axis of view.dates from `offset`): a click anywhere in the plot area
 * selects the nearest day, so thin lines need no pixel-exact click.
 */
export function selectDayOnPlotClick(chart, offset = 0) {
  chart.getZr().on('click', (event) => {
    const point = [event.offsetX, event.offsetY];
    if (!chart.containPixel({ gridIndex: 0 }, point)) return;
    const [x] = chart.convertFromPixel({ gridIndex: 0 }, point);
    const index = Math.round(x) + offset;
    if (Number.isInteger(index) && index >= 0) onSelectDay(index);
  });
}

/** Shows a readable message in a chart container instead of a chart. */
export function chartMessage(container, text) {
  echarts.getInstanceByDom(container)?.dispose();
  const box = document.createElement('div');
  box.className = 'chart-message';
  box.textContent = text;
  container.replaceChildren(box);
}

/** Disposes the chart of a container and stops watching its size (a container being removed). */
export function releaseChart(container) {
  echarts.getInstanceByDom(container)?.dispose();
  resizeObserver.unobserve(container);
  observed.delete(container);
}

/** Disposes every chart (theme change: they are recreated with the new palette). */
export function disposeAll(root = document) {
  for (const node of root.querySelectorAll('[data-panel]')) {
    echarts.getInstanceByDom(node)?.dispose();
  }
}

/** A threshold markLine set (moderate, high, critical) from the model's thresholds. */
export function thresholdLines(thresholds, colors, axis = 'yAxis') {
  // Horizontal lines have room for "HIGH 0.759"; vertical ones (close together) get short names.
  const horizontal = axis === 'yAxis';
  const line = (name, short, value, color) => ({
    name,
    [axis]: value,
    lineStyle: { color, type: 'dashed', width: 1 },
    label: {
      formatter: horizontal ? `${name} ${value.toFixed(3)}` : short,
      color,
      position: horizontal ? 'insideEndTop' : 'end',
      fontSize: 10,
    },
  });
  return {
    silent: true,
    symbol: 'none',
    data: [
      line('MODERATE', 'MOD', thresholds.moderate, colors.level.MODERATE),
      line('HIGH', 'HIGH', thresholds.high, colors.level.HIGH),
      line('CRITICAL', 'CRIT', thresholds.critical, colors.level.CRITICAL),
    ],
  };
}

/** Colour of a level name in the current palette. */
export function levelColor(colors, name) {
  return colors.level[name] ?? colors.level.UNAVAILABLE;
}

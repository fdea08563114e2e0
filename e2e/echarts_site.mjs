// The ECharts the site ships (vendor/echarts.esm.min.mjs, bundled and minified by `make site`):
// ECharts' core with only the chart types, components and features the dashboard and the ticker
// view draw with, so the page evaluates about half of the full build's code before its first
// chart. Its exports are echarts/core's (init, connect, getInstanceByDom, ...), as the full ESM
// build's. A chart type or component used by a panel and missing here is drawn without it:
// compare screenshots of the site against the full build when adding one (bench/RESULTS.md,
// "the first visit"). The standalone report inlines the full build (echarts.min.js).
import { use } from 'echarts/core';
import { BarChart, CandlestickChart, CustomChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  AxisPointerComponent,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  DatasetComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { LabelLayout, LegacyGridContainLabel } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

export * from 'echarts/core';

use([
  BarChart,
  CandlestickChart,
  CustomChart,
  HeatmapChart,
  LineChart,
  AriaComponent,
  AxisPointerComponent,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  DatasetComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  LabelLayout,
  LegacyGridContainLabel,
  CanvasRenderer,
]);

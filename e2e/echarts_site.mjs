// The ECharts the site ships (vendor/echarts.esm.min.mjs, bundled and minified by `make site`):
// ECharts' core with only the chart types, components and features the dashboard and the ticker
// view draw with, so the page evaluates about half of the full build's code before its first
// chart. Its exports are echarts/core's (init, connect, getInstanceByDom, ...), as the full ESM
// build's. A chart type or component used by a panel and missing here is drawn without it:
// compare screenshots of the site against the full build when adding one (bench/RESULTS.md,
// "the first visit"). The standalone report inlines the full build (echarts.min.js).
// Each chart type and component registers itself on import (echarts/lib/<kind>/<name>.js runs
// use() on the same install function that echarts/charts and echarts/components export), so
// each is named once; the features and the renderer have no such module and are installed here.
import { use } from 'echarts/core';
import 'echarts/lib/chart/bar.js';
import 'echarts/lib/chart/candlestick.js';
import 'echarts/lib/chart/custom.js';
import 'echarts/lib/chart/heatmap.js';
import 'echarts/lib/chart/line.js';
import 'echarts/lib/component/aria.js';
import 'echarts/lib/component/axisPointer.js';
import 'echarts/lib/component/dataZoomInside.js';
import 'echarts/lib/component/dataZoomSlider.js';
import 'echarts/lib/component/dataset.js';
import 'echarts/lib/component/graphic.js';
import 'echarts/lib/component/grid.js';
import 'echarts/lib/component/legend.js';
import 'echarts/lib/component/markArea.js';
import 'echarts/lib/component/markLine.js';
import 'echarts/lib/component/markPoint.js';
import 'echarts/lib/component/title.js';
import 'echarts/lib/component/tooltip.js';
import 'echarts/lib/component/visualMap.js';
import { LabelLayout, LegacyGridContainLabel } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

export * from 'echarts/core';

use([LabelLayout, LegacyGridContainLabel, CanvasRenderer]);

// The standalone report's one classic script (bundled by e2e/build_report.mjs): the dashboard
// (main.js) and its worker's handlers (worker.js), which here run on the page's main thread
// behind the same message interface (see host.js in this folder).
import '../js/worker.js';
import '../js/main.js';

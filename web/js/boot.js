// Loaded by index.html before main.js (as an async module with no heavy imports): starts the
// worker, so the WebAssembly core compiles and the data downloads while the dashboard's modules
// (ECharts, about 1 MB, and the panels) are still loading.
import { startEarly } from './worker_client.js';

startEarly();

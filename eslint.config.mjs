// ESLint flat config of the project's JavaScript (make check-format runs it from the repository
// root as e2e/node_modules/.bin/eslint --config eslint.config.mjs ...). The npm packages live in
// e2e/ (the project's only npm package), so they are resolved from there.
import { createRequire } from 'node:module';

const require = createRequire(new URL('./e2e/package.json', import.meta.url));
const js = require('@eslint/js');
const globals = require('globals');

export default [
  {
    ignores: [
      'build/**',
      '**/node_modules/**',
      'e2e/test-results/**',
      'e2e/playwright-report/**',
      'e2e/screenshots/**',
    ],
  },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `const { text, ...rest } = o` is how the code drops a key from a copy.
      'no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  // The dashboard: the page, its module workers (worker.js, scorer.js) and the report's stand-ins.
  {
    files: ['web/**/*.{js,mjs}'],
    languageOptions: { globals: globals.browser },
  },
  // The npm module runs in browsers and in Node.
  {
    files: ['wasm/*.mjs'],
    languageOptions: { globals: globals['shared-node-browser'] },
  },
  // Node: the wasm tests, the benchmarks, the e2e scripts and the Playwright tests and scripts
  // (whose page.evaluate callbacks run in the browser).
  {
    files: ['wasm/test/**/*.{js,mjs}', 'bench/*.mjs', 'e2e/**/*.{js,mjs}', 'eslint.config.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: [
      'e2e/tests/**/*.{js,mjs}',
      'e2e/perf.mjs',
      'e2e/shots.mjs',
      'e2e/ticker_shots.mjs',
      'e2e/model_health_shots.mjs',
    ],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  // The fixture worker stands in for web/js/worker.js; the tests substitute __THRESHOLDS__ in its
  // text before serving it.
  {
    files: ['e2e/fixtures/**/*.js'],
    languageOptions: {
      globals: { ...globals.worker, __THRESHOLDS__: 'readonly' },
    },
  },
];

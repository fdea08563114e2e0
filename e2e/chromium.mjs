// Debian's Chromium, headless, as the screenshot scripts launch it (shots.mjs, ticker_shots.mjs).
import { chromium } from '@playwright/test';

// Playwright's own --disable-features list (@playwright/test 1.65.1, playwright-core's
// chromiumSwitches): Chromium keeps only the last --disable-features it is given, so the list
// below repeats Playwright's and adds to it (tests/browser.spec.mjs checks it is Playwright's).
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];
// Chromium 156 builds each new window's omnibox popup as a WebUI page in a renderer of its own
// (--top-chrome-webui): ~500 ms of CPU per window, and every Playwright context is a new window,
// so on two cores each measured load shared the CPU with it. A reader's browser built it when
// its window opened, not when the page loads. CHROMIUM_WINDOW_UI=1 keeps it (to compare).
export const WINDOW_UI_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/** The launch options of Debian's Chromium, headless, for every script and the Playwright config. */
export const CHROMIUM_OPTIONS = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(process.env.CHROMIUM_WINDOW_UI === '1'
      ? []
      : [
          `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...WINDOW_UI_FEATURES].join(',')}`,
        ]),
  ],
};

/**
 * CHROMIUM_JS_FLAGS=<V8 flags> adds `--js-flags=<V8 flags>` (measurements only, e.g. perf.mjs
 * with `--no-liftoff` to see what V8's baseline WebAssembly tier costs a first visit).
 */
export function launchChromium() {
  const jsFlags = process.env.CHROMIUM_JS_FLAGS;
  if (!jsFlags) return chromium.launch(CHROMIUM_OPTIONS);
  return chromium.launch({
    ...CHROMIUM_OPTIONS,
    args: [...CHROMIUM_OPTIONS.args, `--js-flags=${jsFlags}`],
  });
}

// The elements under `selector` whose content is wider than they show (a layout the screenshot
// scripts report: "tag.class" each).
/* global document */
export function overflowingNodes(page, selector) {
  return page.evaluate(
    (root) =>
      [...document.querySelectorAll(`${root} *`)]
        .filter((node) => node.scrollWidth > node.clientWidth + 1 && node.clientWidth > 0)
        .map((node) => `${node.tagName.toLowerCase()}.${node.className}`),
    selector,
  );
}

/**
 * Writes a screenshot of `target` (the page, or a locator on it) to `file` and logs which
 * elements under `root` are wider than they show (the screenshot scripts' one line per shot).
 */
export async function shootAndReport(page, target, file, root, options = {}) {
  await target.screenshot({ path: file, ...options });
  const wide = await overflowingNodes(page, root);
  console.log(`${file}: ${wide.length ? `wider than shown: ${wide.join('; ')}` : 'no overflow'}`);
}

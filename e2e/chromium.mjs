// Debian's Chromium, headless, as the screenshot scripts launch it (shots.mjs, ticker_shots.mjs).
import { chromium } from '@playwright/test';

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

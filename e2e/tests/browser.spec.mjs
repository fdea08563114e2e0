// The browser the tests and measurements launch (chromium.mjs): Playwright's own
// --disable-features survive ours (Chromium keeps only the last one it is given), and a new
// window starts no renderer for the browser's UI beside the page's.
import fs from 'node:fs';
import { chromium, expect, test } from '@playwright/test';
import {
  CHROMIUM_OPTIONS,
  PLAYWRIGHT_DISABLED_FEATURES,
  WINDOW_UI_FEATURES,
} from '../chromium.mjs';

/** The command lines of the processes descended from process `root`. */
function descendants(root) {
  const parent = new Map();
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      parent.set(pid, fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
    } catch {
      // ended meanwhile
    }
  }
  const under = (pid) => pid === root || (parent.has(pid) && pid !== '1' && under(parent.get(pid)));
  return [...parent.keys()]
    .filter((pid) => pid !== root && under(pid))
    .map((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        return '';
      }
    });
}

/** The features of the last --disable-features the browser process of `options` was given. */
async function disabledFeatures(options) {
  const server = await chromium.launchServer(options);
  try {
    const command = fs.readFileSync(`/proc/${server.process().pid}/cmdline`, 'utf8');
    const all = [...command.matchAll(/--disable-features=([^\0 ]*)/g)];
    return all.length ? all.at(-1)[1].split(',') : [];
  } finally {
    await server.close();
  }
}

test("Playwright's disabled features are all kept, with the browser UI's", async () => {
  const ours = CHROMIUM_OPTIONS.args.filter((arg) => !arg.startsWith('--disable-features='));
  const playwrights = await disabledFeatures({ ...CHROMIUM_OPTIONS, args: ours });
  expect(playwrights.length).toBeGreaterThan(0);
  expect([...playwrights].sort()).toEqual([...PLAYWRIGHT_DISABLED_FEATURES].sort());
  const given = await disabledFeatures(CHROMIUM_OPTIONS);
  expect(given).toEqual(expect.arrayContaining([...playwrights, ...WINDOW_UI_FEATURES]));
});

test("a new window starts no renderer for the browser's own UI", async () => {
  const server = await chromium.launchServer(CHROMIUM_OPTIONS);
  try {
    const browser = await chromium.connect(server.wsEndpoint());
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('about:blank');
    await page.waitForTimeout(1_000); // the UI's renderer started within ~50 ms when it did
    const renderers = descendants(String(server.process().pid)).filter((c) =>
      c.includes('--type=renderer'),
    );
    expect(renderers.length).toBeGreaterThan(0);
    expect(renderers.filter((c) => /--top-chrome-webui\b/.test(c))).toEqual([]);
    await browser.close();
  } finally {
    await server.close();
  }
});

// The renderer processes a fresh browser context (a new window, as each load of perf.mjs is)
// starts besides the page's own, with the CPU each has used (reported, never asserted): run it
// after a Chromium or Playwright upgrade to see whether the browser's own UI competes with the
// page for the CPU again (chromium.mjs, WINDOW_UI_FEATURES). CHROMIUM_WINDOW_UI=1 compares.
//
//   node window_renderers.mjs [stay ms=1500]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { launchChromium } from './chromium.mjs';

const stayMs = Number(process.argv[2] ?? 1500);
const browser = await launchChromium();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('about:blank');
  await page.waitForTimeout(stayMs);
  const pids = execFileSync('pgrep', ['-f', 'type=renderer']).toString().trim().split('\n');
  for (const pid of pids) {
    let command; // one string: Chromium rewrites its renderers' command lines as a title
    let stat;
    try {
      command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    } catch {
      continue; // ended meanwhile
    }
    const ticks = Number(stat[11]) + Number(stat[12]); // utime + stime, 1/100 s
    const kind = /--top-chrome-webui\b/.test(command)
      ? "the browser's UI (top-chrome WebUI)"
      : 'page';
    console.log(`renderer ${pid}: ${ticks * 10} ms of CPU, ${kind}`);
  }
  const disabled = execFileSync('pgrep', ['-af', 'type=renderer'])
    .toString()
    .match(/--disable-features=(\S+)/)?.[1];
  console.log(`--disable-features: ${disabled ?? '(none)'}`);
} finally {
  await browser.close();
}

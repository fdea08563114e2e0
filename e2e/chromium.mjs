// Debian's Chromium, headless, as the screenshot scripts launch it (shots.mjs, ticker_shots.mjs).
import { chromium } from '@playwright/test';

export function launchChromium() {
  return chromium.launch({
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
  });
}

// Limits in the page's build (docs/LIMITS.md), the same rules as the CLI: numbers read strictly
// (decimal only), control characters and NUL escaped in error messages, and a file of other
// years refused naming both files and their date ranges. The messages are the native ones
// (native_tests/test_limits.cpp).
// Run with: node --test wasm/test/
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadVixray } from './load.mjs';

const vx = await loadVixray(undefined, { build: 'page' });
const testdata = new URL('../../testdata/', import.meta.url).pathname;
const real = (name) => fs.readFileSync(`${testdata}real/${name}`, 'utf8');
// The header and the lines of the given years.
const years = (text, prefixes) => {
  const [header, ...lines] = text.split('\n');
  return [header, ...lines.filter((l) => prefixes.some((p) => l.startsWith(p)))].join('\n') + '\n';
};

test('prices are plain decimals: hex, inf, a leading + or inner whitespace are refused', () => {
  for (const bad of ['0x1p4', '0X10', '+17.5', 'inf', 'infinity', 'nan(1)', '1e999', '1e-400']) {
    assert.throws(
      () => vx.parsePriceCsv(`Date,Close\n2020-01-02,17\n2020-01-03,${bad}\n`, 'p.csv'),
      (e) =>
        e instanceof Error &&
        (e.message === `p.csv:3: column 2 ("Close"): expected a number, got "${bad}"` ||
          e.message.startsWith('p.csv:3: column 2 ("Close"): expected a positive price')),
      bad,
    );
  }
  assert.throws(
    () => vx.parsePriceCsv('Date,Close\n2020-01-02,"\v17"\n', 'p.csv'),
    /expected a number, got "\\x0b17"$/,
  );
  // Decimals as vendors write them still read, with the same doubles.
  const ok = vx.parsePriceCsv('Date,Close\n2020-01-02, 17.5\n2020-01-03,1.75E1\n', 'p.csv');
  assert.deepEqual(Array.from(ok.close), [17.5, 17.5]);
});

test('a NUL or an ESC sequence of a file is escaped in the message, not cut or passed on', () => {
  assert.throws(
    () => vx.parsePriceCsv('Date,Close\n2020-01-02,17\u00005\u001b]0;pwned\u0007\n', 'f.csv'),
    (e) =>
      e instanceof Error &&
      e.message ===
        'f.csv:2: column 2 ("Close"): expected a number, got "17\\x005\\x1b]0;pwned\\x07"',
  );
  assert.throws(
    () => vx.parsePriceCsv('Date,Open,\u001b[31mRED\tX,Low,Close\n2020-01-02,1,1,1,1\n', 'h.csv'),
    (e) => e instanceof Error && e.message.includes('"Date,Open,\\x1b[31mRED\\tX,Low,Close"'),
  );
});

test("the reader's VIX file of other years is refused, naming both files and date ranges", () => {
  const model = vx.EnsembleModel.fromJSON(
    fs.readFileSync(`${testdata}bundles/model-1.0.json`, 'utf8'),
  );
  try {
    assert.throws(
      () =>
        model.analyzeFilesColumns([
          { name: 'vix.csv', text: years(real('vix_daily_1990_2018.csv'), ['1990']) },
          { name: 'spx.csv', text: years(real('spx_daily_1990_2018.csv'), ['2000', '2001']) },
        ]),
      (e) =>
        e instanceof Error &&
        e.message ===
          'vix.csv (vix, 1990-01-02 .. 1990-12-31) shares 0 trading days with spx.csv ' +
            '(spx, 2000-01-03 .. 2001-12-31); expected at least 1 (files of the same years)',
    );
  } finally {
    model.delete();
  }
});

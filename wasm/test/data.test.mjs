// Market CSVs read and aligned in the browser build: a good file parses, a broken one throws an
// Error naming file, line and column, and several series align into a Frame.
// Run with: node --test wasm/test/
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadVixray } from './load.mjs';

const vx = await loadVixray();

const vixCsv =
  'DATE,OPEN,HIGH,LOW,CLOSE\r\n' +
  '01/02/1990,17.24,17.24,17.24,17.24\r\n' + // close-only (as VIX 1990-1991)
  '1990-01-03,18.19,18.5,17.9,18.19\r\n' +
  '1990-01-05,19.24,18.57,17.61,17.70\r\n'; // open above high: open becomes NaN
const spxCsv =
  'Date,Open,High,Low,Close,Adj Close,Volume\n' +
  '1990-01-02,353.4,359.69,351.98,359.69,359.69,162070000\n' +
  '1990-01-03,359.69,360.59,357.89,358.76,358.76,192330000\n' +
  '1990-01-04,358.76,358.76,352.89,355.67,355.67,177000000\n' +
  '1990-01-05,355.67,355.67,351.35,352.2,352.2,158530000\n';

test('a CBOE file parses: format, ISO dates, NaN repairs, counted warnings', () => {
  const vix = vx.parsePriceCsv(vixCsv, 'vix.csv');
  assert.equal(vix.format, 'cboe');
  assert.deepEqual(vix.dates, ['1990-01-02', '1990-01-03', '1990-01-05']);
  assert.ok(vix.days instanceof Int32Array);
  assert.ok(vix.close instanceof Float64Array);
  assert.deepEqual(Array.from(vix.close), [17.24, 18.19, 17.7]);
  assert.ok(Number.isNaN(vix.open[0]) && Number.isNaN(vix.high[0])); // close-only row
  assert.ok(Number.isNaN(vix.open[2])); // open outside range
  assert.ok(Number.isNaN(vix.volume[1])); // CBOE has no volume
  assert.equal(vix.report.rows, 3);
  assert.deepEqual(
    vix.warnings.map((w) => [w.kind, w.count, w.examples]),
    [
      ['close_only', 1, ['vix.csv:2']],
      ['open_outside_range', 1, ['vix.csv:4']],
    ],
  );
});

test('a broken file throws an Error naming file, line and column', () => {
  assert.throws(
    () => vx.parsePriceCsv('Date,Close\n2020-01-02,12\n2020-01-03,abc\n', 'mine.csv'),
    (e) =>
      e instanceof Error &&
      e.message === 'mine.csv:3: column 2 ("Close"): expected a number, got "abc"',
  );
  assert.throws(
    () => vx.parsePriceCsv('DATE,OPEN,HIGH,LOW,CLOSE\n2020-13-01,1,2,1,1\n', 'v.csv'),
    /v\.csv:2: column 1 \("DATE"\): expected a date/,
  );
  // The module keeps working after an error.
  assert.equal(vx.parsePriceCsv('date,value\n2020-01-02,1\n', 'ok.csv').format, 'date_value');
});

test('alignMarket joins text and parsed series on the S&P days with a counted fill', () => {
  const market = vx.alignMarket({ spx: spxCsv, vix: vx.parsePriceCsv(vixCsv, 'vix.csv') });
  assert.deepEqual(market.dates, ['1990-01-02', '1990-01-03', '1990-01-04', '1990-01-05']);
  assert.deepEqual(market.names, [
    'spx.open',
    'spx.high',
    'spx.low',
    'spx.close',
    'spx.adj_close',
    'spx.volume',
    'vix.open',
    'vix.high',
    'vix.low',
    'vix.close',
  ]);
  // 1990-01-04 has no VIX row: the close is carried from 01-03, the open is NaN.
  assert.deepEqual(Array.from(market.columns['vix.close']), [17.24, 18.19, 18.19, 17.7]);
  assert.ok(Number.isNaN(market.columns['vix.open'][2]));
  const vixReport = market.report.series.find((s) => s.name === 'vix');
  assert.equal(vixReport.filled, 1);
  assert.deepEqual(vixReport.filled_examples, ['1990-01-04']);
  assert.equal(market.report.primary, 'spx');
  assert.equal(market.reads.spx.format, 'yahoo');
  assert.equal(market.reads.vix.rows, 3);
});

test('alignMarket errors are JavaScript Errors with the core message', () => {
  assert.throws(() => vx.alignMarket({ vix: vixCsv }), /primary "ticker" is not among the series/);
  assert.throws(
    () => vx.alignMarket({ spx: spxCsv, sp500: vixCsv }),
    /series name "sp500": expected one of vix, spx/,
  );
  assert.throws(
    () => vx.alignMarket({ spx: 'Date,Close\n2020-01-02,-1\n' }),
    /spx:2: column 2 \("Close"\): expected a positive price/,
  );
});

test('the real 1990-2018 files load with their quirks reported', () => {
  const dir = new URL('../../testdata/real/', import.meta.url).pathname;
  const vixPath = path.join(dir, 'vix_daily_1990_2018.csv');
  const spxPath = path.join(dir, 'spx_daily_1990_2018.csv');
  const market = vx.alignMarket({
    spx: fs.readFileSync(spxPath, 'utf8'),
    vix: fs.readFileSync(vixPath, 'utf8'),
  });
  assert.equal(market.dates.length, 7307);
  const count = (kind) => market.reads.vix.warnings.find((w) => w.kind === kind)?.count;
  assert.equal(count('close_only'), 506);
  assert.equal(count('open_outside_range'), 47);
  const vixReport = market.report.series.find((s) => s.name === 'vix');
  assert.deepEqual(vixReport.filled_examples, [
    '1991-03-01',
    '1997-01-31',
    '1997-11-26',
    '1999-12-31',
  ]);
  assert.deepEqual(market.report.gaps, [{ from: '2001-09-10', to: '2001-09-17', days: 7 }]);
  const i = market.dates.indexOf('2008-11-20');
  assert.equal(market.columns['vix.close'][i], 80.86);
});

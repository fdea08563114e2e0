// Writes the market.json the dashboard's worker reads (analysis inputs as columns, see
// web/js/core_api.js analysisInput) from the CLI's generic analysis-input CSV (header
// "date,vix.close,spx.close,<feature>,...", as written by `vixray ensemble generate`; empty
// field = missing). A build-time tool for test and demo data.
//   node analysis_input_json.mjs <input.csv> <market.json>
import fs from 'node:fs';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node analysis_input_json.mjs <input.csv> <market.json>');
  process.exit(2);
}
const lines = fs.readFileSync(input, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
const header = lines[0].split(',');
const dateCol = header.indexOf('date');
const vixCol = header.indexOf('vix.close');
const spxCol = header.indexOf('spx.close');
if (dateCol < 0 || vixCol < 0 || spxCol < 0) {
  console.error(`${input}:1: the header needs date, vix.close and spx.close, got ${header.join(',')}`);
  process.exit(1);
}
const market = { dates: [], vix_close: [], spx_close: [], features: {} };
const featureCols = header.map((name, k) => [name, k]).filter(([, k]) => k !== dateCol && k !== vixCol && k !== spxCol);
for (const [name] of featureCols) market.features[name] = [];
for (let i = 1; i < lines.length; i++) {
  const fields = lines[i].split(',');
  if (fields.length !== header.length) {
    console.error(`${input}:${i + 1}: ${fields.length} fields, the header has ${header.length}`);
    process.exit(1);
  }
  const value = (k) => {
    const text = fields[k].trim();
    if (text === '' || /^(nan|na|null)$/i.test(text)) return null;
    const x = Number(text);
    if (!Number.isFinite(x)) {
      console.error(`${input}:${i + 1}: column ${header[k]}: "${text}" is not a number`);
      process.exit(1);
    }
    return x;
  };
  market.dates.push(fields[dateCol].trim());
  market.vix_close.push(value(vixCol));
  market.spx_close.push(value(spxCol));
  for (const [name, k] of featureCols) market.features[name].push(value(k));
}
fs.writeFileSync(output, JSON.stringify(market) + '\n');
console.log(`${output}: ${market.dates.length} days, ${featureCols.length} features`);

// market.json (the export's market document) with one more weekday appended: every series
// repeats its last value, the VIX close multiplied by `vixFactor` (1: unchanged). Used by the
// return-visit test (tests/analysis_cache.spec.mjs) and perf.mjs's visit=appended.
export function withOneMoreDay(text, vixFactor = 1) {
  const market = JSON.parse(text);
  const last = new Date(`${market.dates.at(-1)}T00:00:00Z`);
  do last.setUTCDate(last.getUTCDate() + 1);
  while (last.getUTCDay() === 0 || last.getUTCDay() === 6);
  market.dates.push(last.toISOString().slice(0, 10));
  for (const [name, values] of Object.entries(market.columns)) {
    const value = values.at(-1);
    values.push(name === 'vix.close' && value !== null ? value * vixFactor : value);
  }
  return JSON.stringify(market);
}

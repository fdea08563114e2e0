// The fixture worker's Analysis (used by panels.spec.mjs) matches the declared contract
// (schemas/analysis.schema.json, the shape of the core's analysis_to_json), so the panel tests
// exercise the shape the real worker will send. Runs in Node (no browser).
import fs from 'node:fs';
import vm from 'node:vm';
import { test, expect } from '@playwright/test';
import { analysisProblems } from '../validate_analysis.mjs';
import { FIXTURE_THRESHOLDS } from './helpers.mjs';

function fixtureAnalysis() {
  const source = fs
    .readFileSync(new URL('../fixtures/fake_worker.js', import.meta.url), 'utf8')
    .replace(
      'const THRESHOLDS = __THRESHOLDS__;',
      `const THRESHOLDS = ${JSON.stringify(FIXTURE_THRESHOLDS)};`,
    );
  const replies = [];
  let onMessage = null;
  const self = {
    postMessage: (m) => replies.push(m),
    addEventListener: (type, fn) => {
      onMessage = fn;
    },
  };
  vm.runInNewContext(source, { self, Math, Date, Object, Number, JSON });
  onMessage({ data: { type: 'analyze', id: 1 } });
  return replies.find((r) => r.type === 'analysis').analysis;
}

test('the fixture Analysis satisfies the analysis schema', () => {
  expect(analysisProblems(fixtureAnalysis())).toEqual([]);
});

test('the schema check reports broken analyses by field', () => {
  const analysis = fixtureAnalysis();
  analysis.ensemble.score = analysis.ensemble.score.slice(1);
  expect(analysisProblems(analysis)).toContain(
    `ensemble.score has ${analysis.dates.length - 1} values for ${analysis.dates.length} dates`,
  );
  const unordered = fixtureAnalysis();
  unordered.thresholds.high = 0.99;
  expect(analysisProblems(unordered)).toContain('thresholds are not strictly increasing');
  const missing = fixtureAnalysis();
  delete missing.thresholds;
  expect(analysisProblems(missing).join('\n')).toContain(
    "must have required property 'thresholds'",
  );
});

// Checks an Analysis JSON (e.g. the CLI's analysis_to_json output) against the shape the
// dashboard draws (schemas/analysis.schema.json), plus the parallel-array rule of seed 000.
//   node validate_analysis.mjs <analysis.json>      exit 0 = valid, 1 = problems listed
import fs from 'node:fs';
import Ajv from 'ajv';

const schema = JSON.parse(
  fs.readFileSync(new URL('./schemas/analysis.schema.json', import.meta.url), 'utf8'),
);

/** Problems of an analysis object (empty = valid): schema errors, then array-length mismatches. */
export function analysisProblems(analysis) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  const problems = validate(analysis)
    ? []
    : validate.errors.map((e) => `${e.instancePath || '(root)'} ${e.message}`);
  if (problems.length) return problems;
  const n = analysis.dates.length;
  const perDay = {
    'ensemble.score': analysis.ensemble.score,
    'ensemble.std': analysis.ensemble.std,
    level: analysis.level,
    forward_return: analysis.forward_return,
    regime: analysis.regime,
    vix_close: analysis.vix_close,
    spx_close: analysis.spx_close,
  };
  for (const [name, values] of Object.entries(analysis.detector_scores))
    perDay[`detector_scores.${name}`] = values;
  for (const [field, values] of Object.entries(perDay)) {
    if (values.length !== n) problems.push(`${field} has ${values.length} values for ${n} dates`);
  }
  const t = analysis.thresholds;
  if (!(t.moderate < t.high && t.high < t.critical))
    problems.push('thresholds are not strictly increasing');
  return problems;
}

const isMain =
  process.argv[1] && import.meta.url === new URL(`file://${fs.realpathSync(process.argv[1])}`).href;
if (isMain) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node validate_analysis.mjs <analysis.json>');
    process.exit(2);
  }
  let analysis;
  try {
    analysis = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`${file}: ${error.message}`);
    process.exit(2);
  }
  const problems = analysisProblems(analysis);
  for (const p of problems) console.error(`${file}: ${p}`);
  if (problems.length === 0) console.log(`${file}: valid (${analysis.dates.length} days)`);
  process.exit(problems.length ? 1 : 0);
}

// JSON Schema check (ajv) of an export folder: each seed-000 file against schemas/<name>.schema.json
// and analysis.json against e2e/schemas/analysis.schema.json. The seed-000 cross-file rules are
// checked natively by `vixray validate DIR`; this adds the per-file structure with a kept
// validator. model_health.json (`vixray export --models`) is optional: checked when present.   node e2e/validate_contracts.mjs DIR    (exit 0 = valid, 1 = problems listed)
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { analysisProblems } from './validate_analysis.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node e2e/validate_contracts.mjs EXPORT_DIR');
  process.exit(2);
}
const schemaDir = new URL('../schemas/', import.meta.url);
const ajv = new Ajv({ allErrors: true, strict: false });
const problems = [];
let checked = 0;
const OPTIONAL = new Set(['model_health.json']);
for (const file of fs
  .readdirSync(schemaDir)
  .filter((f) => f.endsWith('.schema.json'))
  .sort()) {
  const name = file.replace('.schema.json', '.json');
  const target = path.join(dir, name);
  if (!fs.existsSync(target)) {
    if (OPTIONAL.has(name)) continue;
    problems.push(`${target}: missing`);
    continue;
  }
  const validate = ajv.compile(JSON.parse(fs.readFileSync(new URL(file, schemaDir), 'utf8')));
  if (!validate(JSON.parse(fs.readFileSync(target, 'utf8')))) {
    for (const e of validate.errors)
      problems.push(`${target}: ${e.instancePath || '(root)'} ${e.message}`);
  }
  checked++;
}
const analysisFile = path.join(dir, 'analysis.json');
if (fs.existsSync(analysisFile)) {
  for (const p of analysisProblems(JSON.parse(fs.readFileSync(analysisFile, 'utf8'))))
    problems.push(`${analysisFile}: ${p}`);
  checked++;
}
if (problems.length) {
  for (const p of problems.slice(0, 20)) console.error(p);
  console.error(`${problems.length} schema problems in ${dir}`);
  process.exit(1);
}
console.log(`${dir}: ${checked} files match their JSON Schemas (ajv)`);

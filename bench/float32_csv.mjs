// Rounds every number of a numeric CSV (header + numbers) to the nearest float32, written as the
// shortest decimal of that value, so vixray, scikit-learn and ONNX Runtime (which reads float32)
// score exactly the same rows in `make bench` (bench/run.sh).
// usage: node bench/float32_csv.mjs IN.csv OUT.csv
import fs from 'node:fs';

const [input, output] = process.argv.slice(2);
const lines = fs.readFileSync(input, 'utf8').split('\n');
const out = [lines[0]];
for (let i = 1; i < lines.length; i++) {
  if (lines[i] === '') continue;
  const fields = lines[i].split(',').map((text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) {
      throw new Error(`${input}:${i + 1}: expected a finite number, got "${text}"`);
    }
    return String(Math.fround(value));
  });
  out.push(fields.join(','));
}
fs.writeFileSync(output, `${out.join('\n')}\n`);

// Writes <folder>/index.json = {"files": [...]} listing the site's data files, so the page learns
// what data it has without requesting absent files (a 404 is a console error in browsers).
//   node data_index.mjs <data folder>
import fs from 'node:fs';
import path from 'node:path';

const folder = process.argv[2];
if (!folder || !fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
  console.error(`data_index.mjs: not a folder: ${folder ?? '(none given)'}`);
  process.exit(2);
}
const files = fs
  .readdirSync(folder)
  .filter((f) => f !== 'index.json' && !f.startsWith('.'))
  .sort();
fs.writeFileSync(path.join(folder, 'index.json'), JSON.stringify({ files }) + '\n');

// Fails when the brotli-compressed hydrate bundle (WASM + JS glue from the release build) is
// larger than the budget in bench/wasm-budget.json. Uses Node's own brotli (no download).
// Usage: node scripts/wasm-budget.mjs [site pkg dir, default target/site/pkg]
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

const root = path.join(import.meta.dirname, '..');
const pkg = process.argv[2] ?? path.join(root, 'target', 'site', 'pkg');
const budget = JSON.parse(fs.readFileSync(path.join(root, 'bench', 'wasm-budget.json'), 'utf8'));
const brotli = (file) =>
  zlib.brotliCompressSync(fs.readFileSync(path.join(pkg, file)), {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;

const parts = ['order-portal.wasm', 'order-portal.js'].map((file) => [file, brotli(file)]);
const total = parts.reduce((sum, [, size]) => sum + size, 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const [file, size] of parts) console.log(`${file}: ${kb(size)} brotli`);
console.log(`hydrate bundle: ${kb(total)} brotli (budget ${kb(budget.max_brotli_bytes)}, goal ${kb(budget.goal_brotli_bytes)})`);
if (total > budget.max_brotli_bytes) {
  console.error(`the hydrate bundle grew past its budget by ${kb(total - budget.max_brotli_bytes)}`);
  process.exit(1);
}

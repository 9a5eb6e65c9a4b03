#!/usr/bin/env node
// Sums the suites' machine-readable reports into the one closing line CI reads:
// "N passed, N failed, N skipped". Usage: summarize.mjs <results-dir>
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? '.test-summary';
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];

for (const file of existsSync(dir) ? readdirSync(dir).sort() : []) {
  const full = path.join(dir, file);
  const name = file.replace(/\.(json|status)$/, '');
  if (file.endsWith('.status')) {
    // A check without its own tests (typecheck, lint, build): one pass or one failure.
    const ok = readFileSync(full, 'utf8').trim() === '0';
    if (ok) passed++;
    else failed++;
    rows.push(`${name}: ${ok ? 'ok' : 'FAILED'}`);
    continue;
  }
  const report = JSON.parse(readFileSync(full, 'utf8'));
  let p = 0, f = 0, s = 0;
  if (report.stats && 'expected' in report.stats) {
    // Playwright JSON reporter.
    p = report.stats.expected + report.stats.flaky;
    f = report.stats.unexpected;
    s = report.stats.skipped;
    if (report.errors?.length) f += report.errors.length;
  } else {
    // Vitest JSON reporter (jest-compatible).
    p = report.numPassedTests;
    f = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
    s = report.numPendingTests + (report.numTodoTests ?? 0);
    if (report.success === false && f === 0) f = 1;
  }
  passed += p;
  failed += f;
  skipped += s;
  rows.push(`${name}: ${p} passed, ${f} failed, ${s} skipped`);
}

for (const row of rows) console.log(`  ${row}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || rows.length === 0 ? 1 : 0;

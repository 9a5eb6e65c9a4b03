#!/usr/bin/env node
// The `sluice` command. It runs the prebuilt bundle out/cli/sluice.mjs (`npm run build:cli`) when
// that is newer than package.json and every file and folder under app/, so it starts without
// compiling TypeScript; otherwise it loads app/cli.ts through tsx (slower: tsx compiles on the way),
// so a stale bundle never runs. SLUICE_CLI_FROM_SOURCE=1 forces the tsx path.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

// A few ms: one stat per file and folder under app/. Any error (no bundle yet, a file removed while
// walking) counts as stale.
function bundleIsFresh() {
  try {
    const builtAt = statSync(path.join(root, 'out/cli/sluice.mjs')).mtimeMs;
    const app = path.join(root, 'app');
    const inputs = [path.join(root, 'package.json'), app, ...readdirSync(app, { recursive: true }).map((entry) => path.join(app, entry))];
    return inputs.every((input) => statSync(input).mtimeMs < builtAt);
  } catch {
    return false;
  }
}

async function loadFromSource() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('../app/cli.ts');
}

const fromSource = process.env.SLUICE_CLI_FROM_SOURCE === '1' || !bundleIsFresh();
const { main } = fromSource ? await loadFromSource() : await import('../out/cli/sluice.mjs');
const io = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  env: process.env,
  isTty: Boolean(process.stdin.isTTY && process.stdout.isTTY),
};
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`error INTERNAL: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);

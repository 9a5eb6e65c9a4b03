// Bundles the CLI's TypeScript into out/cli/sluice.mjs so `sluice` starts without compiling through tsx.
import { utimesSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const outfile = path.join(root, 'out/cli/sluice.mjs');
// bin/sluice.mjs trusts the bundle only while it is newer than every source file; stamping it with
// the time the build started makes a file saved during the build count as newer.
const startedAt = new Date();

await build({
  entryPoints: [path.join(root, 'app/cli.ts')],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // node_modules load normally at run time; only our own TypeScript goes into the bundle.
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
utimesSync(outfile, startedAt, startedAt);

/** `sluice` starts from the prebuilt bundle while it is fresh, and from the TypeScript through tsx otherwise. */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/sluice.mjs');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
// The caller's own SLUICE_CLI_FROM_SOURCE must not decide what these tests see.
const { SLUICE_CLI_FROM_SOURCE: _ignored, ...ENV } = process.env;

interface VersionRun {
  version: string;
  runtime: 'bundle' | 'source';
  ms: number;
}

/** Runs `sluice --version --json` as a user would and times the whole process; rejects unless it exits 0. */
function sluiceVersion(env: Record<string, string> = {}): Promise<VersionRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, '--version', '--json'], { env: { ...ENV, ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      const ms = performance.now() - started;
      if (err) return reject(new Error(`sluice --version exited ${String(err.code)}: ${stderr}`));
      const { value } = JSON.parse(stdout) as { value: { version: string; runtime: VersionRun['runtime'] } };
      resolve({ ...value, ms });
    });
  });
}

/** Runs `run` while `file` looks edited after the build, then puts its times back. */
async function withFutureMtime<T>(file: string, run: () => Promise<T>): Promise<T> {
  const { atime, mtime } = statSync(file);
  const future = new Date(Date.now() + 60_000);
  utimesSync(file, future, future);
  try {
    return await run();
  } finally {
    utimesSync(file, atime, mtime);
  }
}

describe('the sluice bin', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
  });

  it('runs from out/cli/sluice.mjs after build-cli', async () => {
    expect(await sluiceVersion()).toMatchObject({ version: VERSION, runtime: 'bundle' });
  });

  // A nested file shows the walk is recursive; package.json holds the version the bundle inlines.
  for (const input of ['app/cli/output.ts', 'package.json']) {
    it(`falls back to the TypeScript while ${input} is newer than the bundle`, async () => {
      const run = await withFutureMtime(path.join(ROOT, input), () => sluiceVersion());
      expect(run).toMatchObject({ version: VERSION, runtime: 'source' });
    });
  }

  it('runs the TypeScript when SLUICE_CLI_FROM_SOURCE=1, fresh bundle or not', async () => {
    expect(await sluiceVersion({ SLUICE_CLI_FROM_SOURCE: '1' })).toMatchObject({ version: VERSION, runtime: 'source' });
  });

  it('starts from the bundle and from source with the same version (wall times printed, not asserted)', async () => {
    const bundle = await sluiceVersion();
    const source = await sluiceVersion({ SLUICE_CLI_FROM_SOURCE: '1' });
    console.log(`sluice --version: bundle ${bundle.ms.toFixed(0)} ms, source ${source.ms.toFixed(0)} ms`);
    expect(bundle).toMatchObject({ runtime: 'bundle', version: VERSION });
    expect(source).toMatchObject({ runtime: 'source', version: VERSION });
  });
});

/**
 * The `sluice` fixture: a private `sluice serve` per test, on a random port, with its own
 * data directory. It waits for the one line the command prints,
 * `Sluice is serving at http://127.0.0.1:PORT/?token=TOKEN`, and stops the server afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';

/** The repository root, where `bin/sluice.mjs` lives. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const READY_LINE = /^Sluice is serving at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/;
const START_TIMEOUT_MS = 30_000;

/** A running `sluice serve`. */
export interface SluiceServer {
  /** The URL as printed, token included: what a user would open. */
  url: string;
  origin: string;
  port: number;
  token: string;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** Stops the server early (to see how the page copes); the fixture's own stop is then a no-op. */
  stop(): Promise<void>;
}

/** Resolves with the first stdout line parsed as the ready line; stdout keeps draining afterwards. */
function waitForReadyLine(child: ChildProcess, stderr: () => string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.off('exit', onExit);
      outcome();
    };
    const fail = (message: string) => settle(() => reject(new Error(`${message}\n--- stderr ---\n${stderr()}`)));
    const onExit = (code: number | null, signal: string | null) => fail(`sluice serve exited before printing its URL (code ${code}, signal ${signal}).`);
    const timer = setTimeout(() => fail(`sluice serve printed no URL within ${START_TIMEOUT_MS} ms.`), START_TIMEOUT_MS);
    child.once('exit', onExit);
    child.once('error', (err) => fail(err.message));
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      if (settled) return; // Later output is drained so the pipe never fills.
      buffered += chunk;
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      const line = buffered.slice(0, newline).trim();
      const match = READY_LINE.exec(line);
      if (match) settle(() => resolve(match));
      else fail(`sluice serve printed an unexpected first line: ${JSON.stringify(line)}`);
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** `test` with a `sluice` fixture; import `test` and `expect` from here in e2e specs. */
export const test = base.extend<{ sluice: SluiceServer; sluiceEnv: Record<string, string> }>({
  /** Extra environment for the server process, e.g. `test.use({ sluiceEnv: { SLUICE_PYTHON: '/usr/bin/python3' } })`. */
  sluiceEnv: [{}, { option: true }],
  sluice: async ({ sluiceEnv }, use, testInfo) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sluice-e2e-data-'));
    const child = spawn(process.execPath, ['bin/sluice.mjs', 'serve', '--port', '0'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...sluiceEnv, SLUICE_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderrText = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderrText += chunk;
    });
    const stderr = () => stderrText;
    try {
      const match = await waitForReadyLine(child, stderr);
      const url = match[1]!;
      await use({ url, origin: new URL(url).origin, port: Number(match[2]), token: match[3]!, stderr, stop: () => stop(child) });
    } finally {
      await stop(child);
      if (stderrText) await testInfo.attach('sluice-serve-stderr', { body: stderrText, contentType: 'text/plain' });
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';

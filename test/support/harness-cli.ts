/**
 * Starts the harness once for several suites:
 *   npx tsx test/support/harness-cli.ts start --file test/.harness/harness.json
 * writes the JSON info (atomically), prints one line, and stays up until SIGTERM/SIGINT, then stops
 * every server and removes the file. Point SLUICE_HARNESS_FILE at that file for vitest and Playwright.
 */
import { rmSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHarness } from './harness.js';
import { writeHarnessFile } from './harness-file.js';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { file: { type: 'string' } } });
  if (positionals[0] !== 'start' || !values.file) {
    console.error('usage: harness-cli.ts start --file <harness.json>');
    process.exit(2);
  }
  const file = resolve(values.file);
  const harness = await startHarness();
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await harness.stop();
    await rm(file, { force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('exit', () => rmSync(file, { force: true }));
  await mkdir(dirname(file), { recursive: true });
  await writeHarnessFile(file, harness.info);
  console.log(`sluice harness ready in ${harness.startupMs} ms: ${file} (pid ${process.pid}; SIGTERM to stop)`);
  // Stay up: the servers are detached, so keep the event loop alive ourselves.
  setInterval(() => undefined, 1 << 30);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * Playwright globalSetup: reuses the harness named by SLUICE_HARNESS_FILE or starts one (stopped by the
 * returned teardown). Either way SLUICE_HARNESS_FILE names its JSON info afterwards, and workers inherit
 * it: tests call `harnessFromEnv()` from harness-file.ts.
 */
import { join } from 'node:path';
import { startHarness } from './harness.js';
import { HARNESS_FILE_ENV, writeHarnessFile } from './harness-file.js';

/** Makes sure a harness runs for the Playwright run; returns its teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env[HARNESS_FILE_ENV]) return async () => undefined;
  const harness = await startHarness();
  // Inside the run dir, so stopping the harness removes it too.
  const file = join(harness.info.dir, 'harness.json');
  await writeHarnessFile(file, harness.info);
  process.env[HARNESS_FILE_ENV] = file;
  return async () => {
    delete process.env[HARNESS_FILE_ENV];
    await harness.stop();
  };
}

/**
 * Vitest globalSetup for the `integration` project: reuses the harness named by SLUICE_HARNESS_FILE
 * (started once by scripts/test.sh via harness-cli.ts) or starts one and stops it in teardown.
 * Tests read it with `inject('harness')`.
 */
import type { TestProject } from 'vitest/node';
import { startHarness } from './harness.js';
import { HARNESS_FILE_ENV, readHarnessFile } from './harness-file.js';
import type { HarnessInfo } from './harness-info.js';

declare module 'vitest' {
  export interface ProvidedContext {
    harness: HarnessInfo;
  }
}

/** Provides the harness to the tests and returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const file = process.env[HARNESS_FILE_ENV];
  if (file) {
    project.provide('harness', readHarnessFile(file));
    return async () => undefined;
  }
  const harness = await startHarness();
  console.log(`database harness started in ${harness.startupMs} ms (${harness.info.dir})`);
  project.provide('harness', harness.info);
  return () => harness.stop();
}

/** Shares a running harness between processes through a JSON file (named by SLUICE_HARNESS_FILE). */
import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type { HarnessInfo } from './harness-info.js';

/** The environment variable naming the JSON file of a running harness. */
export const HARNESS_FILE_ENV = 'SLUICE_HARNESS_FILE';

/** Writes `info` atomically (temp file + rename), so a script waiting for the file never reads half of it. */
export async function writeHarnessFile(file: string, info: HarnessInfo): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
}

/** Reads the info of a running harness from `file`. */
export function readHarnessFile(file: string): HarnessInfo {
  return JSON.parse(readFileSync(file, 'utf8')) as HarnessInfo;
}

/** The harness named by SLUICE_HARNESS_FILE (for Playwright tests and scripts); throws if unset. */
export function harnessFromEnv(): HarnessInfo {
  const file = process.env[HARNESS_FILE_ENV];
  if (!file) throw new Error(`${HARNESS_FILE_ENV} is not set: start the harness (test/support/harness-cli.ts) first`);
  return readHarnessFile(file);
}

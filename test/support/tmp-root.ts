/** Where the harness keeps its run directories and template cache. */
import { accessSync, constants, statSync } from 'node:fs';
import { tmpdir } from 'node:os';

/**
 * SLUICE_HARNESS_TMPDIR if set; else /dev/shm when it is a writable directory (RAM: copying data
 * directories and fsync-free servers are much faster there); else the OS temp dir.
 */
export function tmpRoot(): string {
  const chosen = process.env.SLUICE_HARNESS_TMPDIR;
  if (chosen) return chosen;
  try {
    if (statSync('/dev/shm').isDirectory()) {
      accessSync('/dev/shm', constants.W_OK | constants.X_OK);
      return '/dev/shm';
    }
  } catch {
    // Not there or not writable.
  }
  return tmpdir();
}

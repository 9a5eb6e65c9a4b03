/**
 * A PostgreSQL and a MariaDB primary set up like a managed primary, for benchmarks: data on disk,
 * every commit flushed and synced, production-sized memory, no replica on the same cores, and the
 * harness's TLS (verify-full with a per-run CA). The test harness trades all of that for speed.
 */
import { accessSync, constants, statfsSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCerts } from '../test/support/certs';
import { freePorts } from '../test/support/free-ports';
import type { DbServerInfo, HarnessCerts } from '../test/support/harness-info';
import { startMariadbPrimary } from '../test/support/mariadb-server';
import { startPostgresPrimary } from '../test/support/postgres-server';
import { RunScope } from '../test/support/run-scope';

const TMPFS_MAGIC = 0x01021994;

/** The running pair. */
export interface DurableServers {
  certs: HarnessCerts;
  postgres: DbServerInfo;
  mariadb: DbServerInfo;
  /** Where the data lives, and whether that is a disk. */
  describe: string;
  stop(): Promise<void>;
}

/** SLUICE_BENCH_DIR, else /var/tmp (kept on disk by convention), else the OS temp dir. */
function diskRoot(): string {
  const chosen = process.env.SLUICE_BENCH_DIR;
  if (chosen) return chosen;
  try {
    accessSync('/var/tmp', constants.W_OK | constants.X_OK);
    return '/var/tmp';
  } catch {
    return tmpdir();
  }
}

/** Starts both primaries in a fresh directory under diskRoot(). */
export async function startDurableServers(): Promise<DurableServers> {
  const dir = await mkdtemp(join(diskRoot(), 'sluice-bench-'));
  // The server users (postgres, mysql) must be able to traverse into their own subdirectories.
  await chmod(dir, 0o755);
  const scope = new RunScope(dir);
  try {
    const certs = generateCerts(join(dir, 'certs'));
    const [pgPort, myPort] = (await freePorts(2)) as [number, number];
    const [postgres, mariadb] = await Promise.all([
      startPostgresPrimary({ dir, certs, scope, port: pgPort, durable: true }),
      startMariadbPrimary({ dir, certs, scope, port: myPort, durable: true }),
    ]);
    const inRam = statfsSync(dir).type === TMPFS_MAGIC;
    return {
      certs: await certs,
      postgres,
      mariadb,
      describe: `data in ${dir}${inRam ? ' (tmpfs: RAM, so syncs cost nothing; set SLUICE_BENCH_DIR to a disk)' : ' (disk)'}, every commit synced, 256 MB buffers, no replicas`,
      stop: () => scope.close(),
    };
  } catch (err) {
    await scope.close();
    throw err;
  }
}

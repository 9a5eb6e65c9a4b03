/** Starts and stops the whole database harness: certificates, then the PostgreSQL and MariaDB groups in parallel. */
import { chmod, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { generateCerts } from './certs.js';
import { freePorts } from './free-ports.js';
import type { HarnessInfo } from './harness-info.js';
import { startMariadbGroup } from './mariadb-server.js';
import { startPostgresGroup } from './postgres-server.js';
import { RunScope } from './run-scope.js';
import { tmpRoot } from './tmp-root.js';
import { trace } from './trace.js';

/** A running harness. */
export interface Harness {
  info: HarnessInfo;
  /** Wall-clock milliseconds startHarness took. */
  startupMs: number;
  /** Stops every server process group and removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

/** Starts private PostgreSQL and MariaDB servers (primary, replica, expired-cert twin each) with per-run certificates. */
export async function startHarness(): Promise<Harness> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce();
    } catch (error) {
      // A free port can be taken by someone else between our probe and the server's bind: try once more.
      if (attempt > 1 || !/Address already in use|Bind on TCP\/IP port/.test(String(error))) throw error;
      trace('a port was taken meanwhile; starting again');
    }
  }
}

async function startOnce(): Promise<Harness> {
  const started = Date.now();
  const dir = await mkdtemp(join(tmpRoot(), 'sluice-harness-'));
  // The server users (postgres, mysql) must be able to traverse into their own subdirectories.
  await chmod(dir, 0o755);
  const scope = new RunScope(dir);
  const certs = generateCerts(join(dir, 'certs'));
  // Both groups initialise their data directories while the keys are generated (keygen is the slow part).
  const [pgPrimary, pgReplica, pgExpired, myPrimary, myReplica, myExpired] = (await freePorts(6)) as [
    number, number, number, number, number, number,
  ];
  const results = await Promise.allSettled([
    certs,
    startPostgresGroup({ dir, certs, scope, ports: { primary: pgPrimary, replica: pgReplica, expired: pgExpired } }),
    startMariadbGroup({ dir, certs, scope, ports: { primary: myPrimary, replica: myReplica, expired: myExpired } }),
  ]);
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  if (failures.length > 0) {
    await scope.close();
    throw new AggregateError(failures, `database harness failed to start: ${failures.map(String).join('; ')}`);
  }
  const [certPaths, postgres, mariadb] = results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as [
    Awaited<typeof certs>,
    Awaited<ReturnType<typeof startPostgresGroup>>,
    Awaited<ReturnType<typeof startMariadbGroup>>,
  ];
  const startupMs = Date.now() - started;
  trace(`harness ready in ${startupMs}ms`);
  return {
    info: {
      dir,
      certs: certPaths,
      postgres: postgres.primary,
      postgresReplica: postgres.replica,
      postgresExpired: postgres.expired,
      mariadb: mariadb.primary,
      mariadbReplica: mariadb.replica,
      mariadbExpired: mariadb.expired,
    },
    startupMs,
    stop: () => scope.close(),
  };
}

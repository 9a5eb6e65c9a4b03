/**
 * Makes the harness's primaries look like a managed primary for the length of a benchmark, and
 * puts them back afterwards. The harness is sized for fast test starts on one small machine: its
 * replicas run on the same two cores and replay every write a second time there, and MariaDB has
 * a 16 MB buffer pool and an 8 MB redo log, which stall on page flushes once a run creates a few
 * hundred tables (single rounds of 1–3 s). A managed primary's replicas run on other machines, and
 * its buffer pool is far larger. Durability settings are left as the harness has them.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { adminQuery } from '../test/support/admin';
import type { HarnessInfo } from '../test/support/harness-info';

const MARIADB_MEMORY = 256 * 1024 * 1024;

/** Pauses both replicas and grows MariaDB's buffer pool and redo log; returns what undoes it. */
export async function quietServers(harness: HarnessInfo): Promise<{ describe: string; restore: () => Promise<void> }> {
  const [sizes] = await adminQuery(harness.mariadb, 'SELECT @@innodb_buffer_pool_size AS pool, @@innodb_log_file_size AS log');
  const pool = Number(sizes?.pool);
  const log = Number(sizes?.log);
  await adminQuery(harness.mariadbReplica, 'STOP SLAVE');
  await adminQuery(harness.postgresReplica, 'SELECT pg_wal_replay_pause()');
  if (pool < MARIADB_MEMORY) await adminQuery(harness.mariadb, `SET GLOBAL innodb_buffer_pool_size = ${MARIADB_MEMORY}`);
  if (log < MARIADB_MEMORY) await adminQuery(harness.mariadb, `SET GLOBAL innodb_log_file_size = ${MARIADB_MEMORY}`);
  // The buffer pool grows in the background; wait until it has.
  for (let i = 0; i < 50; i++) {
    const [status] = await adminQuery(harness.mariadb, "SELECT VARIABLE_VALUE AS v FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_RESIZE_STATUS'");
    if (!status || !/resiz|start|allocat/i.test(String(status.v)) || /complet/i.test(String(status.v))) break;
    await sleep(100);
  }
  return {
    describe: 'replicas paused; MariaDB buffer pool and redo log 256 MB (the harness runs with 16 MB and 8 MB)',
    async restore() {
      if (pool < MARIADB_MEMORY) await adminQuery(harness.mariadb, `SET GLOBAL innodb_buffer_pool_size = ${pool}`).catch(() => undefined);
      if (log < MARIADB_MEMORY) await adminQuery(harness.mariadb, `SET GLOBAL innodb_log_file_size = ${log}`).catch(() => undefined);
      await adminQuery(harness.mariadbReplica, 'START SLAVE').catch(() => undefined);
      await adminQuery(harness.postgresReplica, 'SELECT pg_wal_replay_resume()').catch(() => undefined);
    },
  };
}

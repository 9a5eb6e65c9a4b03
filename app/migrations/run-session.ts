/**
 * The dedicated session a migration run works on (never the user's console session): it holds
 * the lock, carries an application name that tells other appliers who this is, and has the
 * run's lock and statement timeouts.
 */
import os from 'node:os';
import type { ConnectionConfig } from '../connections/connection-config';
import { driverFor } from '../drivers';
import { exec, sqlFor, type Db } from './db';

/** Who is applying, as history tables record it: the OS user, via Sluice. */
export function appliedBy(): string {
  return `${os.userInfo().username} via Sluice`;
}

/** The application name a run's session carries, so a blocked applier can name the holder. */
export function runApplicationName(): string {
  return `sluice-migrate:${os.userInfo().username}@${os.hostname()}`.slice(0, 63);
}

/** Opens a dedicated session for a migration run. */
export async function openRunSession(config: ConnectionConfig): Promise<Db> {
  // MySQL: several statements per text, so a migration's dirty mark and history rows ride along
  // with its statements (execute-plan). Only this dedicated session; the console's stay single.
  const session = await driverFor(config.dialect).connect(config, { multipleStatements: true });
  const db: Db = { dialect: config.dialect, mariadb: session.server.dialect === 'mariadb', session };
  try {
    if (db.dialect === 'postgres') {
      // PostgreSQL 14+: notice a vanished applier during a long statement and roll back rather than
      // finish a batch nobody is waiting for (a killed applier must leave no half-recorded run).
      // One round trip: the setting is set only where pg_settings has it (older servers skip it).
      await exec(
        db,
        sqlFor('postgres')`SELECT set_config('application_name', ${runApplicationName()}, false), (SELECT set_config(name, '1000', false) FROM pg_settings WHERE name = 'client_connection_check_interval')`,
      ).catch(async () => {
        await exec(db, sqlFor('postgres')`SELECT set_config('application_name', ${runApplicationName()}, false)`);
        await exec(db, sqlFor('postgres')`SELECT set_config('client_connection_check_interval', '1000', false)`).catch(() => undefined);
      });
    }
  } catch (err) {
    await session.close();
    throw err;
  }
  return db;
}

/** Server-side timeouts for a run; 0 or absent leaves the server's setting. */
export interface RunTimeouts {
  /** How long a statement may wait for a lock (PostgreSQL lock_timeout; MySQL lock_wait_timeout and innodb_lock_wait_timeout). */
  lockTimeoutMs?: number | undefined;
  /** How long one statement may run (PostgreSQL statement_timeout; MariaDB max_statement_time; MySQL max_execution_time, SELECT only). */
  statementTimeoutMs?: number | undefined;
}

/** Applies the timeouts to the run's session. */
export async function applyTimeouts(db: Db, timeouts: RunTimeouts): Promise<void> {
  const q = sqlFor(db.dialect);
  const { lockTimeoutMs, statementTimeoutMs } = timeouts;
  if (db.dialect === 'postgres') {
    if (lockTimeoutMs) await exec(db, q`SELECT set_config('lock_timeout', ${`${lockTimeoutMs}ms`}, false)`);
    if (statementTimeoutMs) await exec(db, q`SELECT set_config('statement_timeout', ${`${statementTimeoutMs}ms`}, false)`);
    return;
  }
  if (lockTimeoutMs) {
    const seconds = Math.max(1, Math.ceil(lockTimeoutMs / 1000));
    await exec(db, q`SET SESSION lock_wait_timeout = ${seconds}`);
    await exec(db, q`SET SESSION innodb_lock_wait_timeout = ${seconds}`);
  }
  if (statementTimeoutMs) {
    if (db.mariadb) await exec(db, q`SET SESSION max_statement_time = ${statementTimeoutMs / 1000}`);
    else await exec(db, q`SET SESSION max_execution_time = ${statementTimeoutMs}`);
  }
}

/**
 * One migration lock per database, held for a whole run on the run's dedicated session:
 * `pg_try_advisory_lock` / `GET_LOCK`, the result checked every time (GET_LOCK answers 0 on
 * timeout and NULL on error). Session-level, so a killed applier's lock dies with its
 * connection. A second applier learns who holds it (application name, pid, user) or waits.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SluiceError } from '../api/errors';
import { exec, rowsOf, sqlFor, type Db } from './db';

/** The lock of one database: a bigint key for PostgreSQL, a name for MySQL (names are server-wide, so it holds the database). */
export interface LockKey {
  pgKey: number;
  mysqlName: string;
}

/** The key for `database`: the same for every Sluice, whatever folder or format it runs. */
export function migrationLockKey(database: string): LockKey {
  const digest = createHash('sha256').update(`sluice-migrate\0${database}`).digest('hex');
  // 52 bits: exact as a JS number, positive as a bigint.
  const pgKey = parseInt(digest.slice(0, 13), 16);
  const name = `sluice-migrate:${database}`;
  return { pgKey, mysqlName: name.length <= 64 ? name : `sluice-migrate:${digest.slice(0, 40)}` };
}

async function tryLock(db: Db, key: LockKey): Promise<boolean> {
  const q = sqlFor(db.dialect);
  if (db.dialect === 'postgres') {
    const row = (await exec(db, q`SELECT pg_try_advisory_lock(${key.pgKey}::bigint)`)).rows[0];
    return row?.[0] === true;
  }
  const value = (await exec(db, q`SELECT GET_LOCK(${key.mysqlName}, 0)`)).rows[0]?.[0];
  if (value === null || value === undefined) {
    throw new SluiceError('QUERY_FAILED', { message: 'GET_LOCK returned NULL: the server could not take the migration lock.', details: { lock: key.mysqlName } });
  }
  return Number(value) === 1;
}

/** Who holds the lock, in words, or null when nobody does any more. */
export async function lockHolder(db: Db, key: LockKey): Promise<string | null> {
  const q = sqlFor(db.dialect);
  if (db.dialect === 'postgres') {
    const rows = rowsOf(
      await exec(
        db,
        q`SELECT a.pid, a.application_name, a.usename, a.client_addr::text AS client_addr, a.backend_start
FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.classid::bigint = (${key.pgKey}::bigint >> 32) AND l.objid::bigint = (${key.pgKey}::bigint & 4294967295)`,
      ),
    );
    const row = rows[0];
    if (!row) return null;
    const app = row.application_name ? String(row.application_name) : 'a session';
    const from = row.client_addr ? ` from ${String(row.client_addr)}` : '';
    const since = row.backend_start ? `, connected since ${String(row.backend_start)}` : '';
    return `${app} (pid ${String(row.pid)}, user ${String(row.usename ?? '?')}${from}${since})`;
  }
  const id = (await exec(db, q`SELECT IS_USED_LOCK(${key.mysqlName})`)).rows[0]?.[0];
  if (id === null || id === undefined) return null;
  const row = rowsOf(await exec(db, q`SELECT USER AS user, HOST AS host, COMMAND AS command, TIME AS time FROM information_schema.PROCESSLIST WHERE ID = ${id}`))[0];
  if (!row) return `connection ${String(id)}`;
  return `connection ${String(id)} (user ${String(row.user)}@${String(row.host)}, ${String(row.command)} for ${String(row.time)}s)`;
}

/** How to wait for the lock. */
export interface LockWait {
  waitMs: number;
  /** Called once, with the holder, when the lock is taken by someone else. */
  onBlocked?: (holder: string) => void;
}

/** Takes the lock or throws MIGRATION_LOCKED naming the holder. */
export async function acquireMigrationLock(db: Db, key: LockKey, wait: LockWait): Promise<void> {
  const deadline = Date.now() + wait.waitMs;
  let holder: string | null = null;
  let pause = 50;
  for (;;) {
    if (await tryLock(db, key)) return;
    if (holder === null) {
      holder = (await lockHolder(db, key)) ?? 'another session';
      wait.onBlocked?.(holder);
    }
    if (Date.now() >= deadline) {
      throw new SluiceError('MIGRATION_LOCKED', {
        message: `Another applier holds the migration lock: ${holder}.`,
        details: { holder, waitedMs: wait.waitMs },
      });
    }
    await sleep(Math.min(pause, Math.max(0, deadline - Date.now())));
    pause = Math.min(pause * 2, 500);
  }
}

/** Releases the lock (closing the session would too); says whether it was held. */
export async function releaseMigrationLock(db: Db, key: LockKey): Promise<boolean> {
  const q = sqlFor(db.dialect);
  const value = db.dialect === 'postgres' ? (await exec(db, q`SELECT pg_advisory_unlock(${key.pgKey}::bigint)`)).rows[0]?.[0] : (await exec(db, q`SELECT RELEASE_LOCK(${key.mysqlName})`)).rows[0]?.[0];
  return value === true || Number(value) === 1;
}

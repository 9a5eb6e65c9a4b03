/** A run's frame: its own session, the database's migration lock, and both always given back. */
import type { ConnectionConfig } from '../connections/connection-config';
import type { Db } from './db';
import { acquireMigrationLock, migrationLockKey, releaseMigrationLock } from './lock';
import { openRunSession } from './run-session';

/** Opens the run's session, takes the lock (waiting up to `lockWaitMs`), runs `work`, then releases and closes. */
export async function underLock<T>(config: ConnectionConfig, lockWaitMs: number, onBlocked: ((holder: string) => void) | undefined, work: (db: Db) => Promise<T>): Promise<T> {
  const db = await openRunSession(config);
  const key = migrationLockKey(config.database);
  try {
    await acquireMigrationLock(db, key, { waitMs: lockWaitMs, ...(onBlocked ? { onBlocked } : {}) });
    try {
      return await work(db);
    } finally {
      await releaseMigrationLock(db, key).catch(() => false);
    }
  } finally {
    await db.session.close();
  }
}

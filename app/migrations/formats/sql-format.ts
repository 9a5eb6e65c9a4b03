/**
 * What a SQL-folder format (golang-migrate, dbmate, Flyway) provides: how to read the folder,
 * how the tool orders versions, and how the tool's own history table is read and written, so
 * Sluice and the tool can be used side by side on one database.
 */
import type { Db, Duration, SqlCommand } from '../db';
import type { AppliedRecord, DirtyMark, LocalMigration } from '../model';

/** The SQL folder formats. */
export type SqlFormatName = 'golang-migrate' | 'dbmate' | 'flyway';

/** What a history write needs to know besides the migration. */
export interface HistoryContext {
  db: Db;
  /** `alice via Sluice`. */
  by: string;
  /** Every migration in the folder, in order (golang-migrate needs the previous version on the way down). */
  local: readonly LocalMigration[];
  /** True when a dirty mark was written before the statements ran (MySQL, or no transaction). */
  started: boolean;
  /** A scratchpad that lives for one run, for what a store learns about its table (saves round trips). */
  memo: Record<string, unknown>;
}

/** Reads and writes one tool's history table the way the tool does. */
export interface HistoryStore {
  /** The tool's table. */
  readonly table: string;
  /** Creates the tool's table (and Sluice's) when missing; run under the lock. */
  ensure(db: Db): SqlCommand[];
  /**
   * Applied and dirty migrations as the tool (plus Sluice's table) records them. `memo`, when
   * given, is the scratchpad of the run that follows (under the same lock): what the read learns
   * about the table there saves round trips or server work later.
   */
  read(db: Db, local: readonly LocalMigration[], tables: ReadonlySet<string>, memo?: Record<string, unknown>): Promise<AppliedRecord[]>;
  /** The dirty mark written before running a migration that cannot be rolled back as a whole. */
  markStarted(ctx: HistoryContext, m: LocalMigration, direction: 'up' | 'down'): SqlCommand[];
  /** The history rows of a finished migration (inside its transaction where there is one). */
  markDone(ctx: HistoryContext, m: LocalMigration, direction: 'up' | 'down', durationMs: Duration): SqlCommand[];
  /**
   * Optional: markDone of `done` and markStarted of `next` in fewer statements, for a MySQL
   * chain that writes both in one transaction (mysql-chain.ts). Null when it cannot here.
   */
  advance?(ctx: HistoryContext, done: LocalMigration, next: LocalMigration, direction: 'up' | 'down', durationMs: Duration): SqlCommand[] | null;
  /** Keeps the dirty mark and adds where it failed. */
  markFailed(ctx: HistoryContext, m: LocalMigration, mark: DirtyMark): SqlCommand[];
  /** Clears a dirty mark: the user says the migration is now applied, or not applied. */
  resolve(ctx: HistoryContext, m: LocalMigration, as: 'applied' | 'pending', dirty: DirtyMark): SqlCommand[];
}

/** One SQL folder format. */
export interface SqlFormat {
  readonly name: SqlFormatName;
  /** True when these file names (relative paths) follow the format. */
  detect(files: readonly string[]): boolean;
  /** The folder's migrations in the tool's order. */
  list(dir: string): Promise<LocalMigration[]>;
  /** Orders two ids the way the tool orders versions. */
  compare(a: string, b: string): number;
  readonly history: HistoryStore;
}

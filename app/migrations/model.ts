/**
 * The migration model every format maps onto: migrations found on disk, records found in a
 * history table, and the statuses and plans computed from the two. Plain data, no I/O.
 */
import type { MigrationFormat } from '../api/calls/migration-calls';

/** One direction of a migration as text, with how it must be run. */
export interface MigrationScript {
  /** The SQL exactly as it is in the file (for dbmate: the block's text). */
  sql: string;
  /** Runs outside a transaction: a marker comment, dbmate's `transaction:false`, Flyway's `executeInTransaction=false`. */
  noTransaction: boolean;
}

/** A migration as found in the linked folder. */
export interface LocalMigration {
  /** SQL folders: the version; Django: `app.name`. */
  id: string;
  name: string;
  /** Path relative to the folder; null for migrations known only from the history. */
  file: string | null;
  downFile: string | null;
  /** The format's checksum of the file (Flyway: its CRC32 as signed int text; others: Sluice's SHA-256). */
  checksum: string;
  up: MigrationScript | null;
  down: MigrationScript | null;
  reversible: boolean;
  dependencies: string[];
  /** Flyway `R__`: id `R__{description}`, runs again whenever its checksum changes, has no version and no down. */
  repeatable?: boolean;
}

/** Why a migration is dirty: the run that failed part-way and, when known, where. */
export interface DirtyMark {
  direction: 'up' | 'down';
  statementIndex: number | null;
  statement: string | null;
  error: string | null;
}

/** What the history tables say about one migration. */
export interface AppliedRecord {
  id: string;
  checksum: string | null;
  appliedAt: string | null;
  appliedBy: string | null;
  durationMs: number | null;
  /** Set when the migration failed part-way (MySQL, or PostgreSQL without a transaction). */
  dirty: DirtyMark | null;
}

/** One step of a run. */
export interface PlanStep {
  migration: LocalMigration;
  direction: 'up' | 'down';
}

/** Identifies a folder's format and its history table. */
export interface SourceInfo {
  format: MigrationFormat;
  dir: string;
  historyTable: string;
}

/** The sentinel target meaning "before the first migration" (Django's `zero`). */
export const ZERO_TARGET = 'zero';

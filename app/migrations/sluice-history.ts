/**
 * Sluice's own table beside the tool's: checksums, who applied and how long, where the tool's
 * table has no column for them (golang-migrate, dbmate, Django), and the dirty mark with the
 * failing statement for every format. One row per (format, migration id).
 */
import type { MigrationFormat } from '../api/calls/migration-calls';
import { durationValue, exec, plain, rowsOf, sqlFor, utcDatetimeToIso, type Db, type Duration, type SqlCommand } from './db';
import type { AppliedRecord, DirtyMark } from './model';

/** The table's name. */
export const SLUICE_TABLE = 'sluice_migration_history';

const DDL = {
  postgres: `CREATE TABLE IF NOT EXISTS ${SLUICE_TABLE} (
  format varchar(32) NOT NULL,
  id varchar(255) NOT NULL,
  status varchar(16) NOT NULL,
  checksum varchar(128),
  applied_at timestamptz NOT NULL DEFAULT now(),
  applied_by varchar(255) NOT NULL,
  duration_ms integer,
  direction varchar(8),
  statement_index integer,
  statement text,
  error text,
  PRIMARY KEY (format, id)
)`,
  mysql: `CREATE TABLE IF NOT EXISTS ${SLUICE_TABLE} (
  format varchar(32) NOT NULL,
  id varchar(255) NOT NULL,
  status varchar(16) NOT NULL,
  checksum varchar(128),
  applied_at datetime(6) NOT NULL,
  applied_by varchar(255) NOT NULL,
  duration_ms integer,
  direction varchar(8),
  statement_index integer,
  statement mediumtext,
  error mediumtext,
  PRIMARY KEY (format, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
} as const;

/** Creates the table when it is missing. */
export function createSluiceTable(db: Db): SqlCommand {
  return plain(DDL[db.dialect]);
}

/** A row of Sluice's table, as the formats merge it into their records. */
export interface SluiceRow {
  id: string;
  status: 'applied' | 'dirty';
  checksum: string | null;
  appliedAt: string | null;
  appliedBy: string | null;
  durationMs: number | null;
  dirty: DirtyMark | null;
}

/** Reads the rows of one format (the caller checked the table exists). */
export async function readSluiceRows(db: Db, format: MigrationFormat): Promise<Map<string, SluiceRow>> {
  const q = sqlFor(db.dialect);
  const result = await exec(
    db,
    q`SELECT id, status, checksum, applied_at, applied_by, duration_ms, direction, statement_index, statement, error FROM sluice_migration_history WHERE format = ${format}`,
  );
  const rows = new Map<string, SluiceRow>();
  for (const row of rowsOf(result)) {
    const status = row.status === 'dirty' ? 'dirty' : 'applied';
    rows.set(String(row.id), {
      id: String(row.id),
      status,
      checksum: row.checksum === null ? null : String(row.checksum),
      appliedAt: db.dialect === 'postgres' ? (row.applied_at as string | null) : utcDatetimeToIso(row.applied_at),
      appliedBy: row.applied_by === null ? null : String(row.applied_by),
      durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
      dirty:
        status === 'dirty'
          ? {
              direction: row.direction === 'down' ? 'down' : 'up',
              statementIndex: row.statement_index === null ? null : Number(row.statement_index),
              statement: row.statement === null ? null : String(row.statement),
              error: row.error === null ? null : String(row.error),
            }
          : null,
    });
  }
  return rows;
}

function upsert(db: Db, columns: Record<string, unknown>): SqlCommand {
  const names = Object.keys(columns);
  const values = Object.values(columns);
  const placeholder = (i: number) => (db.dialect === 'postgres' ? `$${i + 1}` : '?');
  const now = db.dialect === 'postgres' ? 'now()' : 'UTC_TIMESTAMP(6)';
  const insert = `INSERT INTO ${SLUICE_TABLE} (${names.join(', ')}, applied_at) VALUES (${names.map((_, i) => placeholder(i)).join(', ')}, ${now})`;
  const updated = [...names.filter((n) => n !== 'format' && n !== 'id'), 'applied_at'];
  const update =
    db.dialect === 'postgres'
      ? ` ON CONFLICT (format, id) DO UPDATE SET ${updated.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}`
      : ` ON DUPLICATE KEY UPDATE ${updated.map((n) => `${n} = VALUES(${n})`).join(', ')}`;
  return { sql: insert + update, params: values };
}

/** Records a migration as applied with its checksum, who applied it and how long it took. */
export function recordApplied(db: Db, format: MigrationFormat, id: string, checksum: string | null, by: string, durationMs: Duration | null): SqlCommand {
  return upsert(db, {
    format,
    id,
    status: 'applied',
    checksum,
    applied_by: by,
    duration_ms: durationValue(durationMs),
    direction: null,
    statement_index: null,
    statement: null,
    error: null,
  });
}

/** Marks a migration dirty, with the failing statement once it is known. */
export function recordDirty(db: Db, format: MigrationFormat, id: string, checksum: string | null, by: string, mark: DirtyMark): SqlCommand {
  return upsert(db, {
    format,
    id,
    status: 'dirty',
    checksum,
    applied_by: by,
    duration_ms: null,
    direction: mark.direction,
    statement_index: mark.statementIndex,
    statement: mark.statement,
    error: mark.error,
  });
}

/** Forgets a migration (rolled back, or resolved as not applied). */
export function forgetRow(db: Db, format: MigrationFormat, id: string): SqlCommand {
  return sqlFor(db.dialect)`DELETE FROM sluice_migration_history WHERE format = ${format} AND id = ${id}`;
}

/** Merges Sluice's row into a record read from the tool's table: fills what the tool does not keep. */
export function withSluiceRow(record: AppliedRecord, row: SluiceRow | undefined): AppliedRecord {
  if (!row) return record;
  return {
    ...record,
    checksum: record.checksum ?? row.checksum,
    appliedAt: record.appliedAt ?? row.appliedAt,
    appliedBy: record.appliedBy ?? row.appliedBy,
    durationMs: record.durationMs ?? row.durationMs,
    dirty: row.dirty ?? record.dirty,
  };
}

/**
 * Flyway's `flyway_schema_history`, created with Flyway's own DDL and written row by row as
 * Flyway writes it: an append-only log ranked by installed_rank, a CRC32 checksum, the
 * execution time, and success=false for a migration that failed part-way (Flyway's own dirty
 * state, which `flyway repair` clears). Undo runs add an UNDO_SQL row.
 */
import { flywayChecksum } from '../../checksum';
import { durationValue, exec, plain, rowsOf, type Db, type Duration, type SqlCommand } from '../../db';
import type { AppliedRecord, DirtyMark, LocalMigration } from '../../model';
import { createSluiceTable, forgetRow, readSluiceRows, recordDirty, SLUICE_TABLE } from '../../sluice-history';
import type { HistoryContext, HistoryStore } from '../sql-format';
import { compareFlywayVersions, flywayVersionKey, repeatableId } from './flyway-files';

const TABLE = 'flyway_schema_history';
const FORMAT = 'flyway';
/** The run's memo key for the installed_rank of the next row (set by read). */
const NEXT_RANK = 'flywayNextRank';

const DDL: Record<Db['dialect'], string[]> = {
  postgres: [
    `CREATE TABLE IF NOT EXISTS ${TABLE} (
    installed_rank INT NOT NULL,
    version VARCHAR(50),
    description VARCHAR(200) NOT NULL,
    type VARCHAR(20) NOT NULL,
    script VARCHAR(1000) NOT NULL,
    checksum INTEGER,
    installed_by VARCHAR(100) NOT NULL,
    installed_on TIMESTAMP NOT NULL DEFAULT now(),
    execution_time INTEGER NOT NULL,
    success BOOLEAN NOT NULL,
    CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank)
)`,
    `CREATE INDEX IF NOT EXISTS flyway_schema_history_s_idx ON ${TABLE} (success)`,
  ],
  mysql: [
    `CREATE TABLE IF NOT EXISTS ${TABLE} (
    installed_rank INT NOT NULL,
    version VARCHAR(50),
    description VARCHAR(200) NOT NULL,
    type VARCHAR(20) NOT NULL,
    script VARCHAR(1000) NOT NULL,
    checksum INT,
    installed_by VARCHAR(100) NOT NULL,
    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    execution_time INT NOT NULL,
    success BOOL NOT NULL,
    CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank),
    INDEX flyway_schema_history_s_idx (success)
) ENGINE=InnoDB`,
  ],
};

/** Types whose successful row means the version is applied. */
const APPLY_TYPES = new Set(['SQL', 'JDBC', 'SPRING_JDBC', 'SCRIPT', 'CUSTOM']);

const COLUMNS = '(installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)';

/** A row's values after installed_rank, as placeholders (PostgreSQL: numbered from 1, each cast) and their parameters. */
function rowValues(ctx: HistoryContext, m: LocalMigration, type: 'SQL' | 'UNDO_SQL', success: boolean, durationMs: Duration): { placeholders: string; params: unknown[] } {
  const undo = type === 'UNDO_SQL';
  const script = (undo ? m.downFile : m.file) ?? '';
  // Flyway's checksum of the script this row records: the undo file's for UNDO_SQL rows.
  const checksum = undo ? (m.down ? flywayChecksum(m.down.sql) : null) : Number(m.checksum);
  const values: Array<[unknown, string]> = [
    [m.repeatable ? null : m.id, 'varchar'],
    [m.name.slice(0, 200), 'varchar'],
    [type, 'varchar'],
    [script.slice(0, 1000), 'varchar'],
    [checksum, 'integer'],
    [ctx.by.slice(0, 100), 'varchar'],
    [durationValue(durationMs), 'integer'],
    [success, 'boolean'],
  ];
  // In INSERT … SELECT PostgreSQL types an untyped parameter as text, so each one is cast.
  const placeholders = values.map(([, t], i) => (ctx.db.dialect === 'postgres' ? `$${i + 1}::${t}` : '?')).join(', ');
  return { placeholders, params: values.map(([v]) => v) };
}

/**
 * The rank for a new row when the run read the table under the migration lock (no MAX() over the
 * table per row: a concurrent writer outside the lock would meet a primary-key error, not a gap);
 * a dirty row's rank is remembered so its completion finds it by key. Null when unknown.
 */
function takeRank(ctx: HistoryContext, m: LocalMigration, type: 'SQL' | 'UNDO_SQL', success: boolean): number | null {
  const next = ctx.memo[NEXT_RANK];
  if (typeof next !== 'number') return null;
  ctx.memo[NEXT_RANK] = next + 1;
  if (!success) ctx.memo[markKey(m, type)] = next;
  return next;
}

function appendRow(ctx: HistoryContext, m: LocalMigration, type: 'SQL' | 'UNDO_SQL', success: boolean, durationMs: Duration): SqlCommand {
  const { placeholders, params } = rowValues(ctx, m, type, success, durationMs);
  const rank = takeRank(ctx, m, type, success);
  if (rank !== null) return { sql: `INSERT INTO ${TABLE} ${COLUMNS} VALUES (${rank}, ${placeholders})`, params };
  return { sql: `INSERT INTO ${TABLE} ${COLUMNS} SELECT COALESCE(MAX(installed_rank), 0) + 1, ${placeholders} FROM ${TABLE}`, params };
}

/** Where this run wrote the failed row of a migration (its dirty mark). */
function markKey(m: LocalMigration, type: 'SQL' | 'UNDO_SQL'): string {
  return `flywayMarkRank:${type}:${m.id}`;
}

/**
 * How a migration's rows are found: by version, or for a repeatable one (no version) by
 * description. Returns the condition with `?` for the one value, and that value.
 */
function historyKey(m: LocalMigration): { where: string; value: string } {
  return m.repeatable ? { where: 'version IS NULL AND description = ?', value: m.name.slice(0, 200) } : { where: 'version = ?', value: m.id };
}

/** A command from text with `?` placeholders, numbered for PostgreSQL. */
function command(db: Db, sql: string, params: unknown[]): SqlCommand {
  let n = 0;
  return { sql: db.dialect === 'postgres' ? sql.replace(/\?/g, () => `$${++n}`) : sql, params };
}

/** Marks the newest failed row of this migration and type as successful. */
function completeRow(ctx: HistoryContext, m: LocalMigration, type: 'SQL' | 'UNDO_SQL', durationMs: Duration | null): SqlCommand {
  const ms = durationValue(durationMs);
  const rank = ctx.memo[markKey(m, type)];
  const key = historyKey(m);
  if (typeof rank === 'number' && ctx.db.dialect === 'mysql') {
    // The row this run's dirty mark wrote, found by its key (no scan, no ORDER BY … LIMIT).
    return command(ctx.db, `UPDATE ${TABLE} SET success = 1, execution_time = COALESCE(?, execution_time) WHERE installed_rank = ? AND ${key.where} AND type = ? AND success = 0`, [ms, rank, key.value, type]);
  }
  if (ctx.db.dialect === 'mysql') {
    return command(ctx.db, `UPDATE ${TABLE} SET success = 1, execution_time = COALESCE(?, execution_time) WHERE ${key.where} AND type = ? AND success = 0 ORDER BY installed_rank DESC LIMIT 1`, [ms, key.value, type]);
  }
  return command(
    ctx.db,
    `UPDATE ${TABLE} SET success = true, execution_time = COALESCE(?::int, execution_time) WHERE installed_rank = (SELECT max(installed_rank) FROM ${TABLE} WHERE ${key.where} AND type = ? AND NOT success)`,
    [ms, key.value, type],
  );
}

/**
 * MySQL: completes the dirty row of `done` and appends the dirty row of `next` in one statement,
 * an INSERT of both rows whose ON DUPLICATE KEY UPDATE completes `done`'s row (found by its rank,
 * which the run wrote). Should `next`'s rank be taken by a row of another writer, the update
 * moves that row onto `done`'s rank, which fails with a duplicate key as a plain INSERT would:
 * the run stops instead of starting a migration without its dirty mark.
 */
function advanceRows(ctx: HistoryContext, done: LocalMigration, next: LocalMigration, direction: 'up' | 'down', durationMs: Duration): SqlCommand[] | null {
  const type = direction === 'up' ? 'SQL' : 'UNDO_SQL';
  const rank = ctx.memo[markKey(done, type)];
  if (ctx.db.dialect !== 'mysql' || typeof rank !== 'number' || typeof ctx.memo[NEXT_RANK] !== 'number') return null;
  const doneRow = rowValues(ctx, done, type, true, durationMs);
  const nextRow = rowValues(ctx, next, type, false, 0);
  const nextRank = takeRank(ctx, next, type, false) as number;
  const matches = `installed_rank = ${rank} AND version <=> VALUES(version) AND type = VALUES(type) AND success = 0`;
  return [
    {
      sql: `INSERT INTO ${TABLE} ${COLUMNS} VALUES (${rank}, ${doneRow.placeholders}), (${nextRank}, ${nextRow.placeholders}) ON DUPLICATE KEY UPDATE installed_rank = IF(installed_rank = ${rank}, installed_rank, ${rank}), execution_time = IF(${matches}, VALUES(execution_time), execution_time), success = IF(${matches}, VALUES(success), success)`,
      params: [...doneRow.params, ...nextRow.params],
    },
  ];
}

function dropFailedRows(ctx: HistoryContext, m: LocalMigration, type: 'SQL' | 'UNDO_SQL'): SqlCommand {
  const key = historyKey(m);
  return command(ctx.db, `DELETE FROM ${TABLE} WHERE ${key.where} AND type = ? AND ${ctx.db.dialect === 'mysql' ? 'success = 0' : 'NOT success'}`, [key.value, type]);
}

function toIso(db: Db, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (db.dialect === 'postgres') return String(value);
  return new Date(Number(value) * 1000).toISOString();
}

/** Flyway's history. */
export const flywayHistory: HistoryStore = {
  table: TABLE,
  // Flyway's row holds everything; Sluice's table is created only when a failure needs recording.
  ensure: (db) => DDL[db.dialect].map(plain),
  async read(db, local, tables, memo) {
    if (!tables.has(TABLE)) return [];
    const sluice = tables.has(SLUICE_TABLE) ? await readSluiceRows(db, FORMAT) : new Map();
    const installedOn = db.dialect === 'postgres' ? 'installed_on::timestamptz' : 'UNIX_TIMESTAMP(installed_on)';
    const rows = rowsOf(
      await exec(db, plain(`SELECT installed_rank, version, description, type, checksum, installed_by, ${installedOn} AS installed_on, execution_time, success FROM ${TABLE} ORDER BY installed_rank`)),
    );
    if (memo) {
      const ranks = rows.map((row) => Number(row.installed_rank));
      const max = ranks.length ? ranks[ranks.length - 1] : 0;
      // Ordered by rank, so the last is the highest; anything unexpected leaves MAX() to the server.
      if (Number.isSafeInteger(max) && ranks.every((r) => Number.isSafeInteger(r) && r <= (max as number))) memo[NEXT_RANK] = (max as number) + 1;
    }
    // The folder's spelling of a version wins ("1.0" in the table is the file's "1").
    const byKey = new Map(local.filter((m) => !m.repeatable).map((m) => [flywayVersionKey(m.id), m.id]));
    const idOf = (version: string) => (/^\d+(\.\d+)*$/.test(version) ? byKey.get(flywayVersionKey(version)) : undefined) ?? version;
    const state = new Map<string, AppliedRecord>();
    let baseline: string | null = null;
    for (const row of rows) {
      const type = String(row.type);
      // Repeatable migrations: no version, keyed by description; the newest row says where they stand.
      const id = row.version === null ? (APPLY_TYPES.has(type) ? repeatableId(String(row.description)) : null) : idOf(String(row.version));
      if (id === null) continue;
      const success = row.success === true || Number(row.success) === 1;
      const record: AppliedRecord = {
        id,
        checksum: row.checksum === null ? null : String(row.checksum),
        appliedAt: toIso(db, row.installed_on),
        appliedBy: row.installed_by === null ? null : String(row.installed_by),
        durationMs: row.execution_time === null ? null : Number(row.execution_time),
        dirty: null,
      };
      if (type === 'BASELINE') baseline = id;
      else if (APPLY_TYPES.has(type)) {
        state.set(id, success ? record : { ...record, dirty: { direction: 'up', statementIndex: null, statement: null, error: null } });
      } else if (type === 'UNDO_SQL') {
        const applied = state.get(id);
        if (success) state.delete(id);
        else if (applied) state.set(id, { ...applied, dirty: { direction: 'down', statementIndex: null, statement: null, error: null } });
      }
    }
    if (baseline !== null) {
      for (const m of local) {
        if (!m.repeatable && compareFlywayVersions(m.id, baseline) <= 0 && !state.has(m.id)) {
          state.set(m.id, { id: m.id, checksum: null, appliedAt: null, appliedBy: 'baseline', durationMs: null, dirty: null });
        }
      }
    }
    for (const record of state.values()) {
      const detail = sluice.get(record.id);
      if (record.dirty && detail?.dirty) record.dirty = detail.dirty;
    }
    return [...state.values()];
  },
  markStarted: (ctx, m, direction) => [appendRow(ctx, m, direction === 'up' ? 'SQL' : 'UNDO_SQL', false, 0)],
  markDone(ctx, m, direction, durationMs) {
    const type = direction === 'up' ? 'SQL' : 'UNDO_SQL';
    return [ctx.started ? completeRow(ctx, m, type, durationMs) : appendRow(ctx, m, type, true, durationMs)];
  },
  advance: advanceRows,
  markFailed: (ctx, m, mark: DirtyMark) => [createSluiceTable(ctx.db), recordDirty(ctx.db, FORMAT, m.id, m.checksum, ctx.by, mark)],
  resolve(ctx, m, as, dirty) {
    const type = dirty.direction === 'up' ? 'SQL' : 'UNDO_SQL';
    // Up failed: "pending" is flyway repair (drop the failed row); down failed: "applied" drops the failed undo.
    const keepsFailedRow = (dirty.direction === 'up') === (as === 'applied');
    return [keepsFailedRow ? completeRow(ctx, m, type, null) : dropFailedRows(ctx, m, type), forgetRow(ctx.db, FORMAT, m.id)];
  },
};

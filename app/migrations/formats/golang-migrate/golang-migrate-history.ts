/**
 * golang-migrate's `schema_migrations(version bigint, dirty boolean)`: one row, the current
 * version, dirty while a migration runs. Sluice writes it as golang-migrate's SetVersion does
 * (clear the table, insert the row; the nil version with dirty=true is stored as -1).
 */
import { exec, plain, rowsOf, sqlFor, type SqlCommand } from '../../db';
import type { AppliedRecord, LocalMigration } from '../../model';
import { createSluiceTable, forgetRow, readSluiceRows, recordApplied, recordDirty, SLUICE_TABLE, withSluiceRow } from '../../sluice-history';
import { compareDigits } from '../../source-files';
import { assertSchemaMigrationsOwner } from '../schema-migrations-owner';
import type { HistoryContext, HistoryStore } from '../sql-format';

const TABLE = 'schema_migrations';
const FORMAT = 'golang-migrate';
/** golang-migrate's database.NilVersion. */
const NIL_VERSION = '-1';

/**
 * golang-migrate's SetVersion: afterwards the table holds exactly (version, dirty), or nothing for
 * the nil version. Once this run has written the row, a single UPDATE does (one round trip on MySQL).
 */
function setVersion(ctx: Pick<HistoryContext, 'db' | 'memo'>, version: string, dirty: boolean): SqlCommand[] {
  const q = sqlFor(ctx.db.dialect);
  const keepsRow = version !== NIL_VERSION || dirty;
  const hadRow = ctx.memo.golangMigrateRow === true;
  ctx.memo.golangMigrateRow = keepsRow;
  if (hadRow && keepsRow) return [q`UPDATE schema_migrations SET version = ${version}, dirty = ${dirty}`];
  const commands = [plain(`DELETE FROM ${TABLE}`)];
  if (keepsRow) commands.push(q`INSERT INTO schema_migrations (version, dirty) VALUES (${version}, ${dirty})`);
  return commands;
}

/** The version below `m` in the folder, or the nil version. */
function previousVersion(local: readonly LocalMigration[], m: LocalMigration): string {
  let previous = NIL_VERSION;
  for (const other of local) if (compareDigits(other.id, m.id) < 0) previous = other.id;
  return previous;
}

/** golang-migrate's history. */
export const golangMigrateHistory: HistoryStore = {
  table: TABLE,
  ensure: (db) => [plain(`CREATE TABLE IF NOT EXISTS ${TABLE} (version bigint not null primary key, dirty boolean not null)`), createSluiceTable(db)],
  async read(db, local, tables) {
    if (!tables.has(TABLE)) return [];
    await assertSchemaMigrationsOwner(db, 'golang-migrate');
    const sluice = tables.has(SLUICE_TABLE) ? await readSluiceRows(db, FORMAT) : new Map();
    const row = rowsOf(await exec(db, plain(`SELECT version, dirty FROM ${TABLE} LIMIT 1`)))[0];
    const records: AppliedRecord[] = [];
    if (row) {
      const current = String(row.version);
      const dirty = row.dirty === true || row.dirty === 1 || row.dirty === '1';
      const applied = current === NIL_VERSION ? [] : local.filter((m) => compareDigits(m.id, current) <= 0).map((m) => m.id);
      if (current !== NIL_VERSION && !applied.includes(current)) applied.push(current);
      for (const id of applied) {
        const dirtyHere = dirty && id === current ? { direction: 'up' as const, statementIndex: null, statement: null, error: null } : null;
        records.push(withSluiceRow({ id, checksum: null, appliedAt: null, appliedBy: null, durationMs: null, dirty: dirtyHere }, sluice.get(id)));
      }
      // A failed rollback of W leaves the version below W dirty; Sluice's row says it was W.
      for (const r of sluice.values()) {
        if (r.status === 'dirty' && !applied.includes(r.id)) {
          records.push({ id: r.id, checksum: r.checksum, appliedAt: r.appliedAt, appliedBy: r.appliedBy, durationMs: null, dirty: r.dirty });
          const below = records.find((rec) => rec.id === current);
          if (below && below.dirty && below.dirty.statementIndex === null) below.dirty = null;
        }
      }
    }
    return records;
  },
  // golang-migrate's own dirty flag is the mark; Sluice's row (with the failing statement) is added only on failure.
  markStarted: (ctx, m, direction) => setVersion(ctx, direction === 'up' ? m.id : previousVersion(ctx.local, m), true),
  markDone(ctx, m, direction, durationMs) {
    if (direction === 'up') return [...setVersion(ctx, m.id, false), recordApplied(ctx.db, FORMAT, m.id, m.checksum, ctx.by, durationMs)];
    return [...setVersion(ctx, previousVersion(ctx.local, m), false), forgetRow(ctx.db, FORMAT, m.id)];
  },
  markFailed: (ctx, m, mark) => [recordDirty(ctx.db, FORMAT, m.id, m.checksum, ctx.by, mark)],
  resolve(ctx: HistoryContext, m, as) {
    if (as === 'applied') return [...setVersion(ctx, m.id, false), recordApplied(ctx.db, FORMAT, m.id, m.checksum, ctx.by, null)];
    return [...setVersion(ctx, previousVersion(ctx.local, m), false), forgetRow(ctx.db, FORMAT, m.id)];
  },
};

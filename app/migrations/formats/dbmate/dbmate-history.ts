/**
 * dbmate's `schema_migrations(version varchar(128) primary key)`: a row per applied version.
 * dbmate has no dirty state of its own, so the dirty mark lives in Sluice's table only.
 */
import { exec, plain, sqlFor } from '../../db';
import type { AppliedRecord } from '../../model';
import { createSluiceTable, forgetRow, readSluiceRows, recordApplied, recordDirty, SLUICE_TABLE, withSluiceRow } from '../../sluice-history';
import { assertSchemaMigrationsOwner } from '../schema-migrations-owner';
import type { HistoryStore } from '../sql-format';

const TABLE = 'schema_migrations';
const FORMAT = 'dbmate';

/** dbmate's history. */
export const dbmateHistory: HistoryStore = {
  table: TABLE,
  ensure: (db) => [plain(`CREATE TABLE IF NOT EXISTS ${TABLE} (version varchar(128) primary key)`), createSluiceTable(db)],
  async read(db, _local, tables) {
    const sluice = tables.has(SLUICE_TABLE) ? await readSluiceRows(db, FORMAT) : new Map();
    if (tables.has(TABLE)) await assertSchemaMigrationsOwner(db, 'dbmate');
    const versions = tables.has(TABLE) ? (await exec(db, plain(`SELECT version FROM ${TABLE}`))).rows.map((r) => String(r[0])) : [];
    const records: AppliedRecord[] = versions.map((id) =>
      withSluiceRow({ id, checksum: null, appliedAt: null, appliedBy: null, durationMs: null, dirty: null }, sluice.get(id)),
    );
    for (const row of sluice.values()) {
      if (row.status === 'dirty' && !versions.includes(row.id)) {
        records.push({ id: row.id, checksum: row.checksum, appliedAt: row.appliedAt, appliedBy: row.appliedBy, durationMs: null, dirty: row.dirty });
      }
    }
    return records;
  },
  markStarted: (ctx, m, direction) => [recordDirty(ctx.db, FORMAT, m.id, m.checksum, ctx.by, { direction, statementIndex: null, statement: null, error: null })],
  markDone(ctx, m, direction, durationMs) {
    const q = sqlFor(ctx.db.dialect);
    if (direction === 'up') return [q`INSERT INTO schema_migrations (version) VALUES (${m.id})`, recordApplied(ctx.db, FORMAT, m.id, m.checksum, ctx.by, durationMs)];
    return [q`DELETE FROM schema_migrations WHERE version = ${m.id}`, forgetRow(ctx.db, FORMAT, m.id)];
  },
  markFailed: (ctx, m, mark) => [recordDirty(ctx.db, FORMAT, m.id, m.checksum, ctx.by, mark)],
  resolve(ctx, m, as) {
    const q = sqlFor(ctx.db.dialect);
    const remove = q`DELETE FROM schema_migrations WHERE version = ${m.id}`;
    if (as === 'applied') return [remove, q`INSERT INTO schema_migrations (version) VALUES (${m.id})`, recordApplied(ctx.db, FORMAT, m.id, m.checksum, ctx.by, null)];
    return [remove, forgetRow(ctx.db, FORMAT, m.id)];
  },
};

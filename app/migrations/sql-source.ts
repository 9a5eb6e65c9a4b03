/** A SQL folder (golang-migrate, dbmate, Flyway) against one database: status, apply, resolve. */
import type { MigrationStatusReport } from '../api/calls/migration-calls';
import { SluiceError } from '../api/errors';
import type { ConnectionConfig } from '../connections/connection-config';
import { underLock } from './under-lock';
import { existingTables, exec, type Db } from './db';
import { executePlan, runAtomically } from './execute-plan';
import type { SqlFormat } from './formats/sql-format';
import type { LocalMigration } from './model';
import { planRun } from './plan';
import { appliedBy, applyTimeouts, openRunSession } from './run-session';
import { createSluiceTable, SLUICE_TABLE } from './sluice-history';
import type { MigrationSource } from './source';
import { computeStatus } from './status';

async function readState(db: Db, format: SqlFormat, dir: string, known?: { tables: Set<string>; local: LocalMigration[]; memo: Record<string, unknown> }) {
  const local = known?.local ?? (await format.list(dir));
  const tables = known?.tables ?? (await existingTables(db, [format.history.table, SLUICE_TABLE]));
  const applied = await format.history.read(db, local, tables, known?.memo);
  return { local, states: computeStatus(local, applied, format.compare), tables };
}

/** Creates the history tables when missing; returns which tables exist afterwards (one catalog lookup). */
async function ensureTables(db: Db, format: SqlFormat): Promise<Set<string>> {
  const tables = await existingTables(db, [format.history.table, SLUICE_TABLE]);
  if (!tables.has(format.history.table) || (!tables.has(SLUICE_TABLE) && format.name !== 'flyway')) {
    const commands = format.history.ensure(db);
    // PostgreSQL: one text, one implicit transaction, one commit (every ensure command is parameterless DDL).
    if (db.dialect === 'postgres' && commands.every((c) => c.params.length === 0)) await db.session.run(commands.map((c) => c.sql).join(';\n'));
    else for (const command of commands) await exec(db, command);
    // Every ensure command is CREATE TABLE IF NOT EXISTS: the tool's table exists now, and Sluice's when ensure creates it.
    tables.add(format.history.table);
    const sluiceDdl = createSluiceTable(db).sql;
    if (commands.some((c) => c.sql === sluiceDdl)) tables.add(SLUICE_TABLE);
  }
  return tables;
}

/** Builds the source for a SQL folder. */
export function sqlSource(config: ConnectionConfig, dir: string, format: SqlFormat): MigrationSource {
  const report = (states: MigrationStatusReport['migrations']): MigrationStatusReport => ({ format: format.name, dir, historyTable: format.history.table, migrations: states });
  const find = (local: readonly LocalMigration[], id: string) => {
    const m = local.find((l) => l.id === id);
    if (!m) throw new SluiceError('MIGRATION_NOT_FOUND', { message: `No migration "${id.slice(0, 200)}" in the folder.`, details: { id } });
    return m;
  };
  return {
    async status() {
      const db = await openRunSession(config);
      try {
        return report((await readState(db, format, dir)).states);
      } finally {
        await db.session.close();
      }
    },
    async source(id) {
      const m = find(await format.list(dir), id);
      return { id, format: format.name, file: m.file, up: m.up?.sql ?? null, down: m.down?.sql ?? null, python: null, unavailable: { up: null, down: null } };
    },
    apply(request, emit) {
      return underLock(config, request.lockWaitMs, (holder) => emit({ kind: 'locked', holder }), async (db) => {
        // The catalog lookup goes out first; the folder is read while it travels.
        const ensured = ensureTables(db, format);
        const [tables, listed] = await Promise.all([ensured, format.list(dir)]);
        const memo: Record<string, unknown> = {};
        const { local, states } = await readState(db, format, dir, { tables, local: listed, memo });
        const steps = planRun(states, local, request);
        await applyTimeouts(db, request);
        return executePlan({ db, format, local, by: appliedBy(), emit, memo }, steps);
      });
    },
    resolve(id, as, lockWaitMs) {
      return underLock(config, lockWaitMs, undefined, async (db) => {
        const { local, states } = await readState(db, format, dir);
        const dirty = states.filter((s) => s.status === 'dirty');
        const target = id === undefined ? dirty[0] : states.find((s) => s.id === id);
        if (id === undefined && dirty.length !== 1) {
          throw new SluiceError(dirty.length === 0 ? 'MIGRATION_NOT_DIRTY' : 'BAD_INPUT', {
            message: dirty.length === 0 ? 'No migration is marked dirty.' : `Several migrations are dirty (${dirty.map((d) => d.id).join(', ')}); name one.`,
          });
        }
        if (!target) throw new SluiceError('MIGRATION_NOT_FOUND', { message: `No migration "${String(id).slice(0, 200)}".`, details: { id } });
        if (target.status !== 'dirty' || !target.dirty) throw new SluiceError('MIGRATION_NOT_DIRTY', { message: `Migration ${target.id} is not marked dirty.`, details: { id: target.id } });
        const m = find(local, target.id);
        if (!(await existingTables(db, [SLUICE_TABLE])).has(SLUICE_TABLE)) await exec(db, createSluiceTable(db));
        await runAtomically(db, format.history.resolve({ db, by: appliedBy(), local, started: true, memo: {} }, m, as, target.dirty));
        return report((await readState(db, format, dir)).states);
      });
    },
  };
}

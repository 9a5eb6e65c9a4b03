/**
 * golang-migrate, dbmate and Flyway folders through `sluice migrate`, on PostgreSQL and MariaDB:
 * status, up and down, with each tool's history table in that tool's own layout.
 */
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { DbServerInfo } from '../../support/harness-info';
import { cliEnv, columnsOf, dbUrl, envelope, FIXTURES, freshDatabase, queryIn, sluice, tablesIn } from './support/migrate-cli';

const harness = inject('harness');

/** Each tool's history after `up` (three migrations) and after one `down`. */
interface Expectation {
  format: 'golang-migrate' | 'dbmate' | 'flyway';
  ids: string[];
  historyTable: string;
  columns: string[];
  history(server: DbServerInfo, db: string): Promise<unknown>;
  afterUp: unknown;
  afterDown: unknown;
  downAll: string[];
}

const bool = (v: unknown) => Boolean(Number(v));

const EXPECTATIONS: Expectation[] = [
  {
    format: 'golang-migrate',
    ids: ['1', '2', '3'],
    historyTable: 'schema_migrations',
    columns: ['version', 'dirty'],
    history: async (server, db) => (await queryIn(server, db, 'SELECT version, dirty FROM schema_migrations')).map((r) => ({ version: String(r.version), dirty: bool(r.dirty) })),
    afterUp: [{ version: '3', dirty: false }],
    afterDown: [{ version: '2', dirty: false }],
    downAll: ['--to', 'zero'],
  },
  {
    format: 'dbmate',
    ids: ['20240101000001', '20240101000002', '20240101000003'],
    historyTable: 'schema_migrations',
    columns: ['version'],
    history: async (server, db) => (await queryIn(server, db, 'SELECT version FROM schema_migrations ORDER BY version')).map((r) => String(r.version)),
    afterUp: ['20240101000001', '20240101000002', '20240101000003'],
    afterDown: ['20240101000001', '20240101000002'],
    downAll: ['--to', 'zero'],
  },
  {
    format: 'flyway',
    ids: ['1', '1.1', '2'],
    historyTable: 'flyway_schema_history',
    columns: ['installed_rank', 'version', 'description', 'type', 'script', 'checksum', 'installed_by', 'installed_on', 'execution_time', 'success'],
    history: async (server, db) =>
      (await queryIn(server, db, 'SELECT installed_rank, version, description, type, script, checksum, installed_by, installed_on, execution_time, success FROM flyway_schema_history ORDER BY installed_rank')).map((r) => {
        expect(r.installed_on).toBeTruthy();
        expect(Number(r.execution_time)).toBeGreaterThanOrEqual(0);
        expect(String(r.installed_by)).toMatch(/ via Sluice$/);
        return [Number(r.installed_rank), r.version, r.description, r.type, r.script, r.checksum === null ? null : Number(r.checksum), bool(r.success)];
      }),
    // Checksums as Flyway computes them (CRC32 over lines; reference values from java.util.zip.CRC32).
    afterUp: [
      [1, '1', 'create widgets', 'SQL', 'V1__create_widgets.sql', -344439060, true],
      [2, '1.1', 'add widget color', 'SQL', 'V1_1__add_widget_color.sql', 786692339, true],
      [3, '2', 'create gadgets', 'SQL', 'V2__create_gadgets.sql', -513978220, true],
    ],
    afterDown: [
      [1, '1', 'create widgets', 'SQL', 'V1__create_widgets.sql', -344439060, true],
      [2, '1.1', 'add widget color', 'SQL', 'V1_1__add_widget_color.sql', 786692339, true],
      [3, '2', 'create gadgets', 'SQL', 'V2__create_gadgets.sql', -513978220, true],
      [4, '2', 'create gadgets', 'UNDO_SQL', 'U2__create_gadgets.sql', 899621731, true],
    ],
    downAll: ['--to', '1'],
  },
];

for (const server of [harness.postgres, harness.mariadb]) {
  for (const x of EXPECTATIONS) {
    describe(`${x.format} folder on ${server.engine}`, () => {
      const dir = path.join(FIXTURES, x.format);
      const env = cliEnv(server);

      it('shows status, applies, rolls back, and keeps the tool’s own history table', async () => {
        const db = await freshDatabase(server, `fmt_${x.format.replace('-', '_')}`);
        const url = dbUrl(harness, server, db);

        const before = await sluice(['migrate', 'status', url, '--dir', dir, '--json'], env);
        expect(before.code).toBe(0);
        const status = envelope(before);
        expect(status).toMatchObject({ ok: true, value: { format: x.format, migrations: x.ids.map((id) => ({ id, status: 'pending' })) } });
        expect(before.stdout).not.toContain(server.password);

        const up = await sluice(['migrate', 'up', url, '--dir', dir, '--yes'], env);
        expect(up.code, up.stderr).toBe(0);
        expect(up.stdout).toContain('Applied 3 migrations.');
        const tables = await tablesIn(server, db);
        expect(tables).toEqual(expect.arrayContaining(['widgets', 'gadgets', x.historyTable]));
        // Flyway's own row holds checksum, who and duration: Sluice adds a table only where the tool has none.
        expect(tables.includes('sluice_migration_history')).toBe(x.format !== 'flyway');
        expect((await queryIn(server, db, 'SELECT name FROM widgets'))[0]?.name).toBe('sprocket; the classic');
        expect(await columnsOf(server, db, x.historyTable)).toEqual(x.columns);
        expect(await x.history(server, db)).toEqual(x.afterUp);

        const applied = envelope(await sluice(['migrate', 'status', url, '--dir', dir, '--json'], env));
        for (const m of applied.value.migrations) {
          expect(m).toMatchObject({ status: 'applied', appliedBy: expect.stringMatching(/ via Sluice$/), appliedChecksum: m.checksum });
          expect(m.appliedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
          expect(typeof m.durationMs).toBe('number');
        }

        const again = await sluice(['migrate', 'up', url, '--dir', dir, '--yes'], env);
        expect(again.code).toBe(0);
        expect(again.stdout).toContain('Nothing to do.');

        const down = await sluice(['migrate', 'down', url, '--dir', dir, '--yes'], env);
        expect(down.code, down.stderr).toBe(0);
        expect(down.stdout).toContain('Rolled back 1 migration.');
        expect(await tablesIn(server, db)).not.toContain('gadgets');
        expect(await x.history(server, db)).toEqual(x.afterDown);
        const afterDown = envelope(await sluice(['migrate', 'status', url, '--dir', dir, '--json'], env));
        expect(afterDown.value.migrations.map((m: { status: string }) => m.status)).toEqual(['applied', 'applied', 'pending']);

        const rest = await sluice(['migrate', 'down', url, '--dir', dir, '--yes', ...x.downAll], env);
        expect(rest.code, rest.stderr).toBe(0);
        const final = envelope(await sluice(['migrate', 'status', url, '--dir', dir, '--json'], env));
        const expected = x.format === 'flyway' ? ['applied', 'pending', 'pending'] : ['pending', 'pending', 'pending'];
        expect(final.value.migrations.map((m: { status: string }) => m.status)).toEqual(expected);
      });
    });
  }

  describe(`sluice migrate usage on ${server.engine}`, () => {
    it('refuses up without --yes when nobody can confirm (exit 2)', async () => {
      const db = await freshDatabase(server, 'fmt_usage');
      const run = await sluice(['migrate', 'up', dbUrl(harness, server, db), '--dir', path.join(FIXTURES, 'golang-migrate')], cliEnv(server));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/without --yes/);
      expect(await tablesIn(server, db)).toEqual([]);
    });
  });
}

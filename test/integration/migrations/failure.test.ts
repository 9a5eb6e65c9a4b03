/**
 * A migration failing at statement 3 of 5. PostgreSQL: the transaction leaves no trace of
 * statements 1–2 and the history is unchanged. MariaDB (DDL commits implicitly): the migration
 * stays marked dirty with statement 3 reported, and `up` exits 4 until `resolve`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { cliEnv, dbUrl, envelope, freshDatabase, queryIn, sluice, tablesIn, writeFolder } from './support/migrate-cli';

const harness = inject('harness');

const FIVE_STATEMENTS = (third: string) => `CREATE TABLE s1 (id integer);
INSERT INTO base (id) VALUES (1);
${third};
CREATE TABLE s4 (id integer);
CREATE TABLE s5 (id integer);
`;

function folder(): string {
  return writeFolder({
    '1_base.up.sql': 'CREATE TABLE base (id integer PRIMARY KEY);\n',
    '1_base.down.sql': 'DROP TABLE base;\n',
    '2_five.up.sql': FIVE_STATEMENTS('INSERT INTO missing_table (id) VALUES (3)'),
    '2_five.down.sql': 'DROP TABLE s5;\nDROP TABLE s4;\nDELETE FROM base;\nDROP TABLE s1;\n',
  });
}

for (const server of [harness.postgres, harness.mariadb]) {
  describe(`a failing migration on ${server.engine}`, () => {
    const env = cliEnv(server);

    it(server.engine === 'postgres' ? 'leaves no trace of statements 1–2 and no history change' : 'stays dirty at statement 3 and blocks up (exit 4) until resolved', async () => {
      const db = await freshDatabase(server, 'fail3');
      const url = dbUrl(harness, server, db);
      const dir = folder();
      const history = async () => ({
        tool: await queryIn(server, db, 'SELECT version, dirty FROM schema_migrations'),
        sluice: await queryIn(server, db, 'SELECT id, status, checksum FROM sluice_migration_history ORDER BY id'),
      });

      expect((await sluice(['migrate', 'up', url, '--dir', dir, '--yes', '--to', '1'], env)).code).toBe(0);
      const before = await history();

      const failed = await sluice(['migrate', 'up', url, '--dir', dir, '--yes', '--json'], env);
      expect(failed.code).toBe(1);
      const out = envelope(failed);
      expect(out).toMatchObject({ ok: false, error: { code: 'MIGRATION_FAILED' } });
      expect(out.error.details.result.outcomes).toEqual([
        {
          id: '2',
          status: 'error',
          error: expect.objectContaining({ code: 'MIGRATION_FAILED', statementIndex: 3, statement: 'INSERT INTO missing_table (id) VALUES (3)' }),
        },
      ]);
      expect(failed.stderr).toMatch(/statement 3\/5/);

      if (server.engine === 'postgres') {
        expect(await tablesIn(server, db)).not.toContain('s1');
        expect(await queryIn(server, db, 'SELECT id FROM base')).toEqual([]);
        expect(await history()).toEqual(before);
        const status = envelope(await sluice(['migrate', 'status', url, '--dir', dir, '--json'], env));
        expect(status.value.migrations.map((m: { status: string }) => m.status)).toEqual(['applied', 'pending']);
        return;
      }

      // MariaDB: statements 1–2 committed; the dirty mark says where it stopped.
      expect(await tablesIn(server, db)).toContain('s1');
      expect((await queryIn(server, db, 'SELECT version, dirty FROM schema_migrations')).map((r) => [String(r.version), Number(r.dirty)])).toEqual([['2', 1]]);
      const status = envelope(await sluice(['migrate', 'status', url, '--dir', dir, '--json'], env));
      expect(status.value.migrations[1]).toMatchObject({
        id: '2',
        status: 'dirty',
        dirty: { direction: 'up', statementIndex: 3, statement: 'INSERT INTO missing_table (id) VALUES (3)', error: expect.stringMatching(/missing_table/) },
      });

      const blocked = await sluice(['migrate', 'up', url, '--dir', dir, '--yes'], env);
      expect(blocked.code).toBe(4);
      expect(blocked.stderr).toMatch(/MIGRATION_DIRTY/);

      // The user undoes statements 1–2 by hand, fixes the file, and marks the migration resolved.
      await queryIn(server, db, 'DROP TABLE s1');
      await queryIn(server, db, 'DELETE FROM base');
      writeFileSync(path.join(dir, '2_five.up.sql'), FIVE_STATEMENTS('INSERT INTO base (id) VALUES (3)'));
      const resolved = await sluice(['migrate', 'resolve', url, '--dir', dir, '--json'], env);
      expect(resolved.code, resolved.stderr).toBe(0);
      expect(envelope(resolved).value.migrations.map((m: { status: string }) => m.status)).toEqual(['applied', 'pending']);
      expect((await queryIn(server, db, 'SELECT version, dirty FROM schema_migrations')).map((r) => [String(r.version), Number(r.dirty)])).toEqual([['1', 0]]);

      const retried = await sluice(['migrate', 'up', url, '--dir', dir, '--yes'], env);
      expect(retried.code, retried.stderr).toBe(0);
      expect((await queryIn(server, db, 'SELECT id FROM base ORDER BY id')).map((r) => Number(r.id))).toEqual([1, 3]);
      expect(await tablesIn(server, db)).toEqual(expect.arrayContaining(['s1', 's4', 's5']));
    });
  });
}

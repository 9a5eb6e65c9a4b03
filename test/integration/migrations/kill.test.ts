/**
 * `kill -9` of an applier in the middle of a migration: the lock dies with its session (the next
 * applier proceeds), a second applier meanwhile is told who holds the lock, and the state is the
 * engine's: PostgreSQL rolled the migration back; MariaDB keeps it dirty until resolved. On
 * MariaDB a kill during a migration's last statement lets the server finish the text it holds:
 * that migration's clean mark, the next one's dirty mark and its first statement, no more.
 */
import { describe, expect, inject, it } from 'vitest';
import { cliEnv, dbUrl, envelope, freshDatabase, queryIn, sleepSql, sluice, sluiceProcess, tablesIn, waitForOutput, writeFolder } from './support/migrate-cli';

const harness = inject('harness');

for (const server of [harness.postgres, harness.mariadb]) {
  describe(`killing an applier on ${server.engine}`, () => {
    it('releases the lock and leaves the migration rolled back (PostgreSQL) or dirty (MariaDB)', { timeout: 120_000 }, async () => {
      const env = cliEnv(server);
      const db = await freshDatabase(server, 'kill9');
      const url = dbUrl(harness, server, db);
      const dir = writeFolder({
        '20240101000001_first.sql': '-- migrate:up\nCREATE TABLE k1 (id integer);\n\n-- migrate:down\nDROP TABLE k1;\n',
        '20240101000002_slow.sql': `-- migrate:up\nCREATE TABLE k2 (id integer);\n${sleepSql(server, 15)};\nCREATE TABLE k3 (id integer);\n\n-- migrate:down\nDROP TABLE k3;\nDROP TABLE k2;\n`,
      });

      const applier = sluiceProcess(['migrate', 'up', url, '--dir', dir, '--yes'], env);
      // PostgreSQL sends the whole migration as one transaction batch; MariaDB runs statement by statement.
      await waitForOutput(applier, server.engine === 'postgres' ? /statement 3\/3/ : /statement 2\/3/);
      await new Promise((resolve) => setTimeout(resolve, 500));

      const second = await sluice(['migrate', 'up', url, '--dir', dir, '--yes', '--json'], env);
      expect(second.code).toBe(3);
      const locked = envelope(second);
      expect(locked.error.code).toBe('MIGRATION_LOCKED');
      expect(locked.error.message).toMatch(server.engine === 'postgres' ? /sluice-migrate:.+@.+ \(pid \d+/ : /connection \d+ \(user sluice@/);

      // The applier must still be inside the slow migration when it is killed.
      expect(applier.exitCode).toBeNull();
      const exited = new Promise((resolve) => applier.on('exit', resolve));
      applier.kill('SIGKILL');
      await exited;

      if (server.engine === 'postgres') {
        // Once the killed applier's backend is gone (it checks its client every second), nothing of migration 2 is left.
        for (let i = 0; i < 100; i++) {
          const left = await queryIn(server, db, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'sluice-migrate:%'");
          if (Number(left[0]?.n) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(await tablesIn(server, db)).not.toContain('k2');
        expect((await queryIn(server, db, 'SELECT version FROM schema_migrations')).map((r) => r.version)).toEqual(['20240101000001']);
      }
      const next = await sluice(['migrate', 'up', url, '--dir', dir, '--yes', '--lock-wait', '30', '--json'], env);
      if (server.engine === 'postgres') {
        // The lock was released and nothing of the killed migration had committed: the next applier runs it whole.
        expect(next.code, next.stderr).toBe(0);
        expect(envelope(next).value.outcomes.map((o: { id: string; status: string }) => [o.id, o.status])).toEqual([['20240101000002', 'success']]);
        expect((await queryIn(server, db, 'SELECT version FROM schema_migrations ORDER BY version')).map((r) => r.version)).toEqual(['20240101000001', '20240101000002']);
        return;
      }
      // MariaDB: the next applier got the lock and found the dirty mark written before the killed migration started.
      expect(next.code).toBe(4);
      expect(envelope(next).error.code).toBe('MIGRATION_DIRTY');
      expect(await tablesIn(server, db)).toContain('k2');
      expect(await tablesIn(server, db)).not.toContain('k3');
      const status = envelope(await sluice(['migrate', 'status', url, '--dir', dir, '--json'], env));
      expect(status.value.migrations.map((m: { status: string }) => m.status)).toEqual(['applied', 'dirty']);
      expect((await queryIn(server, db, 'SELECT version FROM schema_migrations')).map((r) => r.version)).toEqual(['20240101000001']);

      await queryIn(server, db, 'DROP TABLE k2');
      expect((await sluice(['migrate', 'resolve', url, '--dir', dir], env)).code).toBe(0);
      const retried = await sluice(['migrate', 'up', url, '--dir', dir, '--yes'], env);
      expect(retried.code, retried.stderr).toBe(0);
      expect(await tablesIn(server, db)).toEqual(expect.arrayContaining(['k1', 'k2', 'k3']));
    });
  });
}

describe('killing an applier during the last statement of a migration on mariadb', () => {
  const server = harness.mariadb;
  it('lets the server record it, start the next migration under its dirty mark, and stop there', { timeout: 120_000 }, async () => {
    const env = cliEnv(server);
    const db = await freshDatabase(server, 'kill9_last');
    const url = dbUrl(harness, server, db);
    const dir = writeFolder({
      '20240101000001_first.sql': '-- migrate:up\nCREATE TABLE k1 (id integer);\n\n-- migrate:down\nDROP TABLE k1;\n',
      '20240101000002_slow_end.sql': `-- migrate:up\nCREATE TABLE k2 (id integer);\n${sleepSql(server, 6)};\n\n-- migrate:down\nDROP TABLE k2;\n`,
      '20240101000003_third.sql': '-- migrate:up\nCREATE TABLE k3 (id integer);\nCREATE TABLE k4 (id integer);\n\n-- migrate:down\nDROP TABLE k4;\nDROP TABLE k3;\n',
    });
    const applier = sluiceProcess(['migrate', 'up', url, '--dir', dir, '--yes'], env);
    await waitForOutput(applier, /statement 2\/2: SELECT SLEEP/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(applier.exitCode).toBeNull();
    const exited = new Promise((resolve) => applier.on('exit', resolve));
    applier.kill('SIGKILL');
    await exited;

    // The lock is held until the server has finished that text; then the next applier finds migration 3 dirty.
    const next = await sluice(['migrate', 'up', url, '--dir', dir, '--yes', '--lock-wait', '30', '--json'], env);
    expect(next.code).toBe(4);
    expect(envelope(next).error.code).toBe('MIGRATION_DIRTY');
    const status = envelope(await sluice(['migrate', 'status', url, '--dir', dir, '--json'], env));
    expect(status.value.migrations.map((m: { status: string }) => m.status)).toEqual(['applied', 'applied', 'dirty']);
    expect((await queryIn(server, db, 'SELECT version FROM schema_migrations ORDER BY version')).map((r) => r.version)).toEqual(['20240101000001', '20240101000002']);
    const tables = await tablesIn(server, db);
    expect(tables).toEqual(expect.arrayContaining(['k1', 'k2', 'k3']));
    expect(tables).not.toContain('k4');
  });
});

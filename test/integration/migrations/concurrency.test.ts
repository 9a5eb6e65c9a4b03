/**
 * Five `sluice migrate up` processes at once over 50 migrations: each migration runs exactly once
 * (each appends its number to a log table), the history is complete, and every other applier
 * either reports MIGRATION_LOCKED (exit 3) or waited for the lock and found nothing left to do.
 */
import { describe, expect, inject, it } from 'vitest';
import { cliEnv, dbUrl, freshDatabase, queryIn, sluice, writeFolder } from './support/migrate-cli';

const harness = inject('harness');
const COUNT = 50;

function folder(): string {
  const files: Record<string, string> = { 'V1__create_log.sql': 'CREATE TABLE applied_log (migration integer NOT NULL);\nINSERT INTO applied_log (migration) VALUES (1);\n' };
  for (let i = 2; i <= COUNT; i++) files[`V${i}__log_${i}.sql`] = `INSERT INTO applied_log (migration) VALUES (${i});\n`;
  return writeFolder(files);
}

for (const server of [harness.postgres, harness.mariadb]) {
  describe(`five concurrent appliers on ${server.engine}`, () => {
    it('apply each of 50 migrations exactly once', { timeout: 180_000 }, async () => {
      const env = cliEnv(server);
      const db = await freshDatabase(server, 'concurrent');
      const url = dbUrl(harness, server, db);
      const dir = folder();
      // Three give up at once when the lock is taken; two wait for it.
      const runs = await Promise.all(
        [0, 0, 0, 60, 60].map((wait) => sluice(['migrate', 'up', url, '--dir', dir, '--yes', '--lock-wait', String(wait)], env, 150_000)),
      );

      for (const run of runs) {
        expect([0, 3], `${run.stdout}\n${run.stderr}`).toContain(run.code);
        if (run.code === 3) expect(run.stderr).toMatch(/MIGRATION_LOCKED: Another applier holds the migration lock/);
      }
      expect(runs[3]?.code).toBe(0);
      expect(runs[4]?.code).toBe(0);
      const appliedPerRun = runs.map((r) => Number(/Applied (\d+) migrations?\./.exec(r.stdout)?.[1] ?? 0));
      expect(appliedPerRun.reduce((a, b) => a + b, 0)).toBe(COUNT);

      const log = (await queryIn(server, db, 'SELECT migration FROM applied_log ORDER BY migration')).map((r) => Number(r.migration));
      expect(log).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
      const history = await queryIn(server, db, 'SELECT installed_rank, version, success FROM flyway_schema_history ORDER BY installed_rank');
      expect(history.map((r) => [Number(r.installed_rank), String(r.version), Boolean(Number(r.success))])).toEqual(
        Array.from({ length: COUNT }, (_, i) => [i + 1, String(i + 1), true]),
      );
    });
  });
}

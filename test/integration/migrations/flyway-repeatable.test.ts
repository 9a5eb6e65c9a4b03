/**
 * Flyway repeatable migrations (`R__{description}.sql`) through `sluice migrate`, on PostgreSQL
 * and MariaDB, written the way Flyway writes them: after the versioned ones, ordered by
 * description, a history row with no version and the file's CRC32; run again (a new row) when the
 * file changes, which makes them pending rather than modified; never rolled back.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { cliEnv, dbUrl, envelope, freshDatabase, queryIn, sluice, writeFolder } from './support/migrate-cli';

const harness = inject('harness');

for (const server of [harness.postgres, harness.mariadb]) {
  describe(`Flyway repeatable migrations on ${server.engine}`, () => {
    it('run after the versioned ones, again when changed, and stay when rolling back', { timeout: 120_000 }, async () => {
      const env = cliEnv(server);
      const db = await freshDatabase(server, 'flyway_repeat');
      const url = dbUrl(harness, server, db);
      const view = (columns: string) => `CREATE OR REPLACE VIEW item_names AS SELECT ${columns} FROM items;\n`;
      const dir = writeFolder({
        'V1__items.sql': 'CREATE TABLE items (id integer PRIMARY KEY, name varchar(50));\n',
        'V2__price.sql': 'ALTER TABLE items ADD COLUMN price integer;\n',
        'U2__price.sql': 'ALTER TABLE items DROP COLUMN price;\n',
        // Ordered by description: "counts" before "item names", whatever the file names say.
        'R__item_names.sql': view('id, name'),
        'sub/R__counts.sql': 'CREATE OR REPLACE VIEW item_count AS SELECT count(*) AS n FROM items;\n',
      });
      const run = (args: string[]) => sluice(['migrate', ...args, url, '--dir', dir, '--format', 'flyway', '--yes', '--json'], env);
      const history = async () =>
        (await queryIn(server, db, 'SELECT installed_rank, version, description, type, script, checksum, success FROM flyway_schema_history ORDER BY installed_rank')).map((r) => [
          Number(r.installed_rank),
          r.version === null ? null : String(r.version),
          String(r.description),
          String(r.type),
          String(r.script),
          Number(r.checksum),
          Boolean(Number(r.success)),
        ]);

      const before = envelope(await run(['status']));
      expect(before.value.migrations.map((m: { id: string; status: string; repeatable: boolean }) => [m.id, m.status, m.repeatable])).toEqual([
        ['1', 'pending', false],
        ['2', 'pending', false],
        ['R__counts', 'pending', true],
        ['R__item_names', 'pending', true],
      ]);

      const up = await run(['up']);
      expect(up.code, up.stderr).toBe(0);
      expect(envelope(up).value.outcomes.map((o: { id: string }) => o.id)).toEqual(['1', '2', 'R__counts', 'R__item_names']);
      const first = await history();
      expect(first.map((r) => [...r.slice(0, 5), r[6]])).toEqual([
        [1, '1', 'items', 'SQL', 'V1__items.sql', true],
        [2, '2', 'price', 'SQL', 'V2__price.sql', true],
        [3, null, 'counts', 'SQL', 'sub/R__counts.sql', true],
        [4, null, 'item names', 'SQL', 'R__item_names.sql', true],
      ]);
      // Flyway's checksum of the file (CRC32 over its lines, signed).
      const listed = envelope(await run(['status'])).value.migrations;
      expect(String(first[3]?.[5])).toBe(listed.find((m: { id: string }) => m.id === 'R__item_names').checksum);
      expect(listed.map((m: { status: string }) => m.status)).toEqual(['applied', 'applied', 'applied', 'applied']);

      // Rolling back the last one undoes the newest versioned migration and leaves the repeatable ones alone; up redoes only it.
      const down = await run(['down']);
      expect(down.code, down.stderr).toBe(0);
      expect(envelope(down).value.outcomes.map((o: { id: string }) => o.id)).toEqual(['2']);
      const after = envelope(await run(['status'])).value.migrations;
      expect(after.map((m: { id: string; status: string }) => [m.id, m.status])).toEqual([
        ['1', 'applied'],
        ['2', 'pending'],
        ['R__counts', 'applied'],
        ['R__item_names', 'applied'],
      ]);
      const redo = await run(['up']);
      expect(redo.code, redo.stderr).toBe(0);
      expect(envelope(redo).value.outcomes.map((o: { id: string }) => o.id)).toEqual(['2']);

      // Changed: pending again (not modified), and `up` runs it once more with a new row.
      writeFileSync(path.join(dir, 'R__item_names.sql'), view('id, name, price'));
      const changed = envelope(await run(['status'])).value.migrations;
      expect(changed.map((m: { id: string; status: string }) => [m.id, m.status])).toEqual([
        ['1', 'applied'],
        ['2', 'applied'],
        ['R__counts', 'applied'],
        ['R__item_names', 'pending'],
      ]);
      const again = await run(['up']);
      expect(again.code, again.stderr).toBe(0);
      expect(envelope(again).value.outcomes.map((o: { id: string }) => o.id)).toEqual(['R__item_names']);
      const second = await history();
      expect(second).toHaveLength(7);
      expect(second[6]?.slice(1, 5)).toEqual([null, 'item names', 'SQL', 'R__item_names.sql']);
      expect(second[6]?.[5]).not.toBe(second[3]?.[5]);
      expect((await queryIn(server, db, 'SELECT * FROM item_names')).length).toBe(0);
      expect(Object.keys((await queryIn(server, db, "INSERT INTO items VALUES (1, 'a', 3)").then(() => queryIn(server, db, 'SELECT * FROM item_names')))[0] ?? {})).toEqual(['id', 'name', 'price']);
    });

    it('a failing one is dirty until resolved, like a versioned one', { timeout: 120_000 }, async () => {
      const env = cliEnv(server);
      const db = await freshDatabase(server, 'flyway_repeat_fail');
      const url = dbUrl(harness, server, db);
      const dir = writeFolder({ 'V1__items.sql': 'CREATE TABLE items (id integer);\n', 'R__broken.sql': 'CREATE OR REPLACE VIEW broken AS SELECT nope FROM items;\n' });
      const run = (args: string[]) => sluice(['migrate', ...args, url, '--dir', dir, '--format', 'flyway', '--yes', '--json'], env);
      const failed = await run(['up']);
      expect(failed.code).toBe(1);
      expect(envelope(failed).error.details.result.outcomes.map((o: { id: string; status: string }) => [o.id, o.status])).toEqual([
        ['1', 'success'],
        ['R__broken', 'error'],
      ]);
      const status = envelope(await run(['status'])).value.migrations;
      expect(status.map((m: { id: string; status: string }) => [m.id, m.status])).toEqual([
        ['1', 'applied'],
        ['R__broken', server.engine === 'postgres' ? 'pending' : 'dirty'],
      ]);
      if (server.engine === 'mariadb') {
        // MariaDB keeps the failed row (Flyway's own dirty state) until resolved; resolving as pending drops it.
        expect((await run(['up'])).code).toBe(4);
        expect((await run(['resolve', '--as', 'pending'])).code).toBe(0);
        expect((await queryIn(server, db, 'SELECT count(*) AS n FROM flyway_schema_history WHERE version IS NULL')).map((r) => Number(r.n))).toEqual([0]);
      }
      writeFileSync(path.join(dir, 'R__broken.sql'), 'CREATE OR REPLACE VIEW broken AS SELECT id FROM items;\n');
      const fixed = await run(['up']);
      expect(fixed.code, fixed.stdout).toBe(0);
      expect(envelope(await run(['status'])).value.migrations.map((m: { status: string }) => m.status)).toEqual(['applied', 'applied']);
    });
  });
}

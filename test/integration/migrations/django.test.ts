/**
 * A real Django project (Debian's Django, a JSONField model, a second migration adding a
 * ForeignKey) over verify-full SSL on PostgreSQL and MariaDB: Sluice's status is what
 * `manage.py showmigrations --plan` says, applying from the CLI leaves exactly the rows Django
 * itself writes, and the wrong-database guard refuses when the settings would point elsewhere.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { DbServerInfo } from '../../support/harness-info';
import { urlFor } from '../support/urls';
import { cliEnv, columnsOf, dbUrl, envelope, FIXTURES, freshDatabase, PYTHON, queryIn, sluice, tablesIn } from './support/migrate-cli';

const harness = inject('harness');
const PROJECT = path.join(FIXTURES, 'django-project');

/** Runs Django's own manage.py with the database URL (password included) for `database`. */
function manage(server: DbServerInfo, database: string, args: string[]): Promise<string> {
  const url = urlFor(server, { database, password: server.password, sslmode: 'verify-full', ca: harness.certs.ca });
  return new Promise((resolve, reject) => {
    execFile(PYTHON, ['manage.py', ...args], { cwd: PROJECT, env: { ...process.env, DATABASE_URL: url }, timeout: 60_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`manage.py ${args.join(' ')}: ${stderr}`)) : resolve(stdout),
    );
  });
}

/** showmigrations --plan as [id, applied] pairs. */
async function showPlan(server: DbServerInfo, database: string): Promise<Array<[string, boolean]>> {
  const out = await manage(server, database, ['showmigrations', '--plan']);
  return out
    .split('\n')
    .map((line) => /^\[( |X)\]\s+(\S+)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[2] as string, m[1] === 'X']);
}

async function sluiceStatus(server: DbServerInfo, url: string): Promise<Array<[string, boolean]>> {
  const run = await sluice(['migrate', 'status', url, '--dir', PROJECT, '--json'], cliEnv(server));
  expect(run.code, run.stderr).toBe(0);
  const value = envelope(run).value;
  expect(value.format).toBe('django');
  return value.migrations.map((m: { id: string; status: string }) => [m.id, m.status === 'applied']);
}

const djangoRows = async (server: DbServerInfo, db: string) => (await queryIn(server, db, 'SELECT app, name FROM django_migrations ORDER BY id')).map((r) => `${String(r.app)}.${String(r.name)}`);

for (const server of [harness.postgres, harness.mariadb]) {
  describe(`a Django project on ${server.engine}`, () => {
    const env = cliEnv(server);

    it('shows what showmigrations shows, applies like Django itself, and rolls back', { timeout: 180_000 }, async () => {
      const db = await freshDatabase(server, 'django_sluice');
      const url = dbUrl(harness, server, db);
      expect(await sluiceStatus(server, url)).toEqual(await showPlan(server, db));

      const first = await sluice(['migrate', 'up', url, '--dir', PROJECT, '--yes', '--to', 'inventory.0001_initial'], env);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/Applying inventory\.0001_initial\.\.\. OK/);
      const partial = await showPlan(server, db);
      expect(partial.filter(([, applied]) => applied).map(([id]) => id)).toEqual(['inventory.0001_initial']);
      expect(await sluiceStatus(server, url)).toEqual(partial);

      const rest = await sluice(['migrate', 'up', url, '--dir', PROJECT, '--yes'], env);
      expect(rest.code, rest.stderr).toBe(0);
      expect(rest.stdout).toContain('Applied 3 migrations.');
      const full = await showPlan(server, db);
      expect(full.every(([, applied]) => applied)).toBe(true);
      expect(await sluiceStatus(server, url)).toEqual(full);
      expect(await columnsOf(server, db, 'inventory_item')).toEqual(['id', 'name', 'attributes', 'supplier_id']);

      // The same two steps by Django alone, on another database: django_migrations must match row for row.
      const reference = await freshDatabase(server, 'django_reference');
      await manage(server, reference, ['migrate', 'inventory', '0001_initial', '--no-input']);
      await manage(server, reference, ['migrate', '--no-input']);
      expect(await djangoRows(server, db)).toEqual(await djangoRows(server, reference));
      expect(await columnsOf(server, db, 'django_migrations')).toEqual(await columnsOf(server, reference, 'django_migrations'));

      // Sluice keeps the checksums Django has no column for.
      const status = envelope(await sluice(['migrate', 'status', url, '--dir', PROJECT, '--json'], env)).value;
      for (const m of status.migrations) expect(m).toMatchObject({ status: 'applied', appliedChecksum: m.checksum, appliedBy: expect.stringMatching(/ via Sluice$/) });
      // Files as the user knows them: relative inside the project, absolute for Django's own apps.
      const files = Object.fromEntries(status.migrations.map((m: { id: string; file: string }) => [m.id, m.file]));
      expect(files['inventory.0001_initial']).toBe('inventory/migrations/0001_initial.py');
      expect(files['contenttypes.0001_initial']).toMatch(/^\/.+\/django\/contrib\/contenttypes\/migrations\/0001_initial\.py$/);

      const down = await sluice(['migrate', 'down', url, '--dir', PROJECT, '--yes'], env);
      expect(down.code, down.stderr).toBe(0);
      expect(down.stdout).toMatch(/Unapplying inventory\.0002_item_supplier\.\.\. OK/);
      expect((await showPlan(server, db)).find(([id]) => id === 'inventory.0002_item_supplier')).toEqual(['inventory.0002_item_supplier', false]);
      expect(await columnsOf(server, db, 'inventory_item')).toEqual(['id', 'name', 'attributes']);
    });

    it('refuses to migrate when the settings would point Django at another database', { timeout: 120_000 }, async () => {
      const db = await freshDatabase(server, 'django_guard');
      const elsewhere = await freshDatabase(server, 'django_elsewhere');
      const url = dbUrl(harness, server, db);
      const run = await sluice(['migrate', 'up', url, '--dir', PROJECT, '--yes', '--json'], cliEnv(server, { INVENTORY_DB_NAME: elsewhere }));
      expect(run.code).toBe(1);
      const out = envelope(run);
      expect(out).toMatchObject({ ok: false, error: { code: 'WRONG_DATABASE', details: { differences: [`database: ${elsewhere} ≠ ${db}`] } } });
      expect(run.stdout + run.stderr).not.toContain(server.password);
      expect(await tablesIn(server, elsewhere)).toEqual([]);
      expect(await tablesIn(server, db)).toEqual([]);
    });
  });
}

/**
 * The Migrations view end to end, once per engine: connect by URL over verify-full to a scratch
 * database, link the Django fixture project, see every migration pending, apply all pending
 * from the UI with the confirmation and the live log, find in `django_migrations` exactly the
 * rows Django writes, and read an applied migration's Python source, its sqlmigrate SQL and its
 * rollback SQL. On MariaDB a
 * golang-migrate folder whose second migration fails at statement 3 of 5 shows the failing
 * statement, leaves the migration dirty, and "Mark resolved" puts it back to pending. On a
 * production-tagged profile the confirmation wants the database name typed, for applying and for
 * rolling back. While another session holds the migration lock, a run is refused naming the
 * holder, and a run with a lock wait shows it is waiting, then proceeds when the lock is freed.
 * The Django settings dialog's interpreter, URL variable and environment reach manage.py.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import mysql from 'mysql2/promise';
import { adminQuery, scratchDatabase } from '../support/admin';
import { harnessFromEnv } from '../support/harness-file';
import type { DbServerInfo, HarnessInfo } from '../support/harness-info';
import { expect, REPO_ROOT, test } from './support/serve';

/** Debian's Django lives only under /usr/bin/python3 on the test machines. */
test.use({ sluiceEnv: { SLUICE_PYTHON: process.env.SLUICE_TEST_PYTHON ?? '/usr/bin/python3' } });

const DJANGO_PROJECT = path.join(REPO_ROOT, 'test/fixtures/migrations/django-project');
const GOLANG_MIGRATE = path.join(REPO_ROOT, 'test/fixtures/migrations/golang-migrate');

/** Calls the core through the web door, as the page does (for setup the UI under test is not about). */
async function rpc(origin: string, token: string, method: string, input: unknown): Promise<unknown> {
  const response = await fetch(`${origin}/rpc/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
  const body = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body.error)}`);
  return body.value;
}

interface Engine {
  name: 'postgres' | 'mariadb';
  tag: 'pg' | 'my';
  server: (h: HarnessInfo) => DbServerInfo;
  /** A URL to `database` that demands full verification against the given CA file. */
  url: (s: DbServerInfo, ca: string, database: string) => string;
}

const ENGINES: Engine[] = [
  {
    name: 'postgres',
    tag: 'pg',
    server: (h) => h.postgres,
    url: (s, ca, db) => `postgresql://sluice@${s.host}:${s.port}/${db}?sslmode=verify-full&sslrootcert=${ca}`,
  },
  {
    name: 'mariadb',
    tag: 'my',
    server: (h) => h.mariadb,
    url: (s, ca, db) => `mysql://sluice@${s.host}:${s.port}/${db}?ssl-mode=VERIFY_IDENTITY&ssl-ca=${ca}`,
  },
];

const shot = (page: Page, testInfo: TestInfo, name: string) => page.screenshot({ path: path.join(testInfo.project.outputDir, `migrations-${name}.png`) });

/** Connects through the form and opens the Migrations tab of the new session; returns the tab's panel. */
async function openMigrations(page: Page, url: string, password: string): Promise<Locator> {
  await page.getByLabel('Connection URL').fill(url);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('session-item')).toHaveCount(1);
  await expect(page.getByTestId('session-item').getByTestId('tls-badge')).toHaveAttribute('data-tls-verdict', 'verified');
  await page.getByTestId('open-migrations').click();
  await expect(page.getByTestId('tab-migrations')).toHaveCount(1);
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByTestId('migrations')).toBeVisible();
  return panel;
}

const row = (panel: Locator, id: string) => panel.locator(`[data-testid="migration-row"][data-id="${id}"]`);

/** Every row of the list has `status` (and there are `count` of them). */
async function expectAll(panel: Locator, count: number, status: string): Promise<void> {
  await expect(panel.getByTestId('migration-row')).toHaveCount(count);
  await expect(panel.locator(`[data-testid="migration-row"][data-status="${status}"]`)).toHaveCount(count);
}

async function loadFolder(panel: Locator, dir: string): Promise<void> {
  await panel.getByTestId('migration-folder').fill(dir);
  await panel.getByTestId('migrations-load').click();
}

for (const engine of ENGINES) {
  test.describe(engine.name, () => {
    test('applies a Django project’s pending migrations from the UI, with a live log and a summary', async ({ page, sluice }, testInfo) => {
      test.setTimeout(180_000);
      const harness = harnessFromEnv();
      const server = engine.server(harness);
      const db = await scratchDatabase(server, `e2e_django_${engine.tag}`);

      await page.goto(sluice.url);
      const panel = await openMigrations(page, engine.url(server, harness.certs.ca, db), server.password);
      await loadFolder(panel, DJANGO_PROJECT);

      // The format and Django's own history table are detected; everything is pending, in Django's plan order.
      await expect(panel.getByTestId('migration-format')).toHaveText('Django', { timeout: 60_000 });
      await expect(panel.getByTestId('history-table')).toHaveText('django_migrations');
      const rows = panel.getByTestId('migration-row');
      await expectAll(panel, 4, 'pending');
      const ids = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-id')));
      expect(ids).toEqual(['contenttypes.0001_initial', 'contenttypes.0002_remove_content_type_name', 'inventory.0001_initial', 'inventory.0002_item_supplier']);
      await expect(row(panel, 'inventory.0001_initial')).toHaveAttribute('data-status', 'pending');
      await expect(row(panel, 'inventory.0002_item_supplier')).toHaveAttribute('data-status', 'pending');

      // Selecting a row shows its details; a pending one offers "Apply up to here".
      await row(panel, 'inventory.0002_item_supplier').click();
      const details = panel.getByTestId('migration-details');
      await expect(details).toHaveAttribute('data-id', 'inventory.0002_item_supplier');
      await expect(details).toContainText('inventory/migrations/0002_item_supplier.py');
      await expect(details.getByTestId('apply-to-here')).toBeEnabled();
      await shot(page, testInfo, `${engine.name}-django-pending`);

      // Apply all pending: the confirmation names the database, the host and the migrations.
      await panel.getByTestId('apply-all').click();
      const dialog = page.getByTestId('confirm-run-dialog');
      await expect(dialog).toBeVisible();
      await expect(dialog.getByTestId('confirm-database')).toHaveText(db);
      await expect(dialog.getByTestId('confirm-host')).toHaveText(`${server.host}:${server.port}`);
      await expect(dialog.getByTestId('confirm-steps').locator('li')).toHaveText([/contenttypes\.0001_initial/, /contenttypes\.0002_remove_content_type_name/, /inventory\.0001_initial/, /inventory\.0002_item_supplier/]);
      await expect(dialog.getByTestId('option-allow-modified')).toHaveCount(0);
      await expect(dialog.getByTestId('confirm-run')).toBeFocused();
      await shot(page, testInfo, `${engine.name}-django-confirm`);

      // Esc cancels and nothing runs; Enter confirms.
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(panel.getByTestId('run-panel')).toHaveCount(0);
      await panel.getByTestId('apply-all').click();
      await expect(page.getByTestId('confirm-run')).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('confirm-run-dialog')).toHaveCount(0);

      // The live log shows each migration starting and Django's own output; the summary says success.
      const run = panel.getByTestId('run-panel');
      await expect(run).toBeVisible();
      await expect(run).toHaveAttribute('data-run-state', 'finished', { timeout: 120_000 });
      await expect(run).toHaveAttribute('data-ok', 'true');
      await expect(run.getByTestId('run-summary')).toHaveText('Applied 4 migrations');
      const log = run.getByTestId('run-log');
      await expect(log.locator('[data-kind="migration-started"]')).toHaveCount(4);
      await expect(log.locator('[data-kind="migration-started"]').first()).toContainText('(1 of 4)');
      await expect(log.locator('[data-kind="migration-finished"]')).toHaveCount(4);
      await expect(log.locator('[data-kind="output"]').filter({ hasText: 'Applying inventory.0001_initial... OK' })).toHaveCount(1);
      await expect(log.locator('[data-kind="output"]').filter({ hasText: 'Applying inventory.0002_item_supplier... OK' })).toHaveCount(1);
      await expect(run.getByTestId('run-step')).toHaveCount(4);
      await expect(run.locator('[data-testid="run-step"][data-outcome="success"]')).toHaveCount(4);

      // The list refreshed: everything applied, with its history.
      await expectAll(panel, 4, 'applied');
      await row(panel, 'inventory.0001_initial').click();
      await expect(details).toContainText(/via Sluice/);
      await expect(details.getByTestId('rollback-through')).toBeEnabled();
      await expect(details.getByTestId('rollback-to-here')).toBeEnabled();

      // An applied migration's text: the Python source, the SQL sqlmigrate prints, and its rollback SQL.
      await row(panel, 'inventory.0002_item_supplier').click();
      await expect(details.getByTestId('migration-source')).toContainText('migrations.AddField', { timeout: 60_000 });
      await details.getByTestId('source-tab-up').click();
      await expect(details.getByTestId('migration-source')).toContainText(/ADD (COLUMN )?.supplier_id/);
      await details.getByTestId('source-tab-down').click();
      await expect(details.getByTestId('migration-source')).toContainText('supplier_id');
      await details.getByTestId('source-tab-up').click();
      await shot(page, testInfo, `${engine.name}-django-applied`);

      // django_migrations holds the rows Django itself writes for the app.
      const applied = await adminQuery(server, "SELECT app, name FROM django_migrations WHERE app = 'inventory' ORDER BY id", { database: db });
      expect(applied.map((r) => `${String(r.app)}.${String(r.name)}`)).toEqual(['inventory.0001_initial', 'inventory.0002_item_supplier']);
      const all = await adminQuery(server, 'SELECT COUNT(*) AS n FROM django_migrations', { database: db });
      expect(Number(all[0]?.n)).toBe(4);
    });
  });
}

test.describe('mariadb', () => {
  test('a failing SQL migration shows its statement, stays dirty, and is marked resolved', async ({ page, sluice }, testInfo) => {
    test.setTimeout(120_000);
    const harness = harnessFromEnv();
    const server = harness.mariadb;
    const db = await scratchDatabase(server, 'e2e_failing_my');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-e2e-migrations-'));
    try {
      const files: Record<string, string> = {
        '1_create_widgets.up.sql': 'CREATE TABLE widgets (\n  id integer PRIMARY KEY,\n  name varchar(100) NOT NULL\n);\n',
        '1_create_widgets.down.sql': 'DROP TABLE widgets;\n',
        '2_add_parts.up.sql': [
          'CREATE TABLE parts (id integer PRIMARY KEY);',
          'INSERT INTO parts (id) VALUES (1);',
          'INSERT INTO no_such_table (id) VALUES (1);',
          'INSERT INTO parts (id) VALUES (2);',
          'ALTER TABLE widgets ADD COLUMN part_id integer;',
          '',
        ].join('\n'),
        '2_add_parts.down.sql': 'DROP TABLE IF EXISTS parts;\n',
      };
      for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);

      await page.goto(sluice.url);
      const panel = await openMigrations(page, ENGINES[1]!.url(server, harness.certs.ca, db), server.password);
      await loadFolder(panel, dir);
      await expect(panel.getByTestId('migration-format')).toHaveText('golang-migrate');
      await expect(panel.getByTestId('history-table')).toHaveText('schema_migrations');
      await expectAll(panel, 2, 'pending');

      // Apply up to the first one only.
      await row(panel, '1').click();
      const details = panel.getByTestId('migration-details');
      await expect(details.getByTestId('migration-source')).toContainText('CREATE TABLE widgets');
      await details.getByTestId('apply-to-here').click();
      await expect(page.getByTestId('confirm-steps').locator('li')).toHaveCount(1);
      await page.getByTestId('confirm-run').click();
      const run = panel.getByTestId('run-panel');
      await expect(run).toHaveAttribute('data-run-state', 'finished');
      await expect(run.getByTestId('run-summary')).toHaveText('Applied 1 migration');
      await expect(row(panel, '1')).toHaveAttribute('data-status', 'applied');
      await expect(row(panel, '2')).toHaveAttribute('data-status', 'pending');

      // The rest fails at statement 3 of 5: the statement, its number and the server's message are shown.
      await panel.getByTestId('apply-all').click();
      await page.keyboard.press('Enter');
      await expect(run).toHaveAttribute('data-run-state', 'finished');
      await expect(run).toHaveAttribute('data-ok', 'false');
      await expect(run.getByTestId('run-summary')).toHaveText('Apply failed at 2 add_parts');
      const failure = run.getByTestId('run-failure');
      await expect(failure.getByTestId('failed-statement-index')).toHaveText('Statement 3 of 5');
      await expect(failure.getByTestId('failed-statement')).toHaveText(/^INSERT INTO no_such_table \(id\) VALUES \(1\);?$/);
      await expect(failure.getByTestId('run-failure-message')).toContainText(/no_such_table.*doesn't exist/);
      await expect(run.locator('.mig-log-failed')).toContainText('[3/5] INSERT INTO no_such_table');
      await expect(run.locator('[data-testid="run-step"][data-id="2"]')).toHaveAttribute('data-outcome', 'error');

      // The list shows it dirty, the details say why and mark the statement in the text.
      await expect(row(panel, '2')).toHaveAttribute('data-status', 'dirty');
      await expect(failure.getByTestId('failure-dirty')).toBeVisible();
      await expect(panel.getByTestId('apply-all')).toBeDisabled();
      await expect(panel.getByTestId('dirty-notice')).toContainText('2 add_parts failed part-way');
      await row(panel, '2').click();
      await expect(details.getByTestId('dirty-details')).toContainText('statement 3');
      await expect(details.getByTestId('migration-source').locator('[data-marked]')).toContainText('no_such_table');
      await shot(page, testInfo, 'mariadb-sql-failed');

      // Mark resolved (undone by hand): back to pending, history clean.
      await adminQuery(server, 'DROP TABLE parts', { database: db });
      await details.getByTestId('mark-resolved').click();
      const resolve = page.getByTestId('resolve-dialog');
      await expect(resolve).toBeVisible();
      await expect(resolve.getByTestId('resolve-as-pending')).toBeChecked();
      await shot(page, testInfo, 'mariadb-sql-resolve');
      await resolve.getByTestId('resolve-confirm').click();
      await expect(resolve).toHaveCount(0);
      await expect(row(panel, '2')).toHaveAttribute('data-status', 'pending');
      await expect(panel.getByTestId('dirty-notice')).toHaveCount(0);
      await expect(panel.getByTestId('apply-all')).toBeEnabled();
      const history = await adminQuery(server, 'SELECT version, dirty FROM schema_migrations', { database: db });
      expect(history.map((r) => [Number(r.version), Number(r.dirty)])).toEqual([[1, 0]]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** A superuser connection to MariaDB over its socket that can hold a lock for as long as a test needs. */
async function mariadbAdmin(server: DbServerInfo): Promise<mysql.Connection> {
  const url = new URL(server.adminUrl);
  return mysql.createConnection({ socketPath: url.searchParams.get('socket') ?? undefined, user: decodeURIComponent(url.username) });
}

test.describe('mariadb', () => {
  test('another applier’s lock: the run is refused naming the holder, or waits for it when asked', async ({ page, sluice }, testInfo) => {
    const harness = harnessFromEnv();
    const server = harness.mariadb;
    const db = await scratchDatabase(server, 'e2e_locked_my');
    const holder = await mariadbAdmin(server);
    try {
      // The lock every Sluice takes for this database (app/migrations/lock.ts), held by "another applier".
      const [taken] = await holder.query('SELECT GET_LOCK(?, 0) AS got', [`sluice-migrate:${db}`]);
      expect(Number((taken as Array<{ got: unknown }>)[0]?.got)).toBe(1);

      await page.goto(sluice.url);
      const panel = await openMigrations(page, ENGINES[1]!.url(server, harness.certs.ca, db), server.password);
      await loadFolder(panel, GOLANG_MIGRATE);
      await expectAll(panel, 3, 'pending');

      await panel.getByTestId('apply-all').click();
      await page.keyboard.press('Enter');
      const run = panel.getByTestId('run-panel');
      await expect(run).toHaveAttribute('data-run-state', 'finished');
      await expect(run.getByTestId('run-summary')).toHaveText('Apply did not start');
      await expect(run.getByTestId('error-banner')).toHaveAttribute('data-error-code', 'MIGRATION_LOCKED');
      await expect(run.getByTestId('lock-holder')).toHaveAttribute('data-holder', /^connection \d+ \(user root@localhost/);
      await expect(run.getByTestId('error-message')).toContainText(/connection \d+ \(user root@localhost/);
      await shot(page, testInfo, 'mariadb-locked');
      await expectAll(panel, 3, 'pending');

      // Try again with a lock wait: the panel says it waits for the holder; freeing the lock lets it run.
      await run.getByRole('button', { name: 'Try again…' }).click();
      const dialog = page.getByTestId('confirm-run-dialog');
      await dialog.getByTestId('option-lock-wait').fill('30');
      await page.keyboard.press('Enter');
      await expect(run.getByTestId('lock-waiting')).toContainText(/held by connection \d+/);
      await expect(run.getByTestId('run-log').locator('[data-kind="locked"]')).toHaveCount(1);
      await holder.query('SELECT RELEASE_LOCK(?)', [`sluice-migrate:${db}`]);
      await expect(run).toHaveAttribute('data-run-state', 'finished');
      await expect(run.getByTestId('run-summary')).toHaveText('Applied 3 migrations');
      await expectAll(panel, 3, 'applied');
    } finally {
      await holder.end();
    }
  });
});

test.describe('postgres', () => {
  test('a production profile must have its database name typed before applying or rolling back', async ({ page, sluice }, testInfo) => {
    const harness = harnessFromEnv();
    const server = harness.postgres;
    const db = await scratchDatabase(server, 'e2e_prod_pg');
    await rpc(sluice.origin, sluice.token, 'profiles.save', {
      name: 'Orders (prod)',
      dialect: 'postgres',
      host: server.host,
      port: server.port,
      database: db,
      user: server.user,
      environment: 'production',
      ssl: { mode: 'verify-full', ca: { kind: 'file', path: harness.certs.ca } },
      connectTimeoutMs: 10_000,
      replicas: [],
      password: server.password,
    });

    await page.goto(sluice.url);
    await page.getByTestId('profile-item').filter({ hasText: 'Orders (prod)' }).getByTestId('profile-connect').click();
    await expect(page.getByTestId('session-item')).toHaveCount(1);
    await page.getByTestId('open-migrations').click();
    const panel = page.getByRole('tabpanel');
    await loadFolder(panel, GOLANG_MIGRATE);
    await expect(panel.getByTestId('migration-format')).toHaveText('golang-migrate');
    await expectAll(panel, 3, 'pending');

    // Applying: the button stays off until the database name is typed exactly.
    await panel.getByTestId('apply-all').click();
    const dialog = page.getByTestId('confirm-run-dialog');
    await expect(dialog.getByTestId('env-chip')).toHaveAttribute('data-environment', 'production');
    const typed = dialog.getByTestId('confirm-type-database');
    await expect(typed).toBeFocused();
    await expect(dialog.getByTestId('confirm-run')).toBeDisabled();
    await typed.fill('orders');
    await typed.press('Enter');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('confirm-run')).toBeDisabled();
    await typed.fill(db);
    await expect(dialog.getByTestId('confirm-run')).toBeEnabled();
    await shot(page, testInfo, 'postgres-production-confirm');
    await typed.press('Enter');
    const run = panel.getByTestId('run-panel');
    await expect(run).toHaveAttribute('data-run-state', 'finished');
    await expect(run.getByTestId('run-summary')).toHaveText('Applied 3 migrations');
    // SQL folders report each statement; the progress log shows them.
    await expect(run.getByTestId('run-log').locator('[data-kind="statement"]').first()).toContainText('[1/1] CREATE TABLE widgets');
    await expectAll(panel, 3, 'applied');

    // Rolling back to the first migration runs the later down scripts, newest first, behind the same guard.
    await row(panel, '1').click();
    await panel.getByTestId('migration-details').getByTestId('rollback-to-here').click();
    await expect(dialog.getByTestId('confirm-steps').locator('li')).toHaveText([/^3\s*create_gadgets/, /^2\s*add_widget_color/]);
    await expect(dialog.getByTestId('confirm-run')).toBeDisabled();
    await dialog.getByTestId('confirm-type-database').fill(db);
    await dialog.getByTestId('confirm-run').click();
    await expect(run.getByTestId('run-summary')).toHaveText('Rolled back 2 migrations');
    await expect(row(panel, '1')).toHaveAttribute('data-status', 'applied');
    await expect(row(panel, '2')).toHaveAttribute('data-status', 'pending');
    await expect(row(panel, '3')).toHaveAttribute('data-status', 'pending');
    const history = await adminQuery(server, 'SELECT version, dirty FROM schema_migrations', { database: db });
    expect(history.map((r) => [Number(r.version), r.dirty])).toEqual([[1, false]]);
    await shot(page, testInfo, 'postgres-production-rolled-back');
  });
});

test.describe('postgres', () => {
  test('Django settings: the interpreter, the URL variable and the environment reach manage.py', async ({ page, sluice }, testInfo) => {
    test.setTimeout(180_000);
    const harness = harnessFromEnv();
    const server = harness.postgres;
    const db = await scratchDatabase(server, 'e2e_django_settings');
    await page.goto(sluice.url);
    const panel = await openMigrations(page, ENGINES[0]!.url(server, harness.certs.ca, db), server.password);
    await panel.getByTestId('migration-folder').fill(DJANGO_PROJECT);

    const settings = page.getByTestId('django-settings');
    const save = async (fields: { python?: string; urlVar?: string; env?: string }) => {
      await panel.getByTestId('django-settings-open').click();
      await expect(settings).toBeVisible();
      if (fields.python !== undefined) await settings.getByTestId('django-python').fill(fields.python);
      if (fields.urlVar !== undefined) await settings.getByTestId('django-url-var').fill(fields.urlVar);
      if (fields.env !== undefined) await settings.getByTestId('django-env').fill(fields.env);
      await settings.getByTestId('django-settings-save').click();
      await expect(settings).toHaveCount(0);
    };

    // An interpreter that does not exist: saved, the folder reloads and says so.
    await save({ python: '/nonexistent/bin/python3' });
    await expect(panel.getByTestId('error-banner')).toHaveAttribute('data-error-code', 'PYTHON_NOT_FOUND', { timeout: 60_000 });
    await shot(page, testInfo, 'django-settings-bad-python');

    // A bad environment line is refused in the dialog, with its line number; nothing is saved.
    await panel.getByTestId('django-settings-open').click();
    await settings.getByTestId('django-env').fill('OK=1\nnot a pair');
    await expect(settings).toContainText('Line 2: write KEY=VALUE');
    await expect(settings.getByTestId('django-settings-save')).toBeDisabled();
    await settings.getByRole('button', { name: 'Cancel' }).click();

    // The right interpreter, and settings that read another variable than the one Sluice sets: Django cannot start.
    await save({ python: '/usr/bin/python3', urlVar: 'SHOP_DATABASE_URL', env: '' });
    await expect(panel.getByTestId('error-banner')).toHaveAttribute('data-error-code', 'DJANGO_FAILED', { timeout: 60_000 });
    await expect(panel.getByTestId('error-banner')).toContainText('DATABASE_URL');

    // Back to DATABASE_URL: the project loads. The interpreter and variable were remembered for this connection.
    await panel.getByTestId('django-settings-open').click();
    await expect(settings.getByTestId('django-python')).toHaveValue('/usr/bin/python3');
    await expect(settings.getByTestId('django-url-var')).toHaveValue('SHOP_DATABASE_URL');
    await settings.getByTestId('django-url-var').fill('');
    // The settings' own variable sends Django to another database: the guard must refuse to apply.
    await settings.getByTestId('django-env').fill('INVENTORY_DB_NAME=somewhere_else');
    await shot(page, testInfo, 'django-settings-dialog');
    await settings.getByTestId('django-settings-save').click();
    await expect(panel.getByTestId('migration-format')).toHaveText('Django', { timeout: 60_000 });
    await expectAll(panel, 4, 'pending');
    await panel.getByTestId('apply-all').click();
    await page.getByTestId('confirm-run').click();
    const run = panel.getByTestId('run-panel');
    await expect(run).toHaveAttribute('data-run-state', 'finished', { timeout: 120_000 });
    await expect(run).toHaveAttribute('data-ok', 'false');
    await expect(run.getByTestId('run-summary')).toHaveText('Apply did not start');
    await expect(run.getByTestId('error-banner')).toHaveAttribute('data-error-code', 'WRONG_DATABASE');
    await expect(run.getByTestId('error-banner')).toContainText('somewhere_else');
    await shot(page, testInfo, 'django-settings-guard');
    expect(await adminQuery(server, "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'django_migrations'", { database: db })).toEqual([{ n: 0 }]);
  });
});

test.describe('postgres', () => {
  test('a Flyway repeatable migration: marked as such, never offered for rollback, pending again when its file changes', async ({ page, sluice }, testInfo) => {
    test.setTimeout(120_000);
    const harness = harnessFromEnv();
    const server = harness.postgres;
    const db = await scratchDatabase(server, 'e2e_flyway_repeatable');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-e2e-flyway-'));
    try {
      await writeFile(path.join(dir, 'V1__items.sql'), 'CREATE TABLE items (id integer PRIMARY KEY, name text);\n');
      await writeFile(path.join(dir, 'R__item_names.sql'), 'CREATE OR REPLACE VIEW item_names AS SELECT name FROM items;\n');
      await page.goto(sluice.url);
      const panel = await openMigrations(page, ENGINES[0]!.url(server, harness.certs.ca, db), server.password);
      await loadFolder(panel, dir);
      await expect(panel.getByTestId('migration-format')).toHaveText('Flyway');
      await expectAll(panel, 2, 'pending');
      await expect(row(panel, 'R__item_names')).toContainText('R__item_names');

      await panel.getByTestId('apply-all').click();
      await page.getByTestId('confirm-run').click();
      const run = panel.getByTestId('run-panel');
      await expect(run.getByTestId('run-summary')).toHaveText('Applied 2 migrations', { timeout: 60_000 });
      await expectAll(panel, 2, 'applied');

      const details = panel.getByTestId('migration-details');
      await row(panel, 'R__item_names').click();
      await expect(details.getByTestId('repeatable-flag')).toBeVisible();
      await expect(details.getByTestId('rollback-to-here')).toHaveCount(0);
      await expect(details.getByTestId('rollback-through')).toHaveCount(0);

      // The file changes: the repeatable migration is pending again (not "modified") and the next apply runs it.
      await writeFile(path.join(dir, 'R__item_names.sql'), 'CREATE OR REPLACE VIEW item_names AS SELECT name, id FROM items;\n');
      await panel.getByTestId('migrations-load').click();
      await expect(row(panel, 'R__item_names')).toHaveAttribute('data-status', 'pending');
      await expect(row(panel, '1')).toHaveAttribute('data-status', 'applied');
      await row(panel, 'R__item_names').click();
      await expect(details.getByTestId('repeatable-changed')).toBeVisible();
      await shot(page, testInfo, 'flyway-repeatable-changed');
      await panel.getByTestId('apply-all').click();
      await page.getByTestId('confirm-run').click();
      await expect(run.getByTestId('run-summary')).toHaveText('Applied 1 migration', { timeout: 60_000 });
      await expectAll(panel, 2, 'applied');
      const history = await adminQuery(server, 'SELECT version, description FROM flyway_schema_history ORDER BY installed_rank', { database: db });
      expect(history.map((r) => [r.version, r.description])).toEqual([
        ['1', 'items'],
        [null, 'item names'],
        [null, 'item names'],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

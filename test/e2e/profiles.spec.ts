/**
 * Connection profiles end to end, once per engine: create a profile by pasting a URL, test it
 * and read the certificate facts, save it into its environment group, connect and query; profiles
 * that fail (a CA that did not sign the server, a wrong password) show their code, message and
 * hint; a read replica added to a production profile shows its role with a lag, is guarded as
 * production, and refuses writes.
 */
import path from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { harnessFromEnv } from '../support/harness-file';
import type { DbServerInfo, HarnessInfo } from '../support/harness-info';
import { expect, test } from './support/serve';

interface Engine {
  name: 'postgres' | 'mariadb';
  /** What the sidebar names the engine once a connection has detected it. */
  engineName: 'PostgreSQL' | 'MariaDB';
  server: (h: HarnessInfo) => DbServerInfo;
  replica: (h: HarnessInfo) => DbServerInfo;
  /** A URL that demands full verification against the given CA file. */
  url: (s: DbServerInfo, ca: string) => string;
}

const ENGINES: Engine[] = [
  {
    name: 'postgres',
    engineName: 'PostgreSQL',
    server: (h) => h.postgres,
    replica: (h) => h.postgresReplica,
    url: (s, ca) => `postgresql://sluice@${s.host}:${s.port}/sluice?sslmode=verify-full&sslrootcert=${ca}`,
  },
  {
    name: 'mariadb',
    engineName: 'MariaDB',
    server: (h) => h.mariadb,
    replica: (h) => h.mariadbReplica,
    url: (s, ca) => `mysql://sluice@${s.host}:${s.port}/sluice?ssl-mode=VERIFY_IDENTITY&ssl-ca=${ca}`,
  },
];

const shot = (page: Page, testInfo: TestInfo, name: string) => page.screenshot({ path: path.join(testInfo.project.outputDir, `profiles-${name}.png`) });

/** Opens the new-profile dialog with the keyboard shortcut. */
async function openNewProfile(page: Page): Promise<Locator> {
  await page.getByTestId('status-door').waitFor();
  await page.keyboard.press('ControlOrMeta+n');
  const dialog = page.getByTestId('profile-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Pastes text into the paste box and lets the core fill the form. */
async function pasteIntoForm(dialog: Locator, text: string): Promise<void> {
  await dialog.getByTestId('profile-paste').fill(text);
  await dialog.getByTestId('profile-import').click();
  await expect(dialog.getByTestId('import-outcome')).toBeVisible();
}

/** Runs Test and waits for its outcome. */
async function runTest(dialog: Locator): Promise<Locator> {
  await dialog.getByTestId('profile-test').click();
  const result = dialog.getByTestId('test-result');
  await expect(result).not.toHaveAttribute('data-outcome', /idle|busy/);
  return result;
}

/** The sidebar entry of a saved profile. */
const profileItem = (page: Page, name: string): Locator => page.getByTestId('profile-item').filter({ has: page.getByTestId('profile-name').getByText(name, { exact: true }) });

/** Runs SQL in the console in front. */
async function runSql(page: Page, sql: string): Promise<void> {
  const editor = page.getByRole('tabpanel').getByLabel('SQL');
  await editor.fill(sql);
  await editor.press('ControlOrMeta+Enter');
}

for (const engine of ENGINES) {
  test.describe(engine.name, () => {
    test('creates a profile from a pasted URL, tests it, saves it and connects', async ({ page, sluice }, testInfo) => {
      const harness = harnessFromEnv();
      const server = engine.server(harness);
      const name = `Orders ${engine.name}`;
      await page.goto(sluice.url);

      const dialog = await openNewProfile(page);
      // New profiles start at verify-full, whatever is pasted later.
      await expect(dialog.getByTestId('profile-ssl-mode')).toHaveValue('verify-full');
      await pasteIntoForm(dialog, engine.url(server, harness.certs.ca));

      // The import filled the form from the URL, the CA file included.
      await expect(dialog.getByTestId('profile-host')).toHaveValue(server.host);
      await expect(dialog.getByTestId('profile-port')).toHaveValue(String(server.port));
      await expect(dialog.getByTestId('profile-user')).toHaveValue('sluice');
      await expect(dialog.getByTestId('profile-database')).toHaveValue('sluice');
      await expect(dialog.getByTestId('profile-dialect')).toHaveValue(engine.name === 'postgres' ? 'postgres' : 'mysql');
      await expect(dialog.getByTestId('profile-ssl-mode')).toHaveValue('verify-full');
      await expect(dialog.getByTestId('ssl-mode-line')).toContainText('host name');
      await expect(dialog.getByTestId('ca-kind-file')).toBeChecked();
      await expect(dialog.getByTestId('profile-ca-path')).toHaveValue(harness.certs.ca);
      // A loopback host is taken for development.
      await expect(dialog.getByTestId('profile-environment')).toHaveValue('development');
      // The password field is write-only and says where the password will be kept.
      await expect(dialog.getByTestId('profile-password')).toHaveAttribute('type', 'password');
      await expect(dialog.getByTestId('secret-store')).toContainText(/Saved in|saved in/);

      await dialog.getByTestId('profile-name').fill(name);
      await dialog.getByTestId('profile-password').fill(server.password);

      const result = await runTest(dialog);
      await expect(result).toHaveAttribute('data-outcome', 'ok');
      await expect(result).toHaveAttribute('data-via', 'form');
      await expect(result.getByTestId('cert-subject')).toContainText('CN=localhost');
      await expect(result.getByTestId('cert-issuer')).toContainText('Sluice Test CA');
      await expect(result.getByTestId('cert-sans')).toContainText('127.0.0.1');
      await expect(result.getByTestId('tls-protocol')).toHaveText(/^TLSv1\.[23]$/);
      await expect(result.getByTestId('tls-cipher')).not.toBeEmpty();
      await expect(result.getByTestId('cert-days-left')).toHaveText(/\d+ days left/);
      await expect(result.getByTestId('cert-days-left')).toHaveAttribute('data-expires-soon', 'false');
      await expect(result.getByTestId('ca-verified')).toHaveAttribute('data-ok', 'true');
      await expect(result.getByTestId('hostname-verified')).toHaveAttribute('data-ok', 'true');
      await expect(result.getByTestId('server-version')).not.toBeEmpty();
      await shot(page, testInfo, `${engine.name}-test`);

      // Enter in a field saves.
      await dialog.getByTestId('profile-name').press('Enter');
      await expect(page.getByTestId('profile-dialog')).toHaveCount(0);

      const group = page.getByTestId('env-group-development');
      const item = profileItem(page, name);
      await expect(group.getByTestId('profile-item')).toHaveCount(1);
      await expect(group).toContainText(name);
      await expect(item.getByTestId('profile-host')).toHaveText(`${server.host}:${server.port}`);
      await expect(item.getByTestId('ssl-mode-chip')).toHaveText('verify-full');

      await item.getByTestId('profile-connect').click();
      const session = item.getByTestId('session-item');
      await expect(session).toHaveCount(1);
      await expect(session.getByTestId('tls-badge')).toHaveAttribute('data-tls-verdict', 'verified');
      await expect(session.getByTestId('role-badge')).toHaveAttribute('data-role', 'primary');
      // The first connect tells MySQL and MariaDB apart and the profile remembers it.
      await expect(item.getByTestId('profile-engine')).toHaveText(engine.engineName);

      await runSql(page, 'SELECT 1');
      await expect(page.getByRole('table', { name: 'Query result' }).getByRole('cell', { name: '1', exact: true })).toBeVisible();
      await expect(page.getByTestId('result-rowcount')).toHaveText('1 row');
      await expect(page.getByTestId('tab-console')).toContainText(name);
      await shot(page, testInfo, `${engine.name}-connected`);

      // Export: the URL carries no password unless the box is ticked.
      await item.getByTestId('profile-export').click();
      const exported = page.getByTestId('export-dialog');
      await expect(exported.getByTestId('export-url')).toHaveAttribute('data-includes-password', 'false');
      await expect(exported.getByTestId('export-url')).toHaveValue(/verify|VERIFY/);
      await expect(exported.getByTestId('export-url')).not.toHaveValue(new RegExp(server.password));
      await exported.getByTestId('export-include-password').check();
      await expect(exported.getByTestId('export-url')).toHaveAttribute('data-includes-password', 'true');
      // Even then the screen shows it masked.
      await expect(exported.getByTestId('export-url')).not.toHaveValue(new RegExp(server.password));
      await shot(page, testInfo, `${engine.name}-export`);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('export-dialog')).toHaveCount(0);
    });

    test('a failing profile shows its code, message and hint', async ({ page, sluice }, testInfo) => {
      const harness = harnessFromEnv();
      const server = engine.server(harness);
      await page.goto(sluice.url);

      // A CA that did not sign the server's certificate.
      let dialog = await openNewProfile(page);
      await pasteIntoForm(dialog, engine.url(server, harness.certs.wrongCa));
      await dialog.getByTestId('profile-password').fill(server.password);
      let result = await runTest(dialog);
      await expect(result).toHaveAttribute('data-outcome', 'failed');
      let banner = result.getByTestId('error-banner');
      await expect(banner).toHaveAttribute('data-error-code', 'TLS_UNTRUSTED_CA');
      await expect(banner.getByTestId('error-message')).not.toBeEmpty();
      await expect(banner.getByTestId('error-hint')).toContainText(/CA/);
      await shot(page, testInfo, `${engine.name}-untrusted-ca`);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('profile-dialog')).toHaveCount(0);

      // The right CA but a wrong password: tested before saving, and again from the sidebar.
      const name = `Wrong password ${engine.name}`;
      dialog = await openNewProfile(page);
      await pasteIntoForm(dialog, engine.url(server, harness.certs.ca));
      await dialog.getByTestId('profile-name').fill(name);
      await dialog.getByTestId('profile-password').fill(`${server.password}-wrong`);
      result = await runTest(dialog);
      banner = result.getByTestId('error-banner');
      await expect(banner).toHaveAttribute('data-error-code', 'AUTH_FAILED');
      await expect(banner.getByTestId('error-message')).not.toBeEmpty();
      await expect(banner.getByTestId('error-hint')).not.toBeEmpty();
      await dialog.getByTestId('profile-save').click();
      await expect(page.getByTestId('profile-dialog')).toHaveCount(0);

      const item = profileItem(page, name);
      await item.getByTestId('profile-connect').click();
      const failure = item.getByTestId('connect-error').getByTestId('error-banner');
      await expect(failure).toHaveAttribute('data-error-code', 'AUTH_FAILED');
      await expect(failure.getByTestId('error-hint')).not.toBeEmpty();
      await expect(item.getByTestId('session-item')).toHaveCount(0);
      await expect(page.getByTestId('status-last-error')).toContainText('AUTH_FAILED');
      await shot(page, testInfo, `${engine.name}-auth-failed`);

      // Edit → Test uses the saved profile (and its saved, wrong, password).
      await item.getByTestId('profile-edit').click();
      dialog = page.getByTestId('profile-dialog');
      await expect(dialog.getByTestId('profile-password')).toHaveValue('');
      await expect(dialog.getByTestId('secret-store')).toContainText('A password is saved');
      result = await runTest(dialog);
      await expect(result.getByTestId('error-banner')).toHaveAttribute('data-error-code', 'AUTH_FAILED');
      await expect(result).toHaveAttribute('data-via', 'profile');
    });

    test('connects to a read replica of a production profile, shows its lag and refuses writes', async ({ page, sluice }, testInfo) => {
      const harness = harnessFromEnv();
      const server = engine.server(harness);
      const replica = engine.replica(harness);
      const name = `Shop ${engine.name}`;
      await page.goto(sluice.url);

      await page.getByTestId('new-profile').click();
      const dialog = page.getByTestId('profile-dialog');
      await pasteIntoForm(dialog, engine.url(server, harness.certs.ca));
      await dialog.getByTestId('profile-name').fill(name);
      await dialog.getByTestId('profile-environment').selectOption('production');
      await dialog.getByTestId('profile-password').fill(server.password);
      await dialog.getByTestId('replica-add').click();
      const row = dialog.getByTestId('replica-row');
      await row.getByTestId('replica-name').fill('replica-1');
      await row.getByTestId('replica-host').fill(replica.host);
      await row.getByTestId('replica-port').fill(String(replica.port));
      // Production dialogs are marked too.
      await expect(dialog).toHaveClass(/dialog-tone-danger/);
      await dialog.getByTestId('replicas-section').scrollIntoViewIfNeeded();
      await shot(page, testInfo, `${engine.name}-form-replica`);
      await dialog.getByTestId('profile-save').click();
      await expect(page.getByTestId('profile-dialog')).toHaveCount(0);

      const item = page.getByTestId('env-group-production').getByTestId('profile-item');
      await expect(item).toContainText(name);
      const replicaEntry = item.getByTestId('replica-item');
      await expect(replicaEntry).toContainText(`${replica.host}:${replica.port}`);
      await replicaEntry.getByTestId('replica-connect').click();

      const session = item.getByTestId('session-item');
      await expect(session).toHaveAttribute('data-replica', 'true');
      const role = session.getByTestId('role-badge');
      await expect(role).toHaveAttribute('data-role', 'replica');
      await expect(role).toHaveText(/replica · lag \d+(\.\d)? s/);
      await expect(role).toHaveAttribute('data-lag-level', /ok|warn|bad/);

      // Production is guarded everywhere the session shows.
      await expect(page.getByTestId('production-banner')).toBeVisible();
      await expect(page.getByTestId('status-environment')).toHaveAttribute('data-environment', 'production');
      await expect(page.getByTestId('workspace')).toHaveAttribute('data-environment', 'production');
      await expect(page.getByTestId('tab-console')).toHaveAttribute('data-environment', 'production');

      // Reads work; the server itself refuses a write.
      await runSql(page, 'SELECT 1');
      await expect(page.getByTestId('result-rowcount')).toHaveText('1 row');
      await runSql(page, 'CREATE TABLE sluice_e2e_replica_write (id int)');
      const banner = page.getByRole('tabpanel').getByTestId('error-banner');
      await expect(banner).toHaveAttribute('data-error-code', 'READ_ONLY_SESSION');
      await expect(banner.getByTestId('error-hint')).not.toBeEmpty();
      await shot(page, testInfo, `${engine.name}-replica`);

      // Deleting a production profile asks for its name.
      await item.getByTestId('profile-delete').click();
      const confirm = page.getByTestId('delete-dialog');
      await expect(confirm.getByTestId('delete-confirm')).toBeDisabled();
      await confirm.getByTestId('delete-type-name').fill(name);
      await shot(page, testInfo, `${engine.name}-delete`);
      await confirm.getByTestId('delete-confirm').click();
      await expect(page.getByTestId('profile-item')).toHaveCount(0);
      // Its open session stays, now among the URL sessions.
      await expect(page.getByTestId('session-list').getByTestId('session-item')).toHaveCount(1);
    });
  });
}

test('the profile form shows validation errors inline and Esc closes it', async ({ page, sluice }, testInfo) => {
  await page.goto(sluice.url);
  const dialog = await openNewProfile(page);
  await dialog.getByTestId('profile-port').fill('70000');
  await dialog.getByTestId('profile-save').click();
  await expect(dialog.getByTestId('field-name').getByTestId('field-error')).toBeVisible();
  await expect(dialog.getByTestId('field-host').getByTestId('field-error')).toBeVisible();
  await expect(dialog.getByTestId('field-port').getByTestId('field-error')).toContainText('65535');
  await expect(dialog.getByTestId('form-error-count')).toBeVisible();
  // The keyboard lands on the first field that needs attention.
  await expect(dialog.getByTestId('profile-name')).toBeFocused();
  // Every SSL mode explains itself; require says the server is not verified.
  await dialog.getByTestId('profile-ssl-mode').selectOption('require');
  await expect(dialog.getByTestId('ssl-mode-line')).toContainText('impersonate');
  await expect(dialog.getByTestId('ssl-mode-line')).toHaveAttribute('data-level', 'warn');
  await shot(page, testInfo, 'validation');

  // What only the core checks comes back as BAD_INPUT and lands on its field too.
  await dialog.getByTestId('profile-name').fill('Bad host');
  await dialog.getByTestId('profile-host').fill('not a host!');
  await dialog.getByTestId('profile-port').fill('5432');
  await dialog.getByTestId('profile-user').fill('app');
  await dialog.getByTestId('profile-save').click();
  await expect(dialog.getByTestId('field-host').getByTestId('field-error')).toContainText('IP address');
  await expect(dialog.getByTestId('field-name').getByTestId('field-error')).toHaveCount(0);
  await expect(dialog.getByTestId('profile-host')).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('profile-dialog')).toHaveCount(0);
  await expect(page.getByTestId('profile-item')).toHaveCount(0);
});

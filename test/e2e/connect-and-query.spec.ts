/**
 * The first slice end to end, once per engine: connect through the form over verified TLS,
 * see the session with its TLS facts, run a statement, read the result; and the refusal of a
 * server whose certificate comes from another CA.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { harnessFromEnv } from '../support/harness-file';
import type { DbServerInfo, HarnessInfo } from '../support/harness-info';
import { expect, test } from './support/serve';

interface Engine {
  name: 'postgres' | 'mariadb';
  /** The dialect the sidebar shows for a session on this engine. */
  dialect: 'postgres' | 'mariadb';
  server: (h: HarnessInfo) => DbServerInfo;
  /** A URL that demands full verification against the given CA file. */
  url: (s: DbServerInfo, ca: string) => string;
}

const ENGINES: Engine[] = [
  {
    name: 'postgres',
    dialect: 'postgres',
    server: (h) => h.postgres,
    url: (s, ca) => `postgresql://sluice@${s.host}:${s.port}/sluice?sslmode=verify-full&sslrootcert=${ca}`,
  },
  {
    name: 'mariadb',
    dialect: 'mariadb',
    server: (h) => h.mariadb,
    url: (s, ca) => `mysql://sluice@${s.host}:${s.port}/sluice?ssl-mode=VERIFY_IDENTITY&ssl-ca=${ca}`,
  },
];

async function connectThroughForm(page: Page, url: string, password: string): Promise<void> {
  await page.getByLabel('Connection URL').fill(url);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
}

for (const engine of ENGINES) {
  test.describe(engine.name, () => {
    test('connects over verified TLS and shows the rows of a query', async ({ page, sluice }, testInfo) => {
      const harness = harnessFromEnv();
      const server = engine.server(harness);

      await page.goto(sluice.url);
      // The token is taken out of the address bar as soon as the page has read it.
      await expect(page).not.toHaveURL(/token=/);
      await expect(page.getByTestId('status-door')).toHaveText('HTTP');

      await connectThroughForm(page, engine.url(server, harness.certs.ca), server.password);

      const session = page.getByTestId('session-item');
      await expect(session).toHaveCount(1);
      await expect(session).toHaveAttribute('data-dialect', engine.dialect);
      await expect(session).toContainText(`${server.host}:${server.port}`);
      await expect(session.getByTestId('server-version')).not.toBeEmpty();
      const badge = session.getByTestId('tls-badge');
      await expect(badge).toHaveAttribute('data-tls-verdict', 'verified');
      await expect(badge).toContainText(/TLS/);
      await expect(session.getByTestId('tls-facts')).toContainText('✓ CA verified');
      await expect(session.getByTestId('tls-facts')).toContainText('✓ host name verified');

      // The connect tab became a console for the new session.
      const editor = page.getByRole('tabpanel').getByLabel('SQL');
      await editor.fill('SELECT 1');
      await page.getByRole('button', { name: 'Run' }).click();

      const table = page.getByRole('table', { name: 'Query result' });
      await expect(table.getByRole('cell', { name: '1', exact: true })).toBeVisible();
      await expect(page.getByTestId('result-rowcount')).toHaveText('1 row');
      await expect(page.getByTestId('result-duration')).toHaveText(/\d+(\.\d+)? (ms|s)|<1 ms/);

      // Ctrl/Cmd+Enter runs too, and NULL is drawn apart from text.
      await editor.fill("SELECT NULL AS nothing, 'NULL' AS text_null");
      await editor.press('ControlOrMeta+Enter');
      await expect(table.locator('td[data-null="true"]')).toHaveText('NULL');
      await expect(table.locator('td:not([data-null])').filter({ hasText: 'NULL' })).toHaveCount(1);
      await expect(page.getByTestId('status-session')).toContainText(`sluice@${server.host}:${server.port}/sluice`);

      await editor.fill('SELECT 1');
      await editor.press('ControlOrMeta+Enter');
      await expect(table.getByRole('cell', { name: '1', exact: true })).toBeVisible();
      await page.screenshot({ path: path.join(testInfo.project.outputDir, `connect-${engine.name}.png`) });
    });

    test('refuses a server certificate from an unknown CA and says what to do', async ({ page, sluice }, testInfo) => {
      const harness = harnessFromEnv();
      const server = engine.server(harness);

      await page.goto(sluice.url);
      await connectThroughForm(page, engine.url(server, harness.certs.wrongCa), server.password);

      const banner = page.getByTestId('error-banner');
      await expect(banner).toBeVisible();
      await expect(banner).toHaveAttribute('data-error-code', 'TLS_UNTRUSTED_CA');
      await expect(banner.getByTestId('error-code')).toHaveText('TLS_UNTRUSTED_CA');
      await expect(banner.getByTestId('error-hint')).not.toBeEmpty();
      await expect(page.getByTestId('session-item')).toHaveCount(0);
      await expect(page.getByTestId('status-last-error')).toContainText('TLS_UNTRUSTED_CA');
      // The password field keeps its value for a retry but never shows it.
      await expect(page.getByLabel('Password')).toHaveAttribute('type', 'password');
      await page.screenshot({ path: path.join(testInfo.project.outputDir, `connect-${engine.name}-untrusted-ca.png`) });
    });
  });
}

test.describe('web door', () => {
  test('without the token the page says how to get in', async ({ page, sluice }) => {
    await page.goto(sluice.origin + '/');
    const banner = page.getByTestId('error-banner');
    await expect(banner).toHaveAttribute('data-error-code', 'UNAUTHORIZED');
    await expect(banner.getByTestId('error-hint')).toContainText('sluice serve');
  });

  test('a reload keeps working after the token left the address bar', async ({ page, sluice }) => {
    await page.goto(sluice.url);
    await expect(page).not.toHaveURL(/token=/);
    await page.reload();
    await expect(page.getByTestId('connect-form')).toBeVisible();
    await expect(page.getByTestId('status-door')).toHaveText('HTTP');
    await expect(page.getByTestId('error-banner')).toHaveCount(0);
  });

  test('a stopped server shows as CONNECTION_LOST, not as a silent failure', async ({ page, sluice }) => {
    const harness = harnessFromEnv();
    const server = harness.postgres;
    await page.goto(sluice.url);
    await connectThroughForm(page, ENGINES[0]!.url(server, harness.certs.ca), server.password);
    await expect(page.getByTestId('session-item')).toHaveCount(1);

    await sluice.stop();
    const editor = page.getByRole('tabpanel').getByLabel('SQL');
    await editor.fill('SELECT 1');
    await editor.press('ControlOrMeta+Enter');
    const banner = page.getByTestId('error-banner');
    await expect(banner).toHaveAttribute('data-error-code', 'CONNECTION_LOST');
    await expect(banner.getByTestId('error-hint')).toContainText('sluice serve');
  });
});

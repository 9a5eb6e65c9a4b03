/**
 * Smoke test of the desktop app: launch the built Electron app (out/main/index.js), see the
 * shell, and check from the page that the window is locked down (no Node, only the bridge,
 * no navigation away). Needs `npx electron-vite build` first and the Electron binary; where
 * the binary is missing (it cannot be downloaded on every machine) the test is skipped and
 * says why. It needs no Playwright browser.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const mainEntry = join(repoRoot, 'out/main/index.js');

/**
 * The Electron executable, found without `require('electron')`: that module tries to download
 * the binary when it is missing, which must not happen inside a test run.
 */
function findElectronBinary(): { path: string } | { missing: string } {
  let electronDir: string;
  try {
    electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: `${pathFile} is absent` };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(electronDir, 'dist');
  const executable = join(distDir, relative);
  return existsSync(executable) ? { path: executable } : { missing: `${executable} is absent` };
}

const binary = findElectronBinary();
const skipReason =
  'path' in binary
    ? null
    : `Electron binary not installed on this machine (cannot be downloaded here; ${binary.missing}); run on a machine where npm installs it`;
if (skipReason) console.log(`[electron-smoke] skipped: ${skipReason}`);

test.describe('desktop app', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  test.beforeAll(async () => {
    expect(existsSync(mainEntry), `${mainEntry} missing: run \`npx electron-vite build\` first`).toBe(true);
    dataDir = mkdtempSync(join(tmpdir(), 'sluice-e2e-'));
    app = await electron.launch({
      executablePath: 'path' in binary ? binary.path : undefined,
      // Chromium refuses to start as root without --no-sandbox (CI containers); the renderer
      // sandbox set in webPreferences still applies.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), mainEntry],
      cwd: repoRoot,
      env: { ...process.env, SLUICE_DATA_DIR: dataDir, ELECTRON_RENDERER_URL: '' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('shows the shell with the connect form', async () => {
    await expect(page).toHaveTitle('Sluice');
    await expect(page.getByTestId('connect-form')).toBeVisible();
    await expect(page.getByTestId('status-door')).toHaveText('IPC');
  });

  test('gives the page the bridge and nothing of Node or Electron', async () => {
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>)['require'],
      process: typeof (globalThis as Record<string, unknown>)['process'],
      bridgeKeys: Object.keys((globalThis as unknown as { sluice: object }).sluice).sort(),
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', bridgeKeys: ['call', 'on'] });
  });

  test('answers calls over IPC and refuses names outside the contract', async () => {
    const answers = await page.evaluate(async () => {
      const bridge = (globalThis as unknown as { sluice: { call(m: string, i: unknown): Promise<unknown> } }).sluice;
      return { info: await bridge.call('app.info', {}), unknown: await bridge.call('fs.readFile', { path: '/etc/passwd' }) };
    });
    expect(answers.info).toMatchObject({ ok: true, value: { name: 'sluice', door: 'ipc' } });
    expect(answers.unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  test('opens no new windows and does not navigate away', async () => {
    type Browserish = { open(url: string): unknown; location: { href: string } };
    const before = page.url();
    const opened = await page.evaluate(() => (globalThis as unknown as Browserish).open('https://example.com/'));
    expect(opened).toBeNull();
    await page.evaluate(() => {
      (globalThis as unknown as Browserish).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(app.windows()).toHaveLength(1);
  });
});

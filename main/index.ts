/**
 * The Electron main process: one instance, one locked-down window, the core behind IPC.
 * Every webContents gets the same guards (no navigation away from the app, no new windows,
 * no webviews, no permissions); the session adds the CSP header to every response.
 */
import { app, BrowserWindow, session, type Session, type WebContents } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createCore, type Core } from '../app/core';
import { fileSink } from '../app/logging/file-sink';
import { Logger } from '../app/logging/logger';
import { createDesktopSecretStore } from './secrets';
import { bindIpc } from './ipc';
import { CONTENT_SECURITY_POLICY, createWindowOptions, devContentSecurityPolicy, isAppUrl } from './window-options';

const rendererIndex = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

// electron-vite sets ELECTRON_RENDERER_URL for `electron-vite dev`; a packaged app ignores it
// so an environment variable can never point the trusted window at another origin.
const devServerUrl = (!app.isPackaged && process.env['ELECTRON_RENDERER_URL']) || undefined;
/** The URL the window loads; isAppUrl() measures navigation and IPC senders against it. */
const appOrigin = devServerUrl ?? pathToFileURL(rendererIndex).href;
const csp = devServerUrl ? devContentSecurityPolicy(devServerUrl) : CONTENT_SECURITY_POLICY;

// Every renderer sandboxed, whatever a future window forgets to set.
app.enableSandbox();

// Tests (test/e2e/electron-smoke.spec.ts) point an unpackaged build at a throwaway data dir.
const testDataDir = (!app.isPackaged && process.env['SLUICE_DATA_DIR']) || undefined;
if (testDataDir) app.setPath('userData', testDataDir);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let core: Core | undefined;
  let unbindIpc: (() => void) | undefined;
  let closing = false;

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('web-contents-created', (_event, contents) => guardContents(contents));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) createWindow();
  });

  // Close the core (pools, sessions, running jobs) before the process ends.
  app.on('before-quit', (event) => {
    if (closing || !core) return;
    event.preventDefault();
    closing = true;
    unbindIpc?.();
    core
      .close()
      .catch((err: unknown) => console.error('Sluice core did not close cleanly:', err))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(() => {
      lockDownSession(session.defaultSession);
      const dataDir = app.getPath('userData');
      core = createCore({
        version: app.getVersion(),
        dataDir,
        secretStore: createDesktopSecretStore(dataDir),
        logger: new Logger({ sink: fileSink(path.join(dataDir, 'logs', 'sluice.log')) }),
      });
      unbindIpc = bindIpc(core, appOrigin);
      createWindow();
    })
    .catch((err: unknown) => {
      console.error('Sluice failed to start:', err);
      app.exit(1);
    });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(createWindowOptions({ preloadPath }));
  window.once('ready-to-show', () => window.show());
  // Load exactly the URL that isAppUrl() trusts, so the two can never disagree on encoding.
  window.loadURL(appOrigin).catch((err: unknown) => console.error('Sluice could not load its window:', err));
  return window;
}

/** Guards applied to every webContents, ours or any other that ever appears. */
function guardContents(contents: WebContents): void {
  const stayInApp = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-frame-navigate', (event) => stayInApp(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** No permission is ever granted, and every response carries the CSP. */
function lockDownSession(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string[] | string> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Drop any CSP a dev server sent, so ours is the only header policy.
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [csp];
    callback({ responseHeaders });
  });
}

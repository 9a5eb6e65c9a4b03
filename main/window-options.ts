/**
 * The security-relevant shape of the Sluice window, kept free of runtime Electron imports
 * (types only) so unit tests can assert it: web preferences, the Content-Security-Policy,
 * and the one rule that decides which URLs are "the app" for navigation and IPC trust.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The CSP of every page the window loads (sent as a header and repeated as a meta tag in
 * renderer/index.html, because file:// responses carry no headers). No 'unsafe-eval', no
 * inline scripts, no remote origins: the renderer talks only to the preload bridge.
 * 'unsafe-inline' styles are allowed for the editor and React style props; workers may come
 * from blob: URLs because editor bundles spawn them that way.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The CSP for `electron-vite dev` only: Vite's React refresh preamble is an inline script and
 * hot reload talks over a WebSocket to the dev server. Never used when the app is packaged.
 */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const ws = new URL(devServerUrl);
  ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:';
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ${ws.origin}`,
  );
}

/** Where the window's pieces live on disk. */
export interface WindowPaths {
  /** Absolute path of the bundled preload script (out/preload/index.cjs). */
  preloadPath: string;
}

/** The BrowserWindow options: an isolated, sandboxed renderer with no Node and no webviews. */
export function createWindowOptions(paths: WindowPaths): BrowserWindowConstructorOptions {
  return {
    title: 'Sluice',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    // Shown on 'ready-to-show' so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: paths.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}

/**
 * True when `url` belongs to the app loaded from `appOrigin` (the URL the window was given).
 * For http(s) (the electron-vite dev server) that means the same origin. file:// URLs all
 * share an opaque origin, so there only the exact entry file counts (any query or #route).
 * URLs with credentials and anything unparsable are never the app.
 */
export function isAppUrl(url: string, appOrigin: string): boolean {
  let candidate: URL;
  let app: URL;
  try {
    candidate = new URL(url);
    app = new URL(appOrigin);
  } catch {
    return false;
  }
  if (candidate.username || candidate.password) return false;
  switch (app.protocol) {
    case 'file:':
      return candidate.protocol === 'file:' && candidate.host === app.host && candidate.pathname === app.pathname;
    case 'http:':
    case 'https:':
      return candidate.origin === app.origin;
    default:
      return false;
  }
}

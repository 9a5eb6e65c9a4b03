import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  createWindowOptions,
  devContentSecurityPolicy,
  isAppUrl,
} from '../../../main/window-options';

/** Parses a CSP string into directive → sources. */
function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(directives.has(name), `directive ${name} appears once`).toBe(false);
    directives.set(name, sources);
  }
  return directives;
}

describe('window options', () => {
  const options = createWindowOptions({ preloadPath: '/app/out/preload/index.cjs' });
  const prefs = options.webPreferences ?? {};

  it('isolates and sandboxes the renderer with no Node access', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on, webviews off and insecure content blocked', () => {
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.spellcheck).toBe(false);
  });

  it('loads the given preload and nothing else', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('is titled Sluice and shown only when ready', () => {
    expect(options.title).toBe('Sluice');
    expect(options.show).toBe(false);
  });
});

describe('content security policy', () => {
  const csp = parseCsp(CONTENT_SECURITY_POLICY);

  it('is exactly the policy the architecture names', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('allows scripts only from the app itself', () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
  });

  it('never allows eval, and inline code only for styles', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("'wasm-unsafe-eval'");
    for (const [name, sources] of csp) {
      if (name !== 'style-src') expect(sources, name).not.toContain("'unsafe-inline'");
    }
  });

  it('has no wildcard or remote origin anywhere', () => {
    for (const [name, sources] of csp) {
      for (const source of sources) expect(source, name).toMatch(/^('self'|'none'|'unsafe-inline'|data:|blob:)$/);
    }
  });

  it('talks to nothing but itself', () => {
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('forbids plugins, base rewrites, form posts and framing', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('in dev only adds inline scripts for the React refresh preamble and the HMR socket', () => {
    const dev = parseCsp(devContentSecurityPolicy('http://localhost:5173/'));
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(devContentSecurityPolicy('http://localhost:5173/')).not.toContain("'unsafe-eval'");
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-ancestors', 'default-src']) {
      expect(dev.get(name), name).toEqual(csp.get(name));
    }
  });
});

describe('isAppUrl', () => {
  const fileApp = 'file:///opt/Sluice/resources/app.asar/out/renderer/index.html';
  const devApp = 'http://localhost:5173';

  it('accepts the packaged entry file with any route or query', () => {
    expect(isAppUrl(fileApp, fileApp)).toBe(true);
    expect(isAppUrl(`${fileApp}#/connections`, fileApp)).toBe(true);
    expect(isAppUrl(`${fileApp}?x=1`, fileApp)).toBe(true);
  });

  it('refuses any other file, even next to the entry', () => {
    expect(isAppUrl('file:///opt/Sluice/resources/app.asar/out/renderer/other.html', fileApp)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', fileApp)).toBe(false);
    expect(isAppUrl('file://evil-host/opt/Sluice/resources/app.asar/out/renderer/index.html', fileApp)).toBe(false);
  });

  it('accepts the dev server origin on any path', () => {
    expect(isAppUrl('http://localhost:5173/', devApp)).toBe(true);
    expect(isAppUrl('http://localhost:5173/src/main.tsx', devApp)).toBe(true);
  });

  it('refuses other ports, hosts and schemes than the dev server', () => {
    expect(isAppUrl('http://localhost:5174/', devApp)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', devApp)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', devApp)).toBe(false);
    expect(isAppUrl('http://localhost:5173.evil.example/', devApp)).toBe(false);
  });

  it('refuses foreign and odd URLs', () => {
    for (const url of ['https://evil.example/', 'about:blank', 'data:text/html,<p>x</p>', 'javascript:alert(1)', 'chrome://gpu', '', 'not a url']) {
      expect(isAppUrl(url, fileApp), url).toBe(false);
      expect(isAppUrl(url, devApp), url).toBe(false);
    }
  });

  it('refuses URLs carrying credentials', () => {
    expect(isAppUrl('http://user:pw@localhost:5173/', devApp)).toBe(false);
  });

  it('refuses everything when the app URL itself is not file or http(s)', () => {
    expect(isAppUrl('about:blank', 'about:blank')).toBe(false);
    expect(isAppUrl('x', 'not a url')).toBe(false);
  });
});

/**
 * Web build of the renderer: `npx vite build --config renderer/vite.config.ts` writes
 * out/renderer, which `sluice serve` hands to browsers. electron-vite builds the same root
 * with its own config; nothing here may be needed by that build except `devCspNonce`.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The dev server needs one inline module script (React Fast Refresh's preamble), which the
 * page's `script-src 'self'` forbids. In `serve` only, tag Vite's scripts with a per-run nonce
 * and allow that nonce; production builds keep the strict policy byte for byte.
 */
export function devCspNonce(): Plugin {
  const nonce = randomBytes(18).toString('base64');
  return {
    name: 'sluice:dev-csp-nonce',
    apply: 'serve',
    config: () => ({ html: { cspNonce: nonce } }),
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => html.replace("script-src 'self'", `script-src 'self' 'nonce-${nonce}'`),
    },
  };
}

/**
 * `vite` dev server in a browser: set SLUICE_DEV_CORE to the URL `sluice serve` printed and open
 * the dev page with the same `?token=`. /rpc and /events are forwarded to that core; the Origin
 * is rewritten to the core's own, since the core refuses foreign origins. Dev only: the token
 * is still required for every call.
 */
function devCoreProxy(): Record<string, ProxyOptions> | undefined {
  const raw = process.env.SLUICE_DEV_CORE;
  if (!raw) return undefined;
  const core = new URL(raw);
  const forward: ProxyOptions = {
    target: core.origin,
    changeOrigin: true,
    configure: (proxy) => proxy.on('proxyReq', (req) => req.setHeader('origin', core.origin)),
  };
  return { '/rpc': forward, '/events': forward };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), devCspNonce()],
  server: { proxy: devCoreProxy() },
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'es2022',
  },
});

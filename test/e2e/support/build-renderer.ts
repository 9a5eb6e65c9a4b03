/**
 * Playwright global setup: builds the web bundle into out/renderer so the tests drive the
 * code in the working tree, not a stale build. Set SLUICE_E2E_SKIP_BUILD=1 when a build
 * step already ran (CI, scripts/test.sh).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Runs `vite build --config renderer/vite.config.ts` in-process. */
export default async function buildRenderer(): Promise<void> {
  if (process.env.SLUICE_E2E_SKIP_BUILD === '1') return;
  await build({ configFile: fileURLToPath(new URL('../../../renderer/vite.config.ts', import.meta.url)), logLevel: 'warn' });
}

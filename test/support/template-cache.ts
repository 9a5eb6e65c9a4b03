/**
 * Caches freshly initialised data directories (initdb, install-db plus the harness's roles) between runs,
 * so a run copies a template in ~0.1 s instead of spending seconds of CPU. Keyed by the server's version
 * string, the recipe revision and our uid; built atomically (build dir + rename), so concurrent runs are safe.
 * SLUICE_HARNESS_NO_CACHE=1 builds a fresh template every run; SLUICE_HARNESS_CACHE moves the cache.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunScope } from './run-scope.js';
import { tmpRoot } from './tmp-root.js';

/** Builds a template data directory at the given (not yet existing) path. */
export type TemplateBuilder = (dataDir: string) => Promise<void>;

/** Returns the path of a ready template for `name`/`key`, building it first if the cache lacks it. */
export async function cachedTemplate(name: string, key: string, scope: RunScope, build: TemplateBuilder): Promise<string> {
  const cacheDir = process.env.SLUICE_HARNESS_CACHE ?? join(tmpRoot(), `sluice-harness-cache-${process.getuid?.() ?? 0}`);
  const digest = createHash('sha256').update(key).digest('hex').slice(0, 16);
  const noCache = process.env.SLUICE_HARNESS_NO_CACHE === '1';
  const template = noCache ? join(scope.dir, `${name}-template`) : join(cacheDir, `${name}-${digest}`);
  if (!noCache && existsSync(template)) return template;

  // Server users build inside it, so it must be traversable by them.
  await mkdir(noCache ? scope.dir : cacheDir, { recursive: true, mode: 0o755 });
  const building = `${template}.build-${randomBytes(4).toString('hex')}`;
  scope.trackPath(building);
  await build(building);
  try {
    await rename(building, template);
  } catch (error) {
    // Another run finished the same template first: use that one.
    if (!existsSync(template)) throw error;
    await rm(building, { recursive: true, force: true });
  }
  return template;
}

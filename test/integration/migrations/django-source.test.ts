/**
 * The text of a Django migration as the Migrations view shows it: the Python file and the SQL
 * Django renders with sqlmigrate, each direction on its own so one that Django cannot render
 * yet (on MySQL, rollback SQL of a migration whose tables do not exist) leaves the others.
 */
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createCore } from '../../../app/core';
import { dbUrl, FIXTURES, freshDatabase, PYTHON } from './support/migrate-cli';

const harness = inject('harness');
const PROJECT = path.join(FIXTURES, 'django-project');
const core = createCore({ version: 'test', dataDir: os.tmpdir() });
afterAll(() => core.close());

for (const server of [harness.postgres, harness.mariadb]) {
  describe(`Django migration source on ${server.engine}`, () => {
    it('returns the Python source and the forward SQL of a pending migration', { timeout: 120_000 }, async () => {
      const db = await freshDatabase(server, 'django_source');
      const opened = await core.dispatch('sessions.open', { url: dbUrl(harness, server, db), password: server.password }, { door: 'ipc' });
      if (!opened.ok) throw new Error(opened.error.code);
      const sessionId = (opened.value as { sessionId: string }).sessionId;
      const res = await core.dispatch('migrations.source', { sessionId, dir: PROJECT, id: 'inventory.0002_item_supplier', python: PYTHON }, { door: 'ipc' });
      if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
      const source = res.value as { python: string; up: string | null; down: string | null; unavailable: { up: string | null; down: string | null } };
      expect(source.python).toContain('class Migration');
      expect(source.up).toMatch(/ALTER TABLE|FOREIGN KEY|ADD COLUMN/i);
      expect(source.unavailable.up).toBeNull();
      // Either Django rendered the rollback, or it says exactly why it could not.
      expect(source.down !== null || (source.unavailable.down ?? '').length > 0).toBe(true);
      expect(JSON.stringify(res)).not.toContain(server.password);
    });
  });
}

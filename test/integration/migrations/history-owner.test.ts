/**
 * golang-migrate and dbmate both name their history table schema_migrations. A folder of one
 * tool pointed at a database the other tool manages must be refused before anything is read
 * as the wrong history or written into the other tool's table.
 */
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createCore } from '../../../app/core';
import { dbUrl, FIXTURES, freshDatabase } from './support/migrate-cli';

const harness = inject('harness');
const core = createCore({ version: 'test', dataDir: os.tmpdir() });
afterAll(() => core.close());
const ctx = { door: 'ipc' as const };

const CASES = [
  { owner: 'golang-migrate', table: 'CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null)', row: 'INSERT INTO schema_migrations VALUES (2, false)', folder: 'dbmate' },
  { owner: 'dbmate', table: 'CREATE TABLE schema_migrations (version varchar(128) primary key)', row: "INSERT INTO schema_migrations VALUES ('20240101000001')", folder: 'golang-migrate' },
] as const;

for (const server of [harness.postgres, harness.mariadb]) {
  describe(`schema_migrations of another tool on ${server.engine}`, () => {
    for (const c of CASES) {
      it(`refuses a ${c.folder} folder on a database ${c.owner} manages, and writes nothing`, async () => {
        const db = await freshDatabase(server, `owner_${c.folder.replace('-', '_')}`);
        const opened = await core.dispatch('sessions.open', { url: dbUrl(harness, server, db), password: server.password }, ctx);
        if (!opened.ok) throw new Error(opened.error.code);
        const sessionId = (opened.value as { sessionId: string }).sessionId;
        for (const sql of [c.table, c.row]) expect((await core.dispatch('query.run', { sessionId, sql }, ctx)).ok).toBe(true);
        const dir = path.join(FIXTURES, c.folder);

        const status = await core.dispatch('migrations.status', { sessionId, dir }, ctx);
        expect(status.ok ? 'ok' : status.error.code).toBe('MIGRATION_HISTORY_MISMATCH');
        if (!status.ok) expect(status.error.message).toContain(c.owner);

        const finished = new Promise<{ error: { code: string } | null }>((resolve) => {
          const stop = core.events.subscribe((name, payload) => {
            if (name === 'migrations.finished') {
              stop();
              resolve(payload as { error: { code: string } | null });
            }
          });
        });
        const apply = await core.dispatch('migrations.apply', { sessionId, dir, direction: 'up' }, ctx);
        expect(apply.ok).toBe(true);
        expect((await finished).error?.code).toBe('MIGRATION_HISTORY_MISMATCH');
        const rows = await core.dispatch('query.run', { sessionId, sql: 'SELECT COUNT(*) FROM schema_migrations' }, ctx);
        expect(rows.ok && String((rows.value as { rows: unknown[][] }).rows[0]?.[0])).toBe('1');
      });
    }
  });
}

/** An applied migration whose file changed is reported `modified` and blocks `up` unless --allow-modified. */
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { cliEnv, dbUrl, envelope, freshDatabase, sluice, writeFolder } from './support/migrate-cli';

const harness = inject('harness');

for (const server of [harness.postgres, harness.mariadb]) {
  describe(`a modified migration on ${server.engine}`, () => {
    it('is reported modified and blocks up unless --allow-modified', async () => {
      const env = cliEnv(server);
      const db = await freshDatabase(server, 'modified');
      const url = dbUrl(harness, server, db);
      const dir = writeFolder({
        '20240101000001_one.sql': '-- migrate:up\nCREATE TABLE one (id integer);\n\n-- migrate:down\nDROP TABLE one;\n',
      });
      expect((await sluice(['migrate', 'up', url, '--dir', dir, '--yes'], env)).code).toBe(0);

      appendFileSync(path.join(dir, '20240101000001_one.sql'), '-- an edit after the fact\n');
      appendFileSync(path.join(dir, '20240101000002_two.sql'), '-- migrate:up\nCREATE TABLE two (id integer);\n\n-- migrate:down\nDROP TABLE two;\n');
      const status = envelope(await sluice(['migrate', 'status', url, '--dir', dir, '--json'], env));
      expect(status.value.migrations).toMatchObject([
        { id: '20240101000001', status: 'modified' },
        { id: '20240101000002', status: 'pending' },
      ]);
      expect(status.value.migrations[0].checksum).not.toBe(status.value.migrations[0].appliedChecksum);

      const blocked = await sluice(['migrate', 'up', url, '--dir', dir, '--yes', '--json'], env);
      expect(blocked.code).toBe(1);
      expect(envelope(blocked)).toMatchObject({ ok: false, error: { code: 'MIGRATION_MODIFIED', hint: expect.stringMatching(/--allow-modified/) } });

      const allowed = await sluice(['migrate', 'up', url, '--dir', dir, '--yes', '--allow-modified'], env);
      expect(allowed.code, allowed.stderr).toBe(0);
      expect(allowed.stdout).toContain('Applied 1 migration.');
    });
  });
}

/**
 * Test before Save: connections.check reaches an unsaved profile form exactly as Save would
 * store it, a pasted PEM CA included, with a password the window never holds (one an import
 * left in the core, or the saved one of the profile being edited).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createCore } from '../../app/core';
import { urlFor } from './support/urls';

const harness = inject('harness');
const core = createCore({ version: 'test', dataDir: await mkdtemp(path.join(os.tmpdir(), 'sluice-draft-')) });
afterAll(() => core.close());
const ctx = { door: 'ipc' as const };

for (const server of [harness.postgres, harness.mariadb]) {
  const dialect = server.engine === 'postgres' ? 'postgres' : 'mysql';
  const draft = (pem: string) => ({
    dialect,
    host: server.host,
    port: server.port,
    database: server.database,
    user: server.user,
    ssl: { mode: 'verify-full', ca: { kind: 'pem', pem } },
    connectTimeoutMs: 10_000,
  });

  describe(`testing an unsaved ${server.engine} profile`, () => {
    it('verifies against a pasted PEM CA and refuses another one', async () => {
      const ok = await core.dispatch('connections.check', { draft: draft(readFileSync(harness.certs.ca, 'utf8')), password: server.password }, ctx);
      expect(ok).toMatchObject({ ok: true, value: { tls: { caVerified: true, hostnameVerified: true } } });
      const wrong = await core.dispatch('connections.check', { draft: draft(readFileSync(harness.certs.wrongCa, 'utf8')), password: server.password }, ctx);
      expect(wrong.ok ? 'ok' : wrong.error.code).toBe('TLS_UNTRUSTED_CA');
    });

    it('uses the password an import left in the core', async () => {
      const imported = await core.dispatch('profiles.import', { text: urlFor(server, { ca: harness.certs.ca, password: server.password }) }, ctx);
      if (!imported.ok) throw new Error(imported.error.code);
      const { pendingPasswordId } = imported.value as { pendingPasswordId: string | null };
      expect(pendingPasswordId).toMatch(/^pending_/);
      expect(JSON.stringify(imported)).not.toContain(server.password);
      const res = await core.dispatch('connections.check', { draft: draft(readFileSync(harness.certs.ca, 'utf8')), pendingPasswordId }, ctx);
      expect(res.ok).toBe(true);
    });

    it('uses the saved password of the profile being edited', async () => {
      const saved = await core.dispatch(
        'profiles.save',
        { name: `draft ${server.engine}`, environment: 'development', replicas: [], password: server.password, ...draft(readFileSync(harness.certs.ca, 'utf8')) },
        ctx,
      );
      if (!saved.ok) throw new Error(`${saved.error.code} ${JSON.stringify(saved.error.details)}`);
      const profileId = (saved.value as { profile: { id: string } }).profile.id;
      const edited = { ...draft(readFileSync(harness.certs.ca, 'utf8')), connectTimeoutMs: 5_000 };
      const res = await core.dispatch('connections.check', { draft: edited, profileId }, ctx);
      expect(res.ok).toBe(true);
      const withoutPassword = await core.dispatch('connections.check', { draft: edited }, ctx);
      // Nothing to sign in with: PostgreSQL says the password failed; MySQL cannot tell a missing
      // password from a missing client certificate, and Sluice says so.
      if (withoutPassword.ok) throw new Error('connected without a password');
      if (server.engine === 'postgres') expect(withoutPassword.error.code).toBe('AUTH_FAILED');
      else expect(withoutPassword.error).toMatchObject({ code: 'CLIENT_CERT_REQUIRED', message: expect.stringMatching(/neither a password nor a client certificate/) });
    });
  });
}

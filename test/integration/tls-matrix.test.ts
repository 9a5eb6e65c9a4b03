/**
 * The SSL matrix, against real servers, for every engine: each case must end in exactly
 * the code a user is shown. The same suite runs for PostgreSQL and MariaDB.
 */
import { chmod, copyFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createCore } from '../../app/core';
import type { DbServerInfo } from '../support/harness-info';
import { urlFor, type UrlOptions } from './support/urls';
import { freePorts } from '../support/free-ports';

const harness = inject('harness');
const core = createCore({ version: 'test', dataDir: os.tmpdir() });
afterAll(() => core.close());

async function check(server: DbServerInfo, opts: UrlOptions, password: string | undefined = server.password) {
  return core.dispatch('connections.check', { url: urlFor(server, opts), ...(password === undefined ? {} : { password }) }, { door: 'cli' });
}

async function expectCode(server: DbServerInfo, opts: UrlOptions, code: string, password?: string) {
  const res = await check(server, opts, password ?? server.password);
  expect(res.ok ? 'ok' : res.error.code).toBe(code);
  if (!res.ok) {
    expect(res.error.hint).toBeTruthy();
    expect(JSON.stringify(res)).not.toContain(server.password);
  }
  return res;
}

for (const [server, expired] of [
  [harness.postgres, harness.postgresExpired],
  [harness.mariadb, harness.mariadbExpired],
] as const) {
  const { certs } = harness;
  describe(`SSL modes on ${server.engine}`, () => {
    it('verify-full succeeds by DNS name', async () => {
      const res = await expectCode(server, { host: 'localhost', ca: certs.ca }, 'ok');
      if (res.ok) expect((res.value as { tls: { hostnameVerified: boolean } }).tls.hostnameVerified).toBe(true);
    });

    it('verify-full succeeds by IP address in the certificate', async () => {
      await expectCode(server, { host: '127.0.0.1', ca: certs.ca }, 'ok');
    });

    it('rejects a certificate from another CA', async () => {
      await expectCode(server, { ca: certs.wrongCa }, 'TLS_UNTRUSTED_CA');
    });

    it('rejects an IP host the certificate does not list', async () => {
      await expectCode(server, { host: server.altHost, ca: certs.ca }, 'TLS_HOSTNAME_MISMATCH');
    });

    it('rejects a DNS name the certificate does not list (hostaddr dials the right server)', async () => {
      await expectCode(server, { host: 'db.sluice.test', hostaddr: '127.0.0.1', ca: certs.ca }, 'TLS_HOSTNAME_MISMATCH');
    });

    it('verify-ca accepts the server where verify-full fails on the name', async () => {
      const res = await expectCode(server, { host: server.altHost, sslmode: 'verify-ca', ca: certs.ca }, 'ok');
      if (res.ok) expect((res.value as { tls: { caVerified: boolean; hostnameVerified: boolean } }).tls).toMatchObject({ caVerified: true, hostnameVerified: false });
    });

    it('verify-ca still rejects another CA', async () => {
      await expectCode(server, { host: server.altHost, sslmode: 'verify-ca', ca: certs.wrongCa }, 'TLS_UNTRUSTED_CA');
    });

    it('require encrypts without a CA and says nothing was verified', async () => {
      const res = await expectCode(server, { sslmode: 'require' }, 'ok');
      if (res.ok) {
        const value = res.value as { tls: { caVerified: boolean; protocol: string }; warnings: string[] };
        expect(value.tls.caVerified).toBe(false);
        expect(value.tls.protocol).toMatch(/TLS/);
        expect(value.warnings.join(' ')).toMatch(/not verified/);
      }
    });

    it('disable is refused by a TLS-only server', async () => {
      await expectCode(server, { sslmode: 'disable' }, 'SERVER_REQUIRES_TLS');
    });

    it('logs in with a client certificate', async () => {
      await expectCode(server, { user: server.certUser, ca: certs.ca, cert: certs.clientCert, key: certs.clientKey }, 'ok', '');
    });

    it('says a client certificate is required when none is given', async () => {
      await expectCode(server, { user: server.certUser, ca: certs.ca }, 'CLIENT_CERT_REQUIRED', '');
    });

    it('says the client certificate was rejected when an unknown CA issued it', async () => {
      await expectCode(server, { user: server.certUser, ca: certs.ca, cert: certs.wrongClientCert, key: certs.wrongClientKey }, 'TLS_CLIENT_CERT_REJECTED', '');
    });

    it('reports a wrong password as AUTH_FAILED', async () => {
      await expectCode(server, { ca: certs.ca }, 'AUTH_FAILED', 'not-the-password');
    });

    it('reports an unknown database as DATABASE_NOT_FOUND', async () => {
      await expectCode(server, { ca: certs.ca, database: 'no_such_db' }, 'DATABASE_NOT_FOUND');
    });

    it('reports a closed port as UNREACHABLE', async () => {
      await expectCode(server, { ca: certs.ca, port: (await freePorts(1))[0] as number }, 'UNREACHABLE');
    });

    it('reports an unreadable CA file as TLS_FILE_UNREADABLE', async () => {
      await expectCode(server, { ca: path.join(certs.ca, '..', 'missing-ca.pem') }, 'TLS_FILE_UNREADABLE');
      if (process.getuid?.() !== 0) {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-ca-'));
        const locked = path.join(dir, 'ca.pem');
        await copyFile(certs.ca, locked);
        await chmod(locked, 0o000);
        await expectCode(server, { ca: locked }, 'TLS_FILE_UNREADABLE');
      }
    });

    it('reports an expired server certificate as TLS_CERT_EXPIRED', async () => {
      await expectCode(expired, { ca: certs.ca }, 'TLS_CERT_EXPIRED');
    });
  });
}

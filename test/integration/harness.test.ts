/** Smoke test of the database harness itself: TLS-only servers, certificate logins, replicas, expired twins. */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, inject, it } from 'vitest';
import { adminQuery, scratchDatabase } from '../support/admin.js';
import type { DbServerInfo } from '../support/harness-info.js';
import { rawConnect, rawQuery, type RawConnectOptions } from '../support/raw-client.js';

const harness = inject('harness');
const { certs } = harness;
const verified = { tls: { ca: certs.ca } } satisfies RawConnectOptions;
const withClientCert = { user: 'sluice_cert', tls: { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey } };

interface EngineCase {
  primary: DbServerInfo;
  replica: DbServerInfo;
  expired: DbServerInfo;
  /** SQL giving one row `{ tls: <truthy when this session is encrypted> }`. */
  tlsInUse: string;
  isReplica: string;
}

const ENGINES: EngineCase[] = [
  {
    primary: harness.postgres,
    replica: harness.postgresReplica,
    expired: harness.postgresExpired,
    tlsInUse: 'SELECT ssl AS tls FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
    isReplica: 'SELECT pg_is_in_recovery() AS yes',
  },
  {
    primary: harness.mariadb,
    replica: harness.mariadbReplica,
    expired: harness.mariadbExpired,
    tlsInUse: "SELECT variable_value AS tls FROM information_schema.session_status WHERE variable_name = 'Ssl_version'",
    isReplica: 'SELECT @@read_only = 1 AS yes',
  },
];

/** Polls `probe` until it returns true or `ms` pass. */
async function eventually(probe: () => Promise<boolean>, ms = 5_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await sleep(50);
  }
  return probe();
}

describe('the server certificate', () => {
  const serverCert = new X509Certificate(readFileSync(certs.serverCert));

  it('names 127.0.0.1 and localhost but not the alternative host 127.0.0.2', () => {
    expect(serverCert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(serverCert.checkHost('localhost')).toBe('localhost');
    expect(serverCert.checkIP('127.0.0.2')).toBeUndefined();
  });

  it('is issued by the CA, and the expired one ended before now', () => {
    expect(serverCert.verify(new X509Certificate(readFileSync(certs.ca)).publicKey)).toBe(true);
    expect(Date.parse(new X509Certificate(readFileSync(certs.expiredCert)).validTo)).toBeLessThan(Date.now());
  });
});

for (const engine of ENGINES) {
  const { primary, replica, expired } = engine;

  describe(`${primary.engine} harness`, () => {
    it('accepts the sluice user over TLS verified against ca.pem', async () => {
      const [row] = await rawQuery(primary, verified, engine.tlsInUse);
      expect(row?.tls).toBeTruthy();
    });

    it('refuses a plaintext connection even with the right password', async () => {
      const refused = rawQuery(primary, { tls: false }, 'SELECT 1');
      // PostgreSQL finds no pg_hba line; MariaDB (require_secure_transport) answers "access denied".
      await expect(refused).rejects.toMatchObject(
        primary.engine === 'postgres'
          ? { code: '28000', message: expect.stringMatching(/no pg_hba\.conf entry .* no encryption/) }
          : { code: 'ER_ACCESS_DENIED_ERROR', errno: 1045 },
      );
    });

    it('logs sluice_cert in with its client certificate and no password', async () => {
      const [row] = await rawQuery(primary, withClientCert, 'SELECT CURRENT_USER AS who');
      expect(String(row?.who)).toMatch(/^sluice_cert(@%)?$/);
    });

    it('refuses sluice_cert without a client certificate', async () => {
      await expect(rawQuery(primary, { user: 'sluice_cert', tls: { ca: certs.ca } }, 'SELECT 1')).rejects.toMatchObject(
        primary.engine === 'postgres'
          ? { code: '28000', message: 'connection requires a valid client certificate' }
          : { code: 'ER_ACCESS_DENIED_ERROR' },
      );
    });

    it('refuses a client certificate from the wrong CA during the handshake', async () => {
      const wrongClient = { user: 'sluice_cert', tls: { ca: certs.ca, cert: certs.wrongClientCert, key: certs.wrongClientKey } };
      await expect(rawQuery(primary, wrongClient, 'SELECT 1')).rejects.toMatchObject({ code: 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA' });
    });

    it('fails verification against the wrong CA', async () => {
      await expect(rawQuery(primary, { tls: { ca: certs.wrongCa } }, 'SELECT 1')).rejects.toThrow(
        'self-signed certificate in certificate chain',
      );
    });

    it('serves the same server on the alternative host', async () => {
      const port = primary.engine === 'postgres' ? 'SELECT current_setting($$port$$) AS port' : 'SELECT @@port AS port';
      const [row] = await rawQuery(primary, { host: primary.altHost, tls: { ca: certs.ca, verifyHost: false } }, port);
      expect(Number(row?.port)).toBe(primary.port);
    });

    it('presents an expired certificate on the expired instance', async () => {
      await expect(rawQuery(expired, verified, 'SELECT 1')).rejects.toThrow('certificate has expired');
    });

    it('runs a read-only replica that follows the primary within seconds', async () => {
      const [state] = await rawQuery(replica, verified, engine.isReplica);
      expect(Boolean(state?.yes)).toBe(true);
      if (primary.engine === 'mariadb') {
        const [status] = await adminQuery(replica, 'SHOW SLAVE STATUS');
        expect([status?.Slave_IO_Running, status?.Slave_SQL_Running]).toEqual(['Yes', 'Yes']);
      }

      const table = `smoke_${Date.now()}`;
      const writer = await rawConnect(primary, verified);
      try {
        await writer.query(`CREATE TABLE ${table} (id int PRIMARY KEY, note varchar(20))`);
        await writer.query(`INSERT INTO ${table} VALUES (1, 'replicated')`);
      } finally {
        await writer.close();
      }
      const reader = await rawConnect(replica, verified);
      try {
        const seen = await eventually(async () => {
          const rows = await reader.query(`SELECT note FROM ${table}`).catch(() => []);
          return rows[0]?.note === 'replicated';
        });
        expect(seen).toBe(true);
        await expect(reader.query(`INSERT INTO ${table} VALUES (2, 'refused')`)).rejects.toThrow(/read-only|read.only/i);
      } finally {
        await reader.close();
        await adminQuery(primary, `DROP TABLE ${table}`, { database: 'sluice' });
      }
    });

    it('makes scratch databases the sluice user can use', async () => {
      const name = await scratchDatabase(primary, 'sluice_scratch_smoke');
      const connection = await rawConnect(primary, { ...verified, database: name });
      try {
        await connection.query('CREATE TABLE t (id int)');
        await connection.query('INSERT INTO t VALUES (42)');
        expect(await connection.query('SELECT id FROM t')).toEqual([{ id: 42 }]);
      } finally {
        await connection.close();
      }
      // Asked again, it drops the database and recreates it empty.
      await scratchDatabase(primary, name);
      const tables = await adminQuery(
        primary,
        primary.engine === 'postgres'
          ? "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
          : `SELECT table_name FROM information_schema.tables WHERE table_schema = '${name}'`,
        { database: name },
      );
      expect(tables).toEqual([]);
    });
  });
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConnectionConfig } from '../../../app/connections/connection-config';
import { exportConnectionUrl } from '../../../app/connections/import/export-url';
import { importConnectionText } from '../../../app/connections/import/import-text';
import { parseConnectionUrl } from '../../../app/connections/parse-url';
import { connection, password } from './arbitraries';

/** IPv6 literals come back in canonical form (`0:0::1` → `::1`): the same address. */
function canonicalHost(host: string): string {
  return host.includes(':') ? new URL(`http://[${host}]/`).hostname.slice(1, -1) : host;
}

const RUNS = 5_000;

describe('exportConnectionUrl', () => {
  it('writes libpq parameters for PostgreSQL', () => {
    const { url } = exportConnectionUrl({
      dialect: 'postgres',
      host: 'db.example.com',
      port: 25060,
      database: 'defaultdb',
      user: 'doadmin',
      ssl: { mode: 'verify-full', ca: { kind: 'file', path: '/home/me/ca.crt' }, clientCert: { certPath: '/c.pem', keyPath: '/k.pem' } },
      connectTimeoutMs: 5_000,
    });
    expect(url).toBe('postgresql://doadmin@db.example.com:25060/defaultdb?sslmode=verify-full&sslrootcert=%2Fhome%2Fme%2Fca.crt&sslcert=%2Fc.pem&sslkey=%2Fk.pem&connect_timeout=5');
  });

  it('writes MySQL ssl-mode names for MySQL and MariaDB', () => {
    const { url } = exportConnectionUrl({ dialect: 'mysql', host: '::1', port: 3306, database: 'shop', user: 'root', ssl: { mode: 'verify-ca', ca: { kind: 'file', path: '/ca.pem' } }, connectTimeoutMs: 10_000 });
    expect(url).toBe('mysql://root@[::1]:3306/shop?ssl-mode=VERIFY_CA&ssl-ca=%2Fca.pem');
  });

  it('includes the password only when given one, percent-encoded', () => {
    const base = { dialect: 'postgres' as const, host: 'h', port: 5432, database: 'd', user: 'u', ssl: { mode: 'require' as const }, connectTimeoutMs: 10_000 };
    expect(exportConnectionUrl(base).url).toBe('postgresql://u@h:5432/d?sslmode=require');
    expect(exportConnectionUrl(base, { password: 'p@ss:w/rd' }).url).toBe('postgresql://u:p%40ss%3Aw%2Frd@h:5432/d?sslmode=require');
  });

  it('warns about what a URL cannot carry: a pasted PEM CA and replicas', () => {
    const { warnings } = exportConnectionUrl({
      dialect: 'postgres',
      host: 'h',
      port: 5432,
      database: 'd',
      user: 'u',
      ssl: { mode: 'verify-full', ca: { kind: 'pem', pem: '-----BEGIN CERTIFICATE-----' } },
      connectTimeoutMs: 10_000,
      replicas: [{}, {}],
    });
    expect(warnings.join('\n')).toMatch(/PEM/);
    expect(warnings.join('\n')).toMatch(/2 read replicas were not exported/);
  });

  it(`reads back through parseConnectionUrl as the same connection (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(connection, fc.option(password, { nil: undefined }), (config: ConnectionConfig, secret) => {
        const { url } = exportConnectionUrl(config, secret === undefined ? {} : { password: secret });
        const back = parseConnectionUrl(url);
        const expected: ConnectionConfig = { ...config, host: canonicalHost(config.host), ...(secret === undefined ? {} : { password: secret }) };
        expect(back).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it(`survives import → export → import unchanged (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(connection, password, (config, secret) => {
        const first = importConnectionText(exportConnectionUrl(config, { password: secret }).url);
        const again = importConnectionText(exportConnectionUrl(first.draft, { password: first.password as string }).url);
        expect(again.draft).toEqual(first.draft);
        expect(again.password).toBe(secret);
      }),
      { numRuns: RUNS },
    );
  });
});

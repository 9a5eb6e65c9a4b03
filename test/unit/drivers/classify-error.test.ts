import { describe, expect, it } from 'vitest';
import type { ConnectionConfig } from '../../../app/connections/connection-config';
import { classifyConnectError, classifyQueryError, scrubSecrets } from '../../../app/drivers/classify-error';

const config: ConnectionConfig = {
  dialect: 'mysql',
  host: 'db',
  port: 3306,
  database: 'app',
  user: 'u',
  password: 'pw-Secret-1',
  ssl: { mode: 'verify-full', ca: { kind: 'system' } },
  connectTimeoutMs: 1000,
};

function withCode(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

describe('classifyConnectError', () => {
  const cases: Array<[string, Error, string]> = [
    ['an unknown CA by Node code', withCode('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN'), 'TLS_UNTRUSTED_CA'],
    ['an unknown CA that mysql2 relabelled', withCode('unable to verify the first certificate', 'HANDSHAKE_SSL_ERROR'), 'TLS_UNTRUSTED_CA'],
    ['a host-name mismatch', withCode("Hostname/IP does not match certificate's altnames: IP: 127.0.0.2 is not in the cert's list: 127.0.0.1", 'ERR_TLS_CERT_ALTNAME_INVALID'), 'TLS_HOSTNAME_MISMATCH'],
    ['an expired certificate', withCode('certificate has expired', 'CERT_HAS_EXPIRED'), 'TLS_CERT_EXPIRED'],
    ['a wrong password on PostgreSQL', withCode('password authentication failed for user "u"', '28P01'), 'AUTH_FAILED'],
    ['a wrong password on MySQL', withCode("Access denied for user 'u'@'localhost' (using password: YES)", 'ER_ACCESS_DENIED_ERROR'), 'AUTH_FAILED'],
    ['an unknown PostgreSQL database', withCode('database "nope" does not exist', '3D000'), 'DATABASE_NOT_FOUND'],
    ['an unknown MySQL database', withCode("Unknown database 'nope'", 'ER_BAD_DB_ERROR'), 'DATABASE_NOT_FOUND'],
    ['a closed port', withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'), 'UNREACHABLE'],
    ['a TLS-only PostgreSQL', withCode('no pg_hba.conf entry for host "127.0.0.1", user "u", database "d", no encryption', '28000'), 'SERVER_REQUIRES_TLS'],
    ['a TLS-only MariaDB', withCode('Connections using insecure transport are prohibited while --require_secure_transport=ON.', 'ER_SECURE_TRANSPORT_REQUIRED'), 'SERVER_REQUIRES_TLS'],
    ['a server without TLS', withCode('The server does not support SSL connections'), 'SERVER_NO_TLS'],
    ['a connect timeout', withCode('timeout expired'), 'TIMEOUT'],
  ];
  for (const [what, err, code] of cases) {
    it(`classifies ${what} as ${code}`, () => {
      expect(classifyConnectError(err, config).code).toBe(code);
    });
  }

  it('says a client certificate is missing when the server rejects a handshake without one', () => {
    expect(classifyConnectError(withCode('tlsv13 alert certificate required'), config).code).toBe('CLIENT_CERT_REQUIRED');
  });

  it('says a client certificate is missing when MySQL refuses a login that offered neither password nor certificate', () => {
    const err = classifyConnectError(withCode("Access denied for user 'c'@'%' (using password: NO)", 'ER_ACCESS_DENIED_ERROR'), { ...config, password: undefined });
    expect(err.code).toBe('CLIENT_CERT_REQUIRED');
    expect(classifyConnectError(withCode("Access denied for user 'c'@'%' (using password: YES)", 'ER_ACCESS_DENIED_ERROR'), config).code).toBe('AUTH_FAILED');
  });

  it('keeps AUTH_FAILED on PostgreSQL without a password: it names a missing certificate itself', () => {
    const pgConfig = { ...config, dialect: 'postgres' as const, password: undefined };
    expect(classifyConnectError(withCode('password authentication failed for user "u"', '28P01'), pgConfig).code).toBe('AUTH_FAILED');
  });

  it('reports MySQL "access denied to database" as DATABASE_NOT_FOUND with an honest message', () => {
    const err = classifyConnectError(withCode("Access denied for user 'u'@'%' to database 'nope'", 'ER_DBACCESS_DENIED_ERROR'), config);
    expect(err.code).toBe('DATABASE_NOT_FOUND');
    expect(err.message).toMatch(/does not exist, or this user may not use it/);
  });

  it('keeps the raw driver message in details, scrubbed of the password', () => {
    const err = classifyConnectError(withCode('password authentication failed; pw-Secret-1 was sent', '28P01'), config);
    expect(err.details?.raw).toContain('***');
    expect(JSON.stringify(err.toApiError())).not.toContain('pw-Secret-1');
  });

  it('reports unknown errors as INTERNAL rather than guessing', () => {
    expect(classifyConnectError(new Error('something odd'), config).code).toBe('INTERNAL');
  });
});

describe('classifyQueryError', () => {
  it('reports a dropped connection as CONNECTION_LOST', () => {
    expect(classifyQueryError(withCode('Connection terminated unexpectedly'), []).code).toBe('CONNECTION_LOST');
  });
  it('reports a server error with its first line as the message', () => {
    const err = classifyQueryError(withCode('relation "nope" does not exist', '42P01'), []);
    expect(err.code).toBe('QUERY_FAILED');
    expect(err.message).toBe('relation "nope" does not exist');
    expect(err.details?.driverCode).toBe('42P01');
  });
  it('reports a write on a read-only session as READ_ONLY_SESSION', () => {
    expect(classifyQueryError(withCode('cannot execute INSERT in a read-only transaction', '25006'), []).code).toBe('READ_ONLY_SESSION');
  });
});

describe('scrubSecrets', () => {
  it('replaces every occurrence of every secret', () => {
    expect(scrubSecrets('a pw b pw', ['pw'])).toBe('a *** b ***');
  });
});

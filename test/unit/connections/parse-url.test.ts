import { describe, expect, it } from 'vitest';
import { SluiceError } from '../../../app/api/errors';
import { parseConnectionUrl } from '../../../app/connections/parse-url';

function errorOf(fn: () => unknown): SluiceError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SluiceError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

describe('parseConnectionUrl', () => {
  it('reads a libpq URL with verify-full and a CA file', () => {
    const c = parseConnectionUrl('postgresql://app:s3cret@db.example.com:25060/defaultdb?sslmode=verify-full&sslrootcert=/tmp/ca.pem');
    expect(c).toMatchObject({
      dialect: 'postgres',
      host: 'db.example.com',
      port: 25060,
      database: 'defaultdb',
      user: 'app',
      password: 's3cret',
      ssl: { mode: 'verify-full', ca: { kind: 'file', path: '/tmp/ca.pem' } },
    });
  });

  it('reads MySQL ssl-mode names as the MySQL client defines them', () => {
    expect(parseConnectionUrl('mysql://u@h/db?ssl-mode=VERIFY_IDENTITY&ssl-ca=/ca.pem').ssl).toEqual({ mode: 'verify-full', ca: { kind: 'file', path: '/ca.pem' } });
    expect(parseConnectionUrl('mariadb://u@h/db?ssl-mode=VERIFY_CA&ssl-ca=/ca.pem').ssl).toEqual({ mode: 'verify-ca', ca: { kind: 'file', path: '/ca.pem' } });
    expect(parseConnectionUrl('mysql://u@h/db?ssl-mode=REQUIRED').ssl).toEqual({ mode: 'require' });
    expect(parseConnectionUrl('mysql://u@h/db?ssl-mode=DISABLED').ssl).toEqual({ mode: 'disable' });
    expect(parseConnectionUrl('mysql://u@h/db').dialect).toBe('mysql');
    expect(parseConnectionUrl('mysql://u@h/db').port).toBe(3306);
  });

  it('treats require with a CA file as verify-ca, as libpq does', () => {
    expect(parseConnectionUrl('postgres://u@h/db?sslmode=require&sslrootcert=/ca.pem').ssl).toEqual({ mode: 'verify-ca', ca: { kind: 'file', path: '/ca.pem' } });
  });

  it('uses the system trust store when a verify mode has no CA file', () => {
    expect(parseConnectionUrl('postgres://u@h/db?sslmode=verify-full').ssl).toEqual({ mode: 'verify-full', ca: { kind: 'system' } });
    expect(parseConnectionUrl('postgres://u@h/db?sslmode=verify-full&sslrootcert=system').ssl).toEqual({ mode: 'verify-full', ca: { kind: 'system' } });
  });

  it('defaults to prefer, the libpq default, when no sslmode is given', () => {
    expect(parseConnectionUrl('postgres://u@h/db').ssl).toEqual({ mode: 'prefer' });
  });

  it('decodes percent-encoded credentials and reads IPv6 hosts', () => {
    const c = parseConnectionUrl('postgresql://us%40er:p%40ss%3Aword%2F@[::1]:6543/my%20db');
    expect(c).toMatchObject({ host: '::1', port: 6543, user: 'us@er', password: 'p@ss:word/', database: 'my db' });
  });

  it('reads a client certificate pair and hostaddr', () => {
    const c = parseConnectionUrl('postgres://u@db.internal/db?sslmode=verify-full&sslrootcert=/ca&sslcert=/c.pem&sslkey=/k.pem&hostaddr=10.0.0.5');
    expect(c.ssl).toEqual({ mode: 'verify-full', ca: { kind: 'file', path: '/ca' }, clientCert: { certPath: '/c.pem', keyPath: '/k.pem' } });
    expect(c.hostaddr).toBe('10.0.0.5');
  });

  it('reads sslpassword, the passphrase of an encrypted client key, apart from the SSL settings that profiles keep', () => {
    const c = parseConnectionUrl('mysql://u@db/db?ssl-cert=/c.pem&ssl-key=/k.pem&sslpassword=a%26b%20c');
    expect(c.sslPassword).toBe('a&b c');
    expect(JSON.stringify(c.ssl)).not.toContain('a&b c');
    expect(parseConnectionUrl('postgres://u@h/db').sslPassword).toBeUndefined();
  });

  it('refuses a certificate without its key', () => {
    expect(errorOf(() => parseConnectionUrl('postgres://u@h/db?sslcert=/c.pem')).code).toBe('INVALID_URL');
  });

  it('refuses an unknown sslmode instead of guessing', () => {
    const err = errorOf(() => parseConnectionUrl('postgres://u@h/db?sslmode=verify-maybe'));
    expect(err.code).toBe('INVALID_URL');
    expect(err.hint).toMatch(/verify-full/);
  });

  it('refuses other schemes and non-URLs with INVALID_URL, never echoing the password', () => {
    const err = errorOf(() => parseConnectionUrl('http://u:hunter2@h/db'));
    expect(err.code).toBe('INVALID_URL');
    expect(JSON.stringify(err.toApiError())).not.toContain('hunter2');
    expect(errorOf(() => parseConnectionUrl('not a url')).code).toBe('INVALID_URL');
    expect(errorOf(() => parseConnectionUrl('postgres://u:%E0%A4%A@h/db')).code).toBe('INVALID_URL');
  });

  it('reads connect_timeout in seconds', () => {
    expect(parseConnectionUrl('postgres://u@h/db?connect_timeout=3').connectTimeoutMs).toBe(3000);
    expect(errorOf(() => parseConnectionUrl('postgres://u@h/db?connect_timeout=abc')).code).toBe('INVALID_URL');
  });
});

/**
 * Reads a connection URL the way libpq and the MySQL client read theirs:
 * `sslmode`/`sslrootcert`/`sslcert`/`sslkey`/`sslpassword` (libpq) and `ssl-mode`/`ssl-ca`/`ssl-cert`/`ssl-key`
 * (MySQL) keep the meaning their own tools give them. Errors never echo the password.
 */
import os from 'node:os';
import { sslModeOf } from '../api/calls/ssl-modes';
import { SluiceError } from '../api/errors';
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_PORT,
  type CaSource,
  type ClientCertificate,
  type ConnectionConfig,
  type Dialect,
  type SslConfig,
} from './connection-config';

const SCHEMES: Record<string, Dialect> = {
  'postgres:': 'postgres',
  'postgresql:': 'postgres',
  'mysql:': 'mysql',
  'mariadb:': 'mysql',
};


function invalid(message: string, hint?: string): SluiceError {
  return new SluiceError('INVALID_URL', { message, ...(hint ? { hint } : {}) });
}

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? os.homedir() + path.slice(1) : path;
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw invalid(`The ${what} in the URL has a broken percent-encoding.`, 'Encode special characters as %XX (for example @ as %40).');
  }
}

/** First present value among parameter aliases (`sslmode` or `ssl-mode` or `ssl_mode`). */
function param(params: URLSearchParams, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = params.get(name);
    if (value !== null && value !== '') return value;
  }
  return undefined;
}

function caSource(rootcert: string | undefined): CaSource {
  if (rootcert === undefined || rootcert === 'system') return { kind: 'system' };
  return { kind: 'file', path: expandHome(rootcert) };
}

/** Builds the SSL union from URL parameters. A CA file given with `require` means verify-ca, as libpq defines it. */
export function sslFromParams(params: URLSearchParams): SslConfig {
  const rawMode = param(params, 'sslmode', 'ssl-mode', 'ssl_mode');
  const rootcert = param(params, 'sslrootcert', 'ssl-ca', 'ssl_ca');
  const cert = param(params, 'sslcert', 'ssl-cert', 'ssl_cert');
  const key = param(params, 'sslkey', 'ssl-key', 'ssl_key');
  if ((cert === undefined) !== (key === undefined)) {
    throw invalid('A client certificate needs both a certificate and a key.', 'Give both sslcert and sslkey (or ssl-cert and ssl-key).');
  }
  const clientCert: ClientCertificate | undefined = cert && key ? { certPath: expandHome(cert), keyPath: expandHome(key) } : undefined;
  const withCert = clientCert ? { clientCert } : {};
  let mode: SslConfig['mode'] = 'prefer';
  if (rawMode !== undefined) {
    const known = sslModeOf(rawMode);
    if (!known) {
      // Echo the value only when it looks like a mode word: in a malformed URL it may be the tail of a password.
      const shown = /^[A-Za-z_-]{1,24}$/.test(rawMode) ? ` "${rawMode}"` : '';
      throw invalid(`Unknown SSL mode${shown}.`, 'Use disable, require, verify-ca or verify-full (MySQL: DISABLED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY).');
    }
    mode = known;
  }
  if (mode === 'require' && rootcert !== undefined && rootcert !== 'system') mode = 'verify-ca';
  switch (mode) {
    case 'disable':
      return { mode };
    case 'prefer':
    case 'require':
      return { mode, ...withCert };
    case 'verify-ca':
    case 'verify-full':
      return { mode, ca: caSource(rootcert), ...withCert };
  }
}

function parsePort(raw: string, dialect: Dialect): number {
  if (raw === '') return DEFAULT_PORT[dialect];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid('The port must be a number from 1 to 65535.');
  return port;
}

function parseTimeout(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_CONNECT_TIMEOUT_MS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 3600) throw invalid('connect_timeout must be a number of seconds from 0 to 3600.');
  return seconds === 0 ? DEFAULT_CONNECT_TIMEOUT_MS : Math.round(seconds * 1000);
}

/** Parses a postgres://, postgresql://, mysql:// or mariadb:// URL into a connection config. */
export function parseConnectionUrl(input: string): ConnectionConfig {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid('This is not a connection URL.', 'Use postgresql://user@host:5432/db or mysql://user@host:3306/db.');
  }
  const dialect = SCHEMES[url.protocol];
  if (!dialect) throw invalid(`Unsupported scheme "${url.protocol.slice(0, 20)}".`, 'Use postgres://, postgresql://, mysql:// or mariadb://.');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const params = url.searchParams;
  const queryHost = param(params, 'host');
  const finalHost = host || queryHost || 'localhost';
  const user = decode(url.username, 'user name') || param(params, 'user') || os.userInfo().username;
  const password = url.password ? decode(url.password, 'password') : param(params, 'password');
  const database = decode(url.pathname.replace(/^\//, ''), 'database name') || param(params, 'dbname', 'database') || (dialect === 'postgres' ? user : '');
  const hostaddr = param(params, 'hostaddr');
  const config: ConnectionConfig = {
    dialect,
    host: finalHost,
    port: parsePort(url.port, dialect),
    database,
    user,
    ssl: sslFromParams(params),
    connectTimeoutMs: parseTimeout(param(params, 'connect_timeout', 'connect-timeout')),
  };
  if (password !== undefined) config.password = password;
  // libpq's sslpassword, for an encrypted client key (a secret, like the password).
  const sslPassword = param(params, 'sslpassword');
  if (sslPassword !== undefined) config.sslPassword = sslPassword;
  if (hostaddr !== undefined) config.hostaddr = hostaddr;
  return config;
}

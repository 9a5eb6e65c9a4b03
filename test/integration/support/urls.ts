/** Builds connection URLs for harness servers with each dialect's own SSL parameter names. */
import type { DbServerInfo } from '../../support/harness-info';

/** What a test varies in a URL. */
export interface UrlOptions {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  /** libpq sslmode spelling; translated to MySQL's ssl-mode for MariaDB. */
  sslmode?: 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
  ca?: string;
  cert?: string;
  key?: string;
  hostaddr?: string;
}

const MYSQL_MODES = { disable: 'DISABLED', prefer: 'PREFERRED', require: 'REQUIRED', 'verify-ca': 'VERIFY_CA', 'verify-full': 'VERIFY_IDENTITY' } as const;

/** A URL for `server`, as a user of that engine would write it. */
export function urlFor(server: DbServerInfo, opts: UrlOptions = {}): string {
  const pg = server.engine === 'postgres';
  const user = encodeURIComponent(opts.user ?? server.user);
  const password = opts.password === undefined ? '' : `:${encodeURIComponent(opts.password)}`;
  const host = opts.host ?? server.host;
  const url = new URL(`${pg ? 'postgresql' : 'mysql'}://${user}${password}@${host}:${opts.port ?? server.port}/${opts.database ?? server.database}`);
  const mode = opts.sslmode ?? 'verify-full';
  url.searchParams.set(pg ? 'sslmode' : 'ssl-mode', pg ? mode : MYSQL_MODES[mode]);
  if (opts.ca) url.searchParams.set(pg ? 'sslrootcert' : 'ssl-ca', opts.ca);
  if (opts.cert) url.searchParams.set(pg ? 'sslcert' : 'ssl-cert', opts.cert);
  if (opts.key) url.searchParams.set(pg ? 'sslkey' : 'ssl-key', opts.key);
  if (opts.hostaddr) url.searchParams.set('hostaddr', opts.hostaddr);
  return url.toString();
}

/** The password environment variable each engine's own client reads. */
export function passwordEnv(server: DbServerInfo): Record<string, string> {
  return server.engine === 'postgres' ? { PGPASSWORD: server.password } : { MYSQL_PWD: server.password };
}

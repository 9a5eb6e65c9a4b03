/**
 * A profile as a connection URL in its own tool's dialect: libpq parameters (`sslmode`,
 * `sslrootcert`…) for PostgreSQL, MySQL's (`ssl-mode`, `ssl-ca`…) for MySQL/MariaDB. The URL
 * reads back through parseConnectionUrl to the same connection; the password is included
 * only when the caller passes it.
 */
import { DEFAULT_CONNECT_TIMEOUT_MS, type ConnectionConfig, type SslConfig } from '../connection-config';

/** What an export needs from a profile. */
export type ExportableConnection = Pick<ConnectionConfig, 'dialect' | 'host' | 'hostaddr' | 'port' | 'database' | 'user' | 'ssl' | 'connectTimeoutMs'> & {
  replicas?: readonly unknown[];
};

/** The URL and what it could not carry. */
export interface UrlExport {
  url: string;
  warnings: string[];
}

const MYSQL_MODES: Record<SslConfig['mode'], string> = {
  disable: 'DISABLED',
  prefer: 'PREFERRED',
  require: 'REQUIRED',
  'verify-ca': 'VERIFY_CA',
  'verify-full': 'VERIFY_IDENTITY',
};

/** Percent-encodes for userinfo and path; a lone surrogate becomes U+FFFD instead of throwing. */
function encode(part: string): string {
  return encodeURIComponent(part.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

/** Builds the URL for a profile (or any resolved connection). */
export function exportConnectionUrl(connection: ExportableConnection, options: { password?: string } = {}): UrlExport {
  const pg = connection.dialect === 'postgres';
  const warnings: string[] = [];
  const password = options.password !== undefined && options.password !== '' ? `:${encode(options.password)}` : '';
  const host = connection.host.includes(':') ? `[${connection.host}]` : connection.host;
  const params = new URLSearchParams();
  const ssl = connection.ssl;
  params.set(pg ? 'sslmode' : 'ssl-mode', pg ? ssl.mode : MYSQL_MODES[ssl.mode]);
  if (ssl.mode === 'verify-ca' || ssl.mode === 'verify-full') {
    const ca = ssl.ca;
    if (ca.kind === 'file') params.set(pg ? 'sslrootcert' : 'ssl-ca', ca.path);
    // libpq 16+ reads sslrootcert=system as the system store; MySQL clients use it when ssl-ca is absent.
    else if (ca.kind === 'system' && pg) params.set('sslrootcert', 'system');
    else if (ca.kind === 'pem') warnings.push('The CA certificate is pasted PEM, which a URL cannot carry: save it to a file and add sslrootcert (ssl-ca) yourself.');
  }
  if (ssl.mode !== 'disable' && ssl.clientCert) {
    params.set(pg ? 'sslcert' : 'ssl-cert', ssl.clientCert.certPath);
    params.set(pg ? 'sslkey' : 'ssl-key', ssl.clientCert.keyPath);
  }
  // A path of `.` or `..` is a dot segment that URL parsing removes; such names go in dbname instead.
  const dotSegment = /^(?:\.|%2e){1,2}$/i.test(connection.database);
  if (dotSegment) params.set('dbname', connection.database);
  if (connection.hostaddr) params.set('hostaddr', connection.hostaddr);
  if (connection.connectTimeoutMs !== DEFAULT_CONNECT_TIMEOUT_MS) params.set('connect_timeout', String(connection.connectTimeoutMs / 1000));
  if (connection.replicas && connection.replicas.length > 0) {
    warnings.push(`A URL holds one server: the ${connection.replicas.length} read replica${connection.replicas.length > 1 ? 's were' : ' was'} not exported.`);
  }
  const url = `${pg ? 'postgresql' : 'mysql'}://${encode(connection.user)}${password}@${host}:${connection.port}/${dotSegment ? '' : encode(connection.database)}?${params.toString()}`;
  return { url, warnings };
}

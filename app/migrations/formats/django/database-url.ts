/**
 * The profile as a DATABASE_URL for the project's settings, with SSL parameters in the spelling
 * each engine's own client reads (libpq's sslmode/sslrootcert, MySQL's ssl-mode/ssl-ca). It lives
 * only in the child's environment: never logged, never shown.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ConnectionConfig } from '../../../connections/connection-config';

const MYSQL_MODES = { disable: 'DISABLED', prefer: 'PREFERRED', require: 'REQUIRED', 'verify-ca': 'VERIFY_CA', 'verify-full': 'VERIFY_IDENTITY' } as const;

/** A URL for the settings, plus a cleanup for a CA written to a private temp file (CA given as PEM). */
export interface DatabaseUrl {
  url: string;
  cleanup(): Promise<void>;
}

/** Builds the DATABASE_URL for `config`. */
export async function databaseUrl(config: ConnectionConfig): Promise<DatabaseUrl> {
  const pg = config.dialect === 'postgres';
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const auth = `${encodeURIComponent(config.user)}${config.password === undefined ? '' : `:${encodeURIComponent(config.password)}`}`;
  const url = new URL(`${pg ? 'postgres' : 'mysql'}://${auth}@${host}:${config.port}/${encodeURIComponent(config.database)}`);
  const set = (libpq: string, mysql: string, value: string) => url.searchParams.set(pg ? libpq : mysql, value);
  const ssl = config.ssl;
  set('sslmode', 'ssl-mode', pg ? ssl.mode : MYSQL_MODES[ssl.mode]);
  let tempDir: string | null = null;
  if (ssl.mode === 'verify-ca' || ssl.mode === 'verify-full') {
    if (ssl.ca.kind === 'file') set('sslrootcert', 'ssl-ca', ssl.ca.path);
    if (ssl.ca.kind === 'pem') {
      tempDir = await mkdtemp(path.join(os.tmpdir(), 'sluice-ca-'));
      const file = path.join(tempDir, 'ca.pem');
      await writeFile(file, ssl.ca.pem, { mode: 0o600 });
      set('sslrootcert', 'ssl-ca', file);
    }
  }
  if (ssl.mode !== 'disable' && ssl.clientCert) {
    set('sslcert', 'ssl-cert', ssl.clientCert.certPath);
    set('sslkey', 'ssl-key', ssl.clientCert.keyPath);
  }
  if (config.hostaddr && pg) url.searchParams.set('hostaddr', config.hostaddr);
  return {
    url: url.toString(),
    cleanup: async () => {
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    },
  };
}

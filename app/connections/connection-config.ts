/** What a driver needs to open a connection: resolved, typed, with SSL as a discriminated union. */

/** Engines Sluice speaks to. MariaDB uses the mysql driver and is told apart by the server. */
export type Dialect = 'postgres' | 'mysql';

/** Where trusted CA certificates come from. */
export type CaSource = { kind: 'file'; path: string } | { kind: 'pem'; pem: string } | { kind: 'system' };

/** A client certificate and its key, for servers that authenticate by certificate. */
export interface ClientCertificate {
  certPath: string;
  keyPath: string;
}

/**
 * SSL as libpq and the MySQL client define it. `prefer` tries TLS first and falls back
 * to plaintext (reported as a warning); the verify modes never fall back.
 */
export type SslConfig =
  | { mode: 'disable' }
  | { mode: 'prefer'; clientCert?: ClientCertificate }
  | { mode: 'require'; clientCert?: ClientCertificate }
  | { mode: 'verify-ca'; ca: CaSource; clientCert?: ClientCertificate }
  | { mode: 'verify-full'; ca: CaSource; clientCert?: ClientCertificate };

/** A fully resolved connection target. The password is held only in memory. */
export interface ConnectionConfig {
  dialect: Dialect;
  host: string;
  /** Connect to this address but verify the certificate against `host` (libpq's hostaddr). */
  hostaddr?: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  /** libpq's sslpassword: decrypts an encrypted client key. A secret, held only in memory. */
  sslPassword?: string;
  ssl: SslConfig;
  connectTimeoutMs: number;
  /** Ask the server for a read-only session (replicas). */
  readOnly?: boolean;
}

/** Default port per dialect. */
export const DEFAULT_PORT: Record<Dialect, number> = { postgres: 5432, mysql: 3306 };

/** Default connect timeout: long enough for a cross-region handshake, short enough to notice a firewall. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** Plain `pg` / `mysql2` connections for harness tests (not Sluice's drivers), one shape for both engines. */
import { readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { Row } from './admin.js';
import type { DbServerInfo } from './harness-info.js';

/** TLS settings by file path; the server certificate is always verified against `ca`. */
export interface RawTls {
  ca: string;
  cert?: string;
  key?: string;
  /** Check the host name too (default true; mysql2 only checks it with verifyIdentity). */
  verifyHost?: boolean;
}

/** Who connects where; defaults: `server.host`, `server.user`, `server.password`, `server.database`. */
export interface RawConnectOptions {
  host?: string;
  database?: string;
  user?: string;
  password?: string;
  /** `false` connects in plaintext. */
  tls: RawTls | false;
}

/** An open connection. */
export interface RawConnection {
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

const read = (path: string | undefined): Buffer | undefined => (path ? readFileSync(path) : undefined);

async function connectPostgres(server: DbServerInfo, options: RawConnectOptions): Promise<RawConnection> {
  const tls = options.tls;
  const client = new pg.Client({
    host: options.host ?? server.host,
    port: server.port,
    user: options.user ?? server.user,
    password: options.password ?? (options.user === server.certUser ? undefined : server.password),
    database: options.database ?? server.database,
    connectionTimeoutMillis: 10_000,
    ssl: tls && {
      ca: read(tls.ca),
      cert: read(tls.cert),
      key: read(tls.key),
      rejectUnauthorized: true,
      ...(tls.verifyHost === false ? { checkServerIdentity: () => undefined } : {}),
    },
  });
  // A session killed later must not crash the test process.
  client.on('error', () => undefined);
  await client.connect();
  return {
    query: async (sql, params) => (await client.query(sql, params)).rows as Row[],
    close: () => client.end(),
  };
}

async function connectMariadb(server: DbServerInfo, options: RawConnectOptions): Promise<RawConnection> {
  const tls = options.tls;
  const connection = await mysql.createConnection({
    host: options.host ?? server.host,
    port: server.port,
    user: options.user ?? server.user,
    password: options.password ?? (options.user === server.certUser ? undefined : server.password),
    database: options.database ?? server.database,
    connectTimeout: 10_000,
    ssl: tls
      ? { ca: read(tls.ca), cert: read(tls.cert), key: read(tls.key), rejectUnauthorized: true, verifyIdentity: tls.verifyHost ?? true }
      : undefined,
  });
  connection.on('error', () => undefined);
  return {
    query: async (sql, params) => {
      const [rows] = await connection.query(sql, params);
      return Array.isArray(rows) ? (rows as Row[]) : [];
    },
    close: () => connection.end(),
  };
}

/** Opens a connection to `server` with the given identity and TLS settings. */
export function rawConnect(server: DbServerInfo, options: RawConnectOptions): Promise<RawConnection> {
  return server.engine === 'postgres' ? connectPostgres(server, options) : connectMariadb(server, options);
}

/** Connects, runs one query, closes; the rows. */
export async function rawQuery(server: DbServerInfo, options: RawConnectOptions, sql: string): Promise<Row[]> {
  const connection = await rawConnect(server, options);
  try {
    return await connection.query(sql);
  } finally {
    await connection.close();
  }
}

/**
 * Superuser access for test setup: PostgreSQL as `postgres` over the unix socket, MariaDB as `root`
 * over its unix socket (both without a password; neither socket is reachable over TCP).
 */
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { DbServerInfo } from './harness-info.js';

/** One result row, column name to value. */
export type Row = Record<string, unknown>;

/** What adminQuery needs from a server: its engine and its superuser URL. */
export type AdminTarget = Pick<DbServerInfo, 'engine' | 'adminUrl'>;

/** Options for `adminQuery`. */
export interface AdminQueryOptions {
  /** Database to connect to (default: `postgres` / `mysql`). */
  database?: string;
  /** Bound parameters: `$1…` on PostgreSQL, `?` on MariaDB. */
  params?: unknown[];
}

/** Runs one statement as superuser and returns its rows (empty for statements without rows). */
export async function adminQuery(server: AdminTarget, sql: string, options: AdminQueryOptions = {}): Promise<Row[]> {
  const url = new URL(server.adminUrl);
  const database = options.database ?? decodeURIComponent(url.pathname.slice(1));
  if (server.engine === 'postgres') {
    const client = new pg.Client({
      host: url.searchParams.get('host') ?? undefined,
      port: Number(url.searchParams.get('port')),
      user: decodeURIComponent(url.username),
      database,
    });
    await client.connect();
    try {
      const result = (await client.query(sql, options.params)) as pg.QueryResult | pg.QueryResult[];
      // Several statements in one string (no params) give one result each; keep the last.
      return (Array.isArray(result) ? result.at(-1)?.rows : result.rows) ?? [];
    } finally {
      await client.end();
    }
  }
  const connection = await mysql.createConnection({
    socketPath: url.searchParams.get('socket') ?? undefined,
    user: decodeURIComponent(url.username),
    database,
  });
  try {
    const [rows] = await connection.query(sql, options.params);
    return Array.isArray(rows) ? (rows as Row[]) : [];
  } finally {
    await connection.end();
  }
}

function checkName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain lower-case identifier: ${name}`);
  return name;
}

/**
 * Creates a fresh, empty database `name` (dropped first if it exists, disconnecting its sessions) that
 * the `sluice` user owns (PostgreSQL) or has ALL on (MariaDB). Use it on a primary; replicas follow.
 */
export async function scratchDatabase(server: DbServerInfo, name: string): Promise<string> {
  checkName(name);
  if (server.engine === 'postgres') {
    await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminQuery(server, `CREATE DATABASE "${name}" OWNER ${server.user}`);
  } else {
    await adminQuery(server, `DROP DATABASE IF EXISTS \`${name}\``);
    await adminQuery(server, `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
    await adminQuery(server, `GRANT ALL ON \`${name}\`.* TO '${server.user}'@'%'`);
  }
  return name;
}

/** Ends every session of `user` (default `sluice`) on the server, like a failover or an admin's kill. */
export async function terminateSessions(server: DbServerInfo, user: string = server.user): Promise<number> {
  if (server.engine === 'postgres') {
    const rows = await adminQuery(
      server,
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()',
      { params: [user] },
    );
    return rows.length;
  }
  const sessions = await adminQuery(server, 'SELECT id FROM information_schema.processlist WHERE user = ?', {
    params: [user],
  });
  for (const { id } of sessions) await adminQuery(server, `KILL CONNECTION ${Number(id)}`).catch(() => undefined);
  return sessions.length;
}

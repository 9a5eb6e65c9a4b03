/** MySQL and MariaDB through `mysql2`: TLS verified (names and IPs) before credentials are sent. */
import net from 'node:net';
import type { TLSSocket } from 'node:tls';
import mysql from 'mysql2/promise';
import type { QueryResult, ServerReport } from '../../api/contract';
import type { ConnectionConfig } from '../../connections/connection-config';
import { resolveTls, type ResolvedTls } from '../../connections/tls-options';
import { classifyConnectError, classifyQueryError } from '../classify-error';
import type { Driver, DriverSession } from '../driver';
import { tlsReport, tlsWarnings } from '../tls-report';
import { toPlainValue } from '../values';
import { mysqlHostRole } from './host-role';

const TYPE_NAMES = mysql.Types as unknown as Record<number, string>;

function sslOptions(tls: ResolvedTls): Record<string, unknown> {
  const { ca, cert, key } = tls.options;
  // mysql2 checks identity with tls.checkServerIdentity against the host it dialled (servername for
  // names, the socket's address for IPs); verifyIdentity turns that on only for verify-full.
  return {
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    rejectUnauthorized: tls.caVerified,
    verifyIdentity: tls.hostnameVerified,
  };
}

function connectionOptions(config: ConnectionConfig, tls: ResolvedTls | null): mysql.ConnectionOptions {
  return {
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password ?? '',
    database: config.database || undefined,
    connectTimeout: config.connectTimeoutMs,
    rowsAsArray: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    enableKeepAlive: true,
    ...(tls ? { ssl: sslOptions(tls) } : {}),
    // libpq's hostaddr: dial this address, but verify the certificate against the host name.
    ...(config.hostaddr ? { stream: () => net.connect(config.port, config.hostaddr) } : {}),
  } as mysql.ConnectionOptions;
}

function innerStream(conn: mysql.Connection): net.Socket {
  return (conn as unknown as { connection: { stream: net.Socket } }).connection.stream;
}

class MysqlSession implements DriverSession {
  private closed = false;

  constructor(
    private readonly conn: mysql.Connection,
    readonly server: ServerReport,
    private readonly secrets: readonly (string | undefined)[],
  ) {
    conn.on('error', () => undefined);
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<QueryResult> {
    const started = performance.now();
    try {
      const [rows, fields] = await this.conn.query({ sql, values: [...params], rowsAsArray: true });
      const durationMs = performance.now() - started;
      if (!Array.isArray(rows)) {
        const header = rows as mysql.ResultSetHeader;
        return { columns: [], rows: [], rowCount: header.affectedRows, command: sql.trim().split(/\s+/)[0]?.toUpperCase() ?? 'UNKNOWN', durationMs };
      }
      const cols = (fields ?? []) as mysql.FieldPacket[];
      return {
        columns: cols.map((f) => ({ name: f.name, type: TYPE_NAMES[f.columnType ?? f.type ?? -1] ?? 'UNKNOWN' })),
        rows: (rows as unknown[][]).map((row) => row.map(toPlainValue)),
        rowCount: rows.length,
        command: 'SELECT',
        durationMs,
      };
    } catch (err) {
      throw classifyQueryError(err, this.secrets);
    }
  }

  role() {
    return mysqlHostRole((sql) => this.run(sql));
  }

  onLost(listener: (err: Error) => void): void {
    let fired = false;
    const fire = (err: Error) => {
      if (fired || this.closed) return;
      fired = true;
      listener(err);
    };
    this.conn.on('error', fire);
    this.conn.on('end', () => fire(new Error('Connection lost')));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.conn.end().catch(() => this.conn.destroy());
  }
}

async function open(config: ConnectionConfig, tls: ResolvedTls | null): Promise<{ conn: mysql.Connection; server: ServerReport }> {
  let conn: mysql.Connection | undefined;
  try {
    conn = await mysql.createConnection(connectionOptions(config, tls));
    conn.on('error', () => undefined);
    const [rows] = await conn.query({ sql: 'SELECT VERSION()', rowsAsArray: true });
    const version = String((rows as unknown[][])[0]?.[0] ?? 'unknown');
    if (config.readOnly) await conn.query('SET SESSION TRANSACTION READ ONLY');
    const stream = innerStream(conn);
    const report = tls && 'getPeerCertificate' in stream ? tlsReport(stream as TLSSocket, { caVerified: tls.caVerified, hostnameVerified: tls.hostnameVerified }) : null;
    const server: ServerReport = {
      dialect: /mariadb/i.test(version) ? 'mariadb' : 'mysql',
      serverVersion: version,
      host: config.host,
      port: config.port,
      database: config.database,
      user: config.user,
      tls: report,
      warnings: tlsWarnings(report),
    };
    return { conn, server };
  } catch (err) {
    conn?.destroy();
    throw classifyConnectError(err, config);
  }
}

/** The MySQL / MariaDB driver. */
export const mysqlDriver: Driver = {
  dialect: 'mysql',
  supportsTransactionalDdl: false,
  async connect(config) {
    const tls = await resolveTls(config.ssl, config.host);
    let opened: { conn: mysql.Connection; server: ServerReport };
    try {
      opened = await open(config, tls);
    } catch (err) {
      // PREFERRED: the MySQL client falls back to plaintext when the server has no TLS; so does Sluice, and says so.
      if (config.ssl.mode !== 'prefer' || (err as { code?: string }).code !== 'SERVER_NO_TLS') throw err;
      opened = await open(config, null);
    }
    return new MysqlSession(opened.conn, opened.server, [config.password]);
  },
};

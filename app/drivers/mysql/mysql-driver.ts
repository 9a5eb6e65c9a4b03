/** MySQL and MariaDB through `mysql2`: TLS verified (names and IPs) before credentials are sent. */
import net from 'node:net';
import type { TLSSocket } from 'node:tls';
import mysql from 'mysql2/promise';
import type { QueryResult, ServerReport } from '../../api/contract';
import { SluiceError } from '../../api/errors';
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
    stream: () => dial(config),
  } as mysql.ConnectionOptions;
}

/**
 * Opens the TCP socket ourselves. Node's TLS layer checks a certificate against
 * `socket._host` when no servername is set, and Node leaves that empty for IP hosts, so
 * mysql2 would verify an IP host as "localhost". Naming the host the user typed makes
 * verify-full check IP SANs exactly; libpq's hostaddr dials another address for the same name.
 */
function dial(config: ConnectionConfig): net.Socket {
  const socket = net.connect({ host: config.hostaddr ?? config.host, port: config.port, noDelay: true, keepAlive: true });
  (socket as net.Socket & { _host: string })._host = config.host;
  return socket;
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
      const error = classifyQueryError(err, this.secrets);
      if (error.code === 'CONNECTION_LOST') this.lost(error);
      throw error;
    }
  }

  role() {
    return mysqlHostRole((sql) => this.run(sql));
  }

  private readonly lostListeners: Array<(err: Error) => void> = [];
  private isLost = false;

  /** Marks the connection dead once, whether the socket said so or a statement found out. */
  private lost(err: Error): void {
    if (this.isLost || this.closed) return;
    this.isLost = true;
    for (const listener of this.lostListeners) listener(err);
  }

  onLost(listener: (err: Error) => void): void {
    this.lostListeners.push(listener);
    this.conn.on('error', (err) => this.lost(err));
    this.conn.on('end', () => this.lost(new Error('Connection lost')));
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

/**
 * MariaDB answers a plaintext login to a TLS-only server (or a REQUIRE SSL user) with the
 * same "Access denied" as a wrong password. The user already chose to send these credentials
 * in plaintext, so retrying once over TLS exposes nothing new and tells the two apart exactly.
 */
async function explainPlaintextRefusal(config: ConnectionConfig, original: Error): Promise<Error> {
  try {
    const probe = await open({ ...config, ssl: { mode: 'require' } }, await resolveTls({ mode: 'require' }, config.host));
    probe.conn.destroy();
    return new SluiceError('SERVER_REQUIRES_TLS', { details: { server: `${config.host}:${config.port}`, raw: 'The server refused the plaintext login and accepted the same login over TLS.' } });
  } catch {
    return original;
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
      const code = (err as { code?: string }).code;
      if (code === 'AUTH_FAILED' && config.ssl.mode === 'disable') throw await explainPlaintextRefusal(config, err as Error);
      // PREFERRED: the MySQL client falls back to plaintext when the server has no TLS; so does Sluice, and says so.
      if (config.ssl.mode !== 'prefer' || code !== 'SERVER_NO_TLS') throw err;
      opened = await open(config, null);
    }
    return new MysqlSession(opened.conn, opened.server, [config.password]);
  },
};

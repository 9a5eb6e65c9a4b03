/** MySQL and MariaDB through `mysql2`: TLS verified (names and IPs) before credentials are sent. */
import net from 'node:net';
import type { TLSSocket } from 'node:tls';
import mysql from 'mysql2/promise';
import type { QueryResult, ServerReport } from '../../api/contract';
import { SluiceError } from '../../api/errors';
import type { ConnectionConfig } from '../../connections/connection-config';
import { resolveTls, type ResolvedTls } from '../../connections/tls-options';
import { classifyConnectError, classifyQueryError } from '../classify-error';
import type { ConnectOptions, Driver, DriverSession, ScriptOutcome } from '../driver';
import { tlsReport, tlsWarnings } from '../tls-report';
import { LostSignal } from '../lost-signal';
import { toPlainValue } from '../values';
import { mysqlHostRole } from './host-role';
import { inlineMysqlParams } from './mysql-literal';

const TYPE_NAMES = mysql.Types as unknown as Record<number, string>;

function sslOptions(tls: ResolvedTls): Record<string, unknown> {
  const { ca, cert, key, passphrase } = tls.options;
  // mysql2 checks identity with tls.checkServerIdentity against the host it dialled (servername for
  // names, the socket's address for IPs); verifyIdentity turns that on only for verify-full.
  return {
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(passphrase ? { passphrase } : {}),
    rejectUnauthorized: tls.caVerified,
    verifyIdentity: tls.hostnameVerified,
  };
}

function connectionOptions(config: ConnectionConfig, tls: ResolvedTls | null, options: ConnectOptions): mysql.ConnectionOptions {
  return {
    multipleStatements: options.multipleStatements === true,
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

/** mysql2's event-emitting query (the callback-less core API), with the index of the result it is reading. */
interface StreamingQuery {
  on(event: 'error', listener: (err: Error) => void): StreamingQuery;
  on(event: 'end', listener: () => void): StreamingQuery;
  /** Per OK packet (a ResultSetHeader) and per row of a result set. */
  on(event: 'result', listener: (result: unknown) => void): StreamingQuery;
  /** Column definitions of a result set that begins (undefined before an OK packet's result). */
  on(event: 'fields', listener: (fields: unknown) => void): StreamingQuery;
  _resultIndex?: unknown;
}

/** An OK packet as mysql2 hands it over: the result of a statement that returns no rows. */
function isOkPacket(result: unknown): boolean {
  return typeof result === 'object' && result !== null && result.constructor?.name === 'ResultSetHeader';
}

/** mysql2's core connection: runs callback-less queries and reports a lost connection as 'error' or 'end'. */
interface CoreConnection {
  query(sql: string): StreamingQuery;
  on(event: 'error' | 'end', listener: (err?: unknown) => void): unknown;
  removeListener(event: 'error' | 'end', listener: (err?: unknown) => void): unknown;
}

function coreConnection(conn: mysql.Connection): CoreConnection {
  return (conn as unknown as { connection: CoreConnection }).connection;
}

class MysqlSession implements DriverSession {
  private closed = false;
  private readonly lostSignal: LostSignal;

  constructor(
    private readonly conn: mysql.Connection,
    readonly server: ServerReport,
    private readonly secrets: readonly (string | undefined)[],
    private readonly multipleStatements: boolean,
  ) {
    // Also the 'error' listener without which a dropped connection would crash the process.
    this.lostSignal = new LostSignal(conn, 'Connection lost', () => this.closed);
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<QueryResult> {
    const started = performance.now();
    try {
      // Where one text may carry several statements, values are rendered with literals that no
      // sql_mode (NO_BACKSLASH_ESCAPES) can turn into the end of a string.
      const query = this.multipleStatements && params.length > 0 ? { sql: inlineMysqlParams(sql, params), rowsAsArray: true } : { sql, values: [...params], rowsAsArray: true };
      const [rows, fields] = await this.conn.query(query);
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
      if (error.code === 'CONNECTION_LOST') this.lostSignal.fire(error);
      throw error;
    }
  }

  /**
   * One text, one round trip; results are read as they arrive (rows are not kept). The server
   * stops at the first failing statement, and mysql2's result index at that moment is the number
   * of results (so of pieces, one result each) that completed. `onProgress` hears, as the server's
   * answers arrive, how many pieces have completed so far. A connection lost on the way settles
   * it with CONNECTION_LOST and `completed: null` (where the server stopped is unknown).
   */
  runScript(pieces: readonly string[], onProgress?: (completed: number) => void): Promise<ScriptOutcome> {
    if (!this.multipleStatements) return Promise.reject(new Error('runScript needs a session opened with multipleStatements'));
    if (pieces.length === 0) return Promise.resolve({ completed: 0, error: null });
    // A newline before each `;` ends a trailing line comment of the piece before it.
    const text = pieces.join('\n;\n');
    const core = coreConnection(this.conn);
    return new Promise((resolve) => {
      let settled = false;
      const settle = (outcome: ScriptOutcome) => {
        if (settled) return;
        settled = true;
        core.removeListener('error', onLost);
        core.removeListener('end', onLost);
        if (outcome.error?.code === 'CONNECTION_LOST') this.lostSignal.fire(outcome.error);
        resolve(outcome);
      };
      // mysql2 tells only the connection (not a query without a callback) that the connection is gone.
      const onLost = (err?: unknown) => {
        const error = classifyQueryError(err instanceof Error ? err : new Error('Connection lost'), this.secrets);
        settle({ completed: null, error: error.code === 'CONNECTION_LOST' ? error : new SluiceError('CONNECTION_LOST', { details: { raw: error.message } }) });
      };
      if (this.closed || innerStream(this.conn).destroyed) {
        onLost();
        return;
      }
      core.on('error', onLost);
      core.on('end', onLost);
      const query = core.query(text);
      if (onProgress) {
        // An OK packet completes the piece at the result index; a result set's columns mean every piece before it completed.
        query.on('result', (result) => {
          if (isOkPacket(result) && typeof query._resultIndex === 'number') onProgress(query._resultIndex + 1);
        });
        query.on('fields', (fields) => {
          if (fields !== undefined && typeof query._resultIndex === 'number') onProgress(query._resultIndex);
        });
      }
      query.on('error', (err) => {
        const error = classifyQueryError(err, this.secrets);
        const index = query._resultIndex;
        settle({ completed: error.code === 'CONNECTION_LOST' || typeof index !== 'number' ? null : index, error });
      });
      query.on('end', () => settle({ completed: pieces.length, error: null }));
    });
  }

  role() {
    return mysqlHostRole((sql) => this.run(sql));
  }

  onLost(listener: (err: Error) => void): void {
    this.lostSignal.add(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.conn.end().catch(() => this.conn.destroy());
  }
}

async function open(config: ConnectionConfig, tls: ResolvedTls | null, options: ConnectOptions = {}): Promise<{ conn: mysql.Connection; server: ServerReport }> {
  let conn: mysql.Connection | undefined;
  try {
    conn = await mysql.createConnection(connectionOptions(config, tls, options));
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
  async connect(config, options = {}) {
    const tls = await resolveTls(config.ssl, config.host, config.sslPassword);
    let opened: { conn: mysql.Connection; server: ServerReport };
    try {
      opened = await open(config, tls, options);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'AUTH_FAILED' && config.ssl.mode === 'disable') throw await explainPlaintextRefusal(config, err as Error);
      // PREFERRED: the MySQL client falls back to plaintext when the server has no TLS; so does Sluice, and says so.
      if (config.ssl.mode !== 'prefer' || code !== 'SERVER_NO_TLS') throw err;
      opened = await open(config, null, options);
    }
    return new MysqlSession(opened.conn, opened.server, [config.password, config.sslPassword], options.multipleStatements === true);
  },
};

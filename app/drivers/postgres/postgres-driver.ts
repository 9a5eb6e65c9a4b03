/** PostgreSQL through `pg`: TLS negotiated and verified before the password is sent. */
import net from 'node:net';
import type { TLSSocket } from 'node:tls';
import pg from 'pg';
import type { QueryResult, ServerReport } from '../../api/contract';
import type { ConnectionConfig } from '../../connections/connection-config';
import { resolveTls, type ResolvedTls } from '../../connections/tls-options';
import { classifyConnectError, classifyQueryError } from '../classify-error';
import type { Driver, DriverSession } from '../driver';
import { tlsReport, tlsWarnings } from '../tls-report';
import { LostSignal } from '../lost-signal';
import { toPlainValue } from '../values';
import { postgresHostRole } from './host-role';

function clientConfig(config: ConnectionConfig, tls: ResolvedTls | null): pg.ClientConfig {
  const ssl = tls ? { ...tls.options, ...(net.isIP(config.host) ? {} : { servername: config.host }) } : false;
  return {
    host: config.hostaddr ?? config.host,
    port: config.port,
    user: config.user,
    password: config.password ?? '',
    database: config.database,
    ssl,
    connectionTimeoutMillis: config.connectTimeoutMs,
    keepAlive: true,
    application_name: 'sluice',
    ...(config.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
  };
}

/**
 * Built-in types with fixed OIDs (pg_type.h), named as format_type(oid, NULL) names them: saves
 * a catalog round trip per session for the common result types.
 */
const BUILTIN_TYPE_NAMES: ReadonlyArray<[number, string]> = [
  [16, 'boolean'],
  [17, 'bytea'],
  [18, '"char"'],
  [19, 'name'],
  [20, 'bigint'],
  [21, 'smallint'],
  [23, 'integer'],
  [25, 'text'],
  [26, 'oid'],
  [114, 'json'],
  [700, 'real'],
  [701, 'double precision'],
  [1042, 'character'],
  [1043, 'character varying'],
  [1082, 'date'],
  [1083, 'time without time zone'],
  [1114, 'timestamp without time zone'],
  [1184, 'timestamp with time zone'],
  [1186, 'interval'],
  [1700, 'numeric'],
  [2950, 'uuid'],
  [3802, 'jsonb'],
];

/** Names for type OIDs, looked up once per OID per session. */
class TypeNames {
  private readonly names = new Map<number, string>(BUILTIN_TYPE_NAMES);
  constructor(private readonly client: pg.Client) {}

  async resolve(oids: number[]): Promise<Map<number, string>> {
    const missing = [...new Set(oids)].filter((oid) => !this.names.has(oid));
    if (missing.length) {
      const res = await this.client.query<{ oid: number; name: string }>('SELECT oid::int AS oid, format_type(oid, NULL) AS name FROM pg_type WHERE oid = ANY($1::oid[])', [missing]);
      for (const row of res.rows) this.names.set(row.oid, row.name);
    }
    return this.names;
  }
}

class PostgresSession implements DriverSession {
  private readonly types: TypeNames;
  private closed = false;
  private readonly lostSignal: LostSignal;

  constructor(
    private readonly client: pg.Client,
    readonly server: ServerReport,
    private readonly secrets: readonly (string | undefined)[],
  ) {
    // Also the 'error' listener without which a dropped connection would crash the process.
    this.lostSignal = new LostSignal(client, 'Connection terminated', () => this.closed);
    this.types = new TypeNames(client);
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<QueryResult> {
    const started = performance.now();
    try {
      const raw = (await this.client.query({ text: sql, values: [...params], rowMode: 'array' })) as pg.QueryArrayResult | pg.QueryArrayResult[];
      // A multi-statement text returns one result per statement; the last is what the user asked to see.
      const res = Array.isArray(raw) ? raw[raw.length - 1] : raw;
      if (!res) return { columns: [], rows: [], rowCount: null, command: 'EMPTY', durationMs: performance.now() - started };
      const fields = res.fields ?? [];
      const names = fields.length ? await this.types.resolve(fields.map((f) => f.dataTypeID)) : new Map<number, string>();
      return {
        columns: fields.map((f) => ({ name: f.name, type: names.get(f.dataTypeID) ?? String(f.dataTypeID) })),
        rows: res.rows.map((row) => row.map(toPlainValue)),
        rowCount: res.rowCount,
        command: res.command ?? 'UNKNOWN',
        durationMs: performance.now() - started,
      };
    } catch (err) {
      const error = classifyQueryError(err, this.secrets);
      if (error.code === 'CONNECTION_LOST') this.lostSignal.fire(error);
      throw error;
    }
  }

  role() {
    return postgresHostRole((sql) => this.run(sql));
  }

  onLost(listener: (err: Error) => void): void {
    this.lostSignal.add(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.end().catch(() => undefined);
  }
}

async function open(config: ConnectionConfig, tls: ResolvedTls | null): Promise<{ client: pg.Client; server: ServerReport }> {
  const client = new pg.Client(clientConfig(config, tls));
  client.on('error', () => undefined);
  try {
    await client.connect();
    const version = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    const stream = (client as unknown as { connection: { stream: net.Socket } }).connection.stream;
    const report = tls && 'getPeerCertificate' in stream ? tlsReport(stream as TLSSocket, { caVerified: tls.caVerified, hostnameVerified: tls.hostnameVerified }) : null;
    const server: ServerReport = {
      dialect: 'postgres',
      serverVersion: version.rows[0]?.v ?? 'unknown',
      host: config.host,
      port: config.port,
      database: config.database,
      user: config.user,
      tls: report,
      warnings: tlsWarnings(report),
    };
    return { client, server };
  } catch (err) {
    await client.end().catch(() => undefined);
    throw classifyConnectError(err, config);
  }
}

/** The PostgreSQL driver. */
export const postgresDriver: Driver = {
  dialect: 'postgres',
  supportsTransactionalDdl: true,
  async connect(config) {
    const tls = await resolveTls(config.ssl, config.host, config.sslPassword);
    let opened: { client: pg.Client; server: ServerReport };
    try {
      opened = await open(config, tls);
    } catch (err) {
      // prefer: libpq falls back to plaintext when the server offers no TLS; Sluice does too, and says so.
      if (config.ssl.mode !== 'prefer' || (err as { code?: string }).code !== 'SERVER_NO_TLS') throw err;
      opened = await open(config, null);
    }
    return new PostgresSession(opened.client, opened.server, [config.password, config.sslPassword]);
  },
};

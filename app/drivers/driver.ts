/** One interface every database engine implements; the core never talks to pg or mysql2 directly. */
import type { HostRole } from '../api/calls/shared';
import type { QueryResult, ServerReport } from '../api/contract';
import type { ConnectionConfig, Dialect } from '../connections/connection-config';

/** An open connection to one server. */
export interface DriverSession {
  /** What the server and its TLS handshake showed at connect time. */
  readonly server: ServerReport;
  /** Runs one statement and returns all its rows as arrays. */
  run(sql: string, params?: readonly unknown[]): Promise<QueryResult>;
  /** Primary or replica, replication lag, and whether the server refuses writes here. */
  role(): Promise<HostRole>;
  /** Called once if the server drops the connection. */
  onLost(listener: (err: Error) => void): void;
  /** Closes the connection; safe to call twice. */
  close(): Promise<void>;
}

/** A small factory per engine, with its differences named as capability flags. */
export interface Driver {
  readonly dialect: Dialect;
  /** PostgreSQL runs DDL inside transactions; MySQL commits each DDL statement implicitly. */
  readonly supportsTransactionalDdl: boolean;
  /** Opens a connection: TLS first, verified as configured, and only then credentials. */
  connect(config: ConnectionConfig): Promise<DriverSession>;
}

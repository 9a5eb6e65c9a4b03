/** One interface every database engine implements; the core never talks to pg or mysql2 directly. */
import type { HostRole } from '../api/calls/shared';
import type { QueryResult, ServerReport } from '../api/contract';
import type { ConnectionConfig, Dialect } from '../connections/connection-config';
import type { SluiceError } from '../api/errors';

/** How a script of several statements ended: how many of its pieces completed, and the error of the next one. */
export interface ScriptOutcome {
  /** Pieces that completed before the error (all of them without one); null when the driver cannot tell. */
  completed: number | null;
  error: SluiceError | null;
}

/** How a session is opened. */
export interface ConnectOptions {
  /**
   * MySQL: let one text carry several statements (CLIENT_MULTI_STATEMENTS), for runScript. Only
   * migration run sessions ask for it; the console's sessions stay one statement per text.
   */
  multipleStatements?: boolean;
}

/** An open connection to one server. */
export interface DriverSession {
  /** What the server and its TLS handshake showed at connect time. */
  readonly server: ServerReport;
  /** Runs one statement and returns all its rows as arrays. */
  run(sql: string, params?: readonly unknown[]): Promise<QueryResult>;
  /**
   * Sessions opened with multipleStatements only: sends the pieces as one text, in one round trip,
   * and says how many completed. Each piece must be one statement that yields exactly one result
   * (no CALL, no top-level compound statement). Rejects only for a misuse, never for a failing piece.
   * `onProgress`, when given, hears the number of completed pieces as the answers arrive.
   */
  runScript?(pieces: readonly string[], onProgress?: (completed: number) => void): Promise<ScriptOutcome>;
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
  connect(config: ConnectionConfig, options?: ConnectOptions): Promise<DriverSession>;
}

/**
 * The small SQL toolkit the migration code writes its history with: commands built with bound
 * parameters in each dialect's placeholder style, rows read by column name, and a check for
 * which tables exist (so `status` never creates anything).
 */
import type { QueryResult } from '../api/contract';
import type { Dialect } from '../connections/connection-config';
import type { DriverSession } from '../drivers/driver';
import { mysqlLiteral } from '../drivers/mysql/mysql-literal';

/** A dedicated session and what it speaks. */
export interface Db {
  dialect: Dialect;
  /** MariaDB and MySQL name their statement timeout differently. */
  mariadb: boolean;
  session: DriverSession;
}

/** One statement with its bound parameters. */
export interface SqlCommand {
  sql: string;
  params: unknown[];
}

/** A tagged template that turns `${value}` into `$n` (PostgreSQL) or `?` (MySQL) with bound parameters. */
export function sqlFor(dialect: Dialect): (strings: TemplateStringsArray, ...values: unknown[]) => SqlCommand {
  return (strings, ...values) => {
    let sql = strings[0] ?? '';
    values.forEach((_, i) => {
      sql += (dialect === 'postgres' ? `$${i + 1}` : '?') + (strings[i + 1] ?? '');
    });
    return { sql, params: values };
  };
}

/** A command without parameters. */
export function plain(sql: string): SqlCommand {
  return { sql, params: [] };
}

/** Runs one command. */
export function exec(db: Db, command: SqlCommand): Promise<QueryResult> {
  return db.session.run(command.sql, command.params);
}

/** The rows of a result as objects keyed by column name. */
export function rowsOf(result: QueryResult): Array<Record<string, unknown>> {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c.name, row[i]])));
}

/**
 * Which of `names` exist as tables in the session's current schema (PostgreSQL) or database
 * (MySQL). PostgreSQL asks the catalog directly (to_regclass, no information_schema view: that
 * costs several milliseconds per call); the names are bound, never spliced into the text.
 */
export async function existingTables(db: Db, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  if (db.dialect === 'postgres') {
    const result = await db.session.run(
      `SELECT n FROM unnest($1::text[]) AS n WHERE to_regclass(quote_ident(current_schema()) || '.' || quote_ident(n)) IS NOT NULL`,
      [[...names]],
    );
    return new Set(result.rows.map((row) => String(row[0])));
  }
  const placeholders = names.map(() => '?').join(', ');
  const result = await db.session.run(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN (${placeholders})`, [...names]);
  return new Set(result.rows.map((row) => String(row[0])));
}

/**
 * A duration that the database measures itself: inside a PostgreSQL transaction, the time since
 * BEGIN (`now()` is frozen there, `clock_timestamp()` is not). Lets a batched migration record
 * its own execution time in the same round trip.
 */
export const ELAPSED_IN_TRANSACTION = Symbol('elapsed-in-transaction');

/**
 * MySQL's counterpart: the time since the one-round-trip script of a migration set
 * `@sluice_t0` (MYSQL_SCRIPT_T0, sent right after the dirty mark). UTC_TIMESTAMP(6) is taken per statement, in UTC so a migration that changes time_zone does not skew it.
 */
export const ELAPSED_IN_SCRIPT = Symbol('elapsed-in-script');

/** Starts the clock that ELAPSED_IN_SCRIPT reads. */
export const MYSQL_SCRIPT_T0 = 'SET @sluice_t0 = UTC_TIMESTAMP(6)';

/** Milliseconds measured by Sluice, or by the database inside the migration's transaction or script. */
export type Duration = number | typeof ELAPSED_IN_TRANSACTION | typeof ELAPSED_IN_SCRIPT;

/** A duration as a bound value: rounded milliseconds, or the marker that inlinePg / inlineMysql renders as SQL. */
export function durationValue(duration: Duration | null): number | typeof ELAPSED_IN_TRANSACTION | typeof ELAPSED_IN_SCRIPT | null {
  return typeof duration === 'number' ? Math.round(duration) : duration;
}

/** A PostgreSQL string literal that is safe whatever standard_conforming_strings says (libpq's PQescapeLiteral rule). */
export function pgLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value === ELAPSED_IN_TRANSACTION) return '(extract(epoch FROM clock_timestamp() - now()) * 1000)::int';
  if (typeof value === 'symbol') throw new Error('a MySQL duration marker in a PostgreSQL history row');
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('non-finite number in a history row');
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  const text = value instanceof Date ? value.toISOString() : String(value);
  const quoted = text.replace(/'/g, "''");
  return text.includes('\\') ? `E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}

/** Renders a PostgreSQL command with its parameters as literals, to travel in one multi-statement batch. */
export function inlinePg(command: SqlCommand): string {
  return command.sql.replace(/\$(\d+)/g, (_, n: string) => pgLiteral(command.params[Number(n) - 1]));
}

/**
 * Renders a MySQL command (`?` placeholders, as sqlFor writes them) with its parameters as
 * literals that are safe in every sql_mode, to travel in one multi-statement script.
 */
export function inlineMysql(command: SqlCommand): string {
  let i = 0;
  const text = command.sql.replace(/\?/g, () => {
    if (i >= command.params.length) throw new Error('more placeholders than values in a history command');
    const value = command.params[i++];
    if (value === ELAPSED_IN_SCRIPT) return 'ROUND(TIMESTAMPDIFF(MICROSECOND, @sluice_t0, UTC_TIMESTAMP(6)) / 1000)';
    return mysqlLiteral(value);
  });
  if (i !== command.params.length) throw new Error('more values than placeholders in a history command');
  return text;
}

/** Converts a MySQL DATETIME text written in UTC (`YYYY-MM-DD hh:mm:ss[.ffffff]`) to ISO 8601. */
export function utcDatetimeToIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
}

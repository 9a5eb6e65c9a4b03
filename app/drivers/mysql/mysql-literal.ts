/**
 * MySQL literals that mean the same whatever the session's sql_mode says: a quote is doubled
 * (never backslash-escaped, which NO_BACKSLASH_ESCAPES would turn into the end of the string),
 * and a text holding a backslash or NUL travels as a hex literal with a utf8mb4 introducer.
 */
import mysql from 'mysql2';

/** One value as a MySQL literal. */
export function mysqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('non-finite number in a MySQL literal');
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') {
    if (/[\\\0]/.test(value)) return `_utf8mb4 X'${Buffer.from(value, 'utf8').toString('hex')}'`;
    return `'${value.replace(/'/g, "''")}'`;
  }
  // Dates and buffers: mysql2 renders them as digits or hex, the same in every sql_mode.
  if (value instanceof Date || Buffer.isBuffer(value)) return mysql.escape(value);
  throw new Error(`unsupported value in a MySQL literal: ${typeof value}`);
}

/** A command with `?` placeholders and its values, rendered as one text with literals. */
export function inlineMysqlParams(sql: string, params: readonly unknown[]): string {
  let i = 0;
  const text = sql.replace(/\?/g, () => {
    if (i >= params.length) throw new Error('more placeholders than values');
    return mysqlLiteral(params[i++]);
  });
  if (i !== params.length) throw new Error('more values than placeholders');
  return text;
}

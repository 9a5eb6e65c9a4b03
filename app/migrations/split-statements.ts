/**
 * Splits a migration into statements with a real SQL splitter (quotes, dollar quotes, comments,
 * MySQL's DELIMITER), drops comment-only pieces (MySQL's executable comments `/*! … *\/` are code,
 * as mysqldump writes them), and on PostgreSQL unwraps a file-level BEGIN … COMMIT: Sluice runs
 * each migration in its own transaction there, and a COMMIT inside would end it early. On MySQL
 * the author's own transaction is kept, since nothing else would make those statements atomic.
 */
import { mysqlSplitterOptions, postgreSplitterOptions, splitQuery, type SplitterOptions } from 'dbgate-query-splitter';
import type { Dialect } from '../connections/connection-config';

const OPTIONS: Record<Dialect, SplitterOptions> = { postgres: postgreSplitterOptions, mysql: mysqlSplitterOptions };

/**
 * Where the code of a piece starts once its leading whitespace and comments are skipped (the
 * splitter already placed every piece's comments; this only steps over them). PostgreSQL block
 * comments nest; MySQL also has `#` line comments.
 */
function codeStart(piece: string, dialect: Dialect): number {
  let i = 0;
  const n = piece.length;
  for (;;) {
    while (i < n && /\s/.test(piece[i] as string)) i++;
    if (piece.startsWith('--', i) || (dialect === 'mysql' && piece[i] === '#')) {
      const end = piece.indexOf('\n', i);
      if (end === -1) return n;
      i = end + 1;
    } else if (dialect === 'mysql' && (piece.startsWith('/*!', i) || piece.startsWith('/*M!', i))) {
      // MySQL and MariaDB run the inside of an executable comment: it is code.
      return i;
    } else if (piece.startsWith('/*', i)) {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (piece.startsWith('*/', i)) {
          depth--;
          i += 2;
        } else if (dialect === 'postgres' && piece.startsWith('/*', i)) {
          depth++;
          i += 2;
        } else i++;
      }
    } else return i;
  }
}

const BEGIN = /^(begin|start\s+transaction)(\s+(work|transaction))?$/i;
const COMMIT = /^(commit|end)(\s+(work|transaction))?$/i;

/** The statements of a script in order, each as written (comments kept), without empty or comment-only pieces. */
export function splitStatements(sql: string, dialect: Dialect): string[] {
  const statements = splitQuery(sql, OPTIONS[dialect])
    .map((piece) => (typeof piece === 'string' ? piece : piece.text).trim())
    .map((text) => ({ text, code: text.slice(codeStart(text, dialect)).trim() }))
    .filter((s) => s.code !== '');
  const first = statements[0];
  const last = statements[statements.length - 1];
  if (dialect === 'postgres' && statements.length >= 2 && first && last && BEGIN.test(first.code) && COMMIT.test(last.code)) {
    statements.shift();
    statements.pop();
  }
  return statements.map((s) => s.text);
}

/** True when the script opts out of the transaction with `-- sluice:no-transaction` on a line of its own. */
export function hasNoTransactionMarker(sql: string): boolean {
  return /^[ \t]*--[ \t]*sluice:no-transaction[ \t]*$/im.test(sql);
}

/** Statements that yield exactly one result (an OK packet or one result set), whatever they contain. */
const ONE_RESULT = /^(create|alter|drop|rename|truncate|insert|replace|update|delete|select|set|grant|revoke)\b/i;

/**
 * True when a MySQL statement (a piece of splitStatements) can travel in a multi-statement script
 * and be counted as one result: a plain statement of a kind that yields one result (not CALL,
 * EXECUTE, a top-level compound statement or SET STATEMENT … FOR), holding no second statement
 * (a DELIMITER block with semicolons inside). `plainDelimiter`: the script never changes its
 * delimiter, so the splitter already cut at every statement and the second check is not needed.
 */
export function isSingleResultStatement(statement: string, plainDelimiter = false): boolean {
  const code = statement.slice(codeStart(statement, 'mysql'));
  if (!ONE_RESULT.test(code) || /^set\s+statement\b/i.test(code)) return false;
  return plainDelimiter || !statement.includes(';') || splitQuery(statement, OPTIONS.mysql).length === 1;
}

/** True when a MySQL script never uses the DELIMITER command. */
export function hasPlainDelimiter(script: string): boolean {
  return !/^[ \t]*delimiter[ \t]/im.test(script);
}

const DML = /^(insert|replace|update|delete)\b/i;

/**
 * True when a MySQL statement that isSingleResultStatement accepted changes rows only (INSERT,
 * REPLACE, UPDATE, DELETE): it never commits implicitly, so it can share a transaction with the
 * history write that follows it.
 */
export function isRowChange(statement: string): boolean {
  return DML.test(statement.slice(codeStart(statement, 'mysql')));
}

/** What may travel in MariaDB's one-round-trip script, and literals that hold in every sql_mode. */
import { describe, expect, it } from 'vitest';
import { inlineMysqlParams, mysqlLiteral } from '../../../app/drivers/mysql/mysql-literal';
import { ELAPSED_IN_SCRIPT, inlineMysql } from '../../../app/migrations/db';
import { hasPlainDelimiter, isRowChange, isSingleResultStatement } from '../../../app/migrations/split-statements';

describe('isSingleResultStatement', () => {
  it('accepts plain statements, with comments and quoted semicolons', () => {
    expect(isSingleResultStatement("INSERT INTO t (name) VALUES ('first; row')")).toBe(true);
    expect(isSingleResultStatement('-- why\nCREATE TABLE t (id int)')).toBe(true);
    expect(isSingleResultStatement('/* a */ select 1')).toBe(true);
    expect(isSingleResultStatement('SET @a = 1')).toBe(true);
  });
  it('refuses what yields several results or holds several statements', () => {
    expect(isSingleResultStatement('CALL p()')).toBe(false);
    expect(isSingleResultStatement('EXECUTE stmt')).toBe(false);
    expect(isSingleResultStatement('BEGIN NOT ATOMIC SELECT 1; SELECT 2; END')).toBe(false);
    expect(isSingleResultStatement('SET STATEMENT max_statement_time=1 FOR CALL p()')).toBe(false);
    expect(isSingleResultStatement('CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END')).toBe(false);
    expect(isSingleResultStatement('USE other')).toBe(false);
    expect(isSingleResultStatement('START TRANSACTION')).toBe(false);
  });
});

describe('what a MySQL chain text may hold', () => {
  it('trusts the splitter for a script that never changes its delimiter', () => {
    expect(hasPlainDelimiter("INSERT INTO t VALUES ('a; b');\nCREATE TABLE u (id int);")).toBe(true);
    expect(hasPlainDelimiter('DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END//\nDELIMITER ;')).toBe(false);
    expect(hasPlainDelimiter('  delimiter $$\n')).toBe(false);
    // One piece that a DELIMITER block left holding two statements is caught unless the script has none.
    expect(isSingleResultStatement('SELECT 1; SELECT 2')).toBe(false);
    expect(isSingleResultStatement("INSERT INTO t VALUES ('a; b')", true)).toBe(true);
  });
  it('lets only row changes share the history transaction', () => {
    expect(isRowChange("-- seed\nINSERT INTO t VALUES (1)")).toBe(true);
    expect(isRowChange('/* fix */ update t set a = 1')).toBe(true);
    expect(isRowChange('DELETE FROM t')).toBe(true);
    expect(isRowChange('REPLACE INTO t VALUES (1)')).toBe(true);
    expect(isRowChange('CREATE TABLE t (id int)')).toBe(false);
    expect(isRowChange('ALTER TABLE t ADD c int')).toBe(false);
    expect(isRowChange('SELECT 1')).toBe(false);
    expect(isRowChange('SET @a = 1')).toBe(false);
  });
});

describe('MySQL literals', () => {
  it('double quotes and send backslashes and NUL as hex, never backslash escapes', () => {
    expect(mysqlLiteral("it's")).toBe("'it''s'");
    expect(mysqlLiteral('a\\b')).toBe(`_utf8mb4 X'${Buffer.from('a\\b').toString('hex')}'`);
    expect(mysqlLiteral('a\0b')).toBe(`_utf8mb4 X'610062'`);
    expect(mysqlLiteral(null)).toBe('NULL');
    expect(mysqlLiteral(true)).toBe('TRUE');
    expect(mysqlLiteral(12)).toBe('12');
    expect(() => mysqlLiteral(Number.NaN)).toThrow();
    expect(() => mysqlLiteral({})).toThrow();
  });
  it('fills placeholders in order and checks their number', () => {
    expect(inlineMysqlParams('SELECT ?, ?', ["o'k", 2])).toBe("SELECT 'o''k', 2");
    expect(() => inlineMysqlParams('SELECT ?', [])).toThrow();
    expect(() => inlineMysqlParams('SELECT 1', [1])).toThrow();
    expect(inlineMysql({ sql: 'UPDATE h SET ms = COALESCE(?, ms) WHERE id = ?', params: [ELAPSED_IN_SCRIPT, '1'] })).toBe(
      "UPDATE h SET ms = COALESCE(ROUND(TIMESTAMPDIFF(MICROSECOND, @sluice_t0, UTC_TIMESTAMP(6)) / 1000), ms) WHERE id = '1'",
    );
  });
});

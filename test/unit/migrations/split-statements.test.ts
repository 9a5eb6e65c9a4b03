import { describe, expect, it } from 'vitest';
import { hasNoTransactionMarker, splitStatements } from '../../../app/migrations/split-statements';

describe('splitting statements', () => {
  it('keeps semicolons inside strings, dollar quotes and comments', () => {
    const sql = "-- head; comment\nINSERT INTO t VALUES ('a;b');\nCREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql;\n/* c; */ SELECT 1;\n-- trailing comment only\n";
    expect(splitStatements(sql, 'postgres')).toEqual([
      "-- head; comment\nINSERT INTO t VALUES ('a;b')",
      'CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql',
      '/* c; */ SELECT 1',
    ]);
  });

  it('honours MySQL DELIMITER blocks', () => {
    const sql = 'DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END //\nDELIMITER ;\nSELECT "x;y";\n';
    expect(splitStatements(sql, 'mysql')).toEqual(['CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END', 'SELECT "x;y"']);
  });

  it('unwraps a file-level BEGIN … COMMIT', () => {
    expect(splitStatements('BEGIN;\nCREATE TABLE a (x int);\nCOMMIT;\n', 'postgres')).toEqual(['CREATE TABLE a (x int)']);
    expect(splitStatements('START TRANSACTION;\nCREATE TABLE a (x int);\nCOMMIT;', 'mysql')).toEqual(['CREATE TABLE a (x int)']);
  });

  it('finds the no-transaction marker only as a comment line of its own', () => {
    expect(hasNoTransactionMarker('-- sluice:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);')).toBe(true);
    expect(hasNoTransactionMarker("SELECT '-- sluice:no-transaction';")).toBe(false);
  });
});

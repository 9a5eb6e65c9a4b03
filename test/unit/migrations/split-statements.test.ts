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

  it('unwraps a file-level BEGIN … COMMIT on PostgreSQL (Sluice wraps the migration itself) and keeps it on MySQL', () => {
    expect(splitStatements('BEGIN;\nCREATE TABLE a (x int);\nCOMMIT;\n', 'postgres')).toEqual(['CREATE TABLE a (x int)']);
    expect(splitStatements('START TRANSACTION;\nINSERT INTO a VALUES (1);\nCOMMIT;', 'mysql')).toEqual(['START TRANSACTION', 'INSERT INTO a VALUES (1)', 'COMMIT']);
  });

  it('keeps MySQL executable comments, which the server runs, and drops plain ones', () => {
    const dump = '/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE */;\n/* just a note */;\n/*!50001 CREATE VIEW v AS SELECT 1 */;\n/*M!100100 SET @x = 1 */;\n';
    expect(splitStatements(dump, 'mysql')).toEqual(['/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE */', '/*!50001 CREATE VIEW v AS SELECT 1 */', '/*M!100100 SET @x = 1 */']);
    expect(splitStatements('/*!40101 SET x = 1 */;\nSELECT 1;', 'postgres')).toEqual(['SELECT 1']);
  });

  it('finds the no-transaction marker only as a comment line of its own', () => {
    expect(hasNoTransactionMarker('-- sluice:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);')).toBe(true);
    expect(hasNoTransactionMarker("SELECT '-- sluice:no-transaction';")).toBe(false);
  });
});

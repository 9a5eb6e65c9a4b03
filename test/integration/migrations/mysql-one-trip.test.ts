/**
 * MariaDB sends the dirty mark with statement 1 and the history write with the last statement
 * (multi-statement texts): the failing statement's number must still be exact, wherever it is and
 * whether it fails on its header or while its rows stream; DELIMITER blocks and CALL still work;
 * history literals survive a migration that switches sql_mode to NO_BACKSLASH_ESCAPES.
 */
import { describe, expect, inject, it } from 'vitest';
import { cliEnv, dbUrl, envelope, freshDatabase, queryIn, sluice, tablesIn, writeFolder } from './support/migrate-cli';

const harness = inject('harness');
const server = harness.mariadb;
const env = cliEnv(server);

describe('MariaDB: a migration in one round trip', () => {
  it('reports a statement that fails while its rows stream, with its number, and keeps the dirty mark', async () => {
    const db = await freshDatabase(server, 'onetrip_rows');
    const url = dbUrl(harness, server, db);
    const dir = writeFolder({
      'V1__base.sql': 'CREATE TABLE base (id integer PRIMARY KEY);\nINSERT INTO base VALUES (1), (2);\n',
      // The failing statement is the last: it travels with the history write, which must not run.
      'V2__three.sql': 'CREATE TABLE s1 (id integer);\nSELECT id FROM base;\nSELECT (SELECT id FROM base) AS one;\n',
    });
    const failed = await sluice(['migrate', 'up', url, '--dir', dir, '--format', 'flyway', '--yes', '--json'], env);
    expect(failed.code).toBe(1);
    expect(envelope(failed).error.details.result.outcomes).toEqual([
      { id: '1', status: 'success', durationMs: expect.any(Number) },
      { id: '2', status: 'error', error: expect.objectContaining({ statementIndex: 3, statement: 'SELECT (SELECT id FROM base) AS one' }) },
    ]);
    expect(await tablesIn(server, db)).toContain('s1');
    expect((await queryIn(server, db, 'SELECT version, success FROM flyway_schema_history ORDER BY installed_rank')).map((r) => [String(r.version), Number(r.success)])).toEqual([
      ['1', 1],
      ['2', 0],
    ]);
    const status = envelope(await sluice(['migrate', 'status', url, '--dir', dir, '--format', 'flyway', '--json'], env));
    expect(status.value.migrations[1]).toMatchObject({
      id: '2',
      status: 'dirty',
      dirty: { direction: 'up', statementIndex: 3, statement: 'SELECT (SELECT id FROM base) AS one', error: expect.stringMatching(/more than 1 row/) },
    });
  });

  it('reports a failing first statement, sent with the dirty mark, as statement 1', async () => {
    const db = await freshDatabase(server, 'onetrip_first');
    const url = dbUrl(harness, server, db);
    const dir = writeFolder({ 'V1__bad.sql': 'INSERT INTO missing (id) VALUES (1);\nCREATE TABLE never (id integer);\n' });
    const failed = await sluice(['migrate', 'up', url, '--dir', dir, '--format', 'flyway', '--yes', '--json'], env);
    expect(failed.code).toBe(1);
    expect(envelope(failed).error.details.result.outcomes).toEqual([
      { id: '1', status: 'error', error: expect.objectContaining({ statementIndex: 1, statement: 'INSERT INTO missing (id) VALUES (1)' }) },
    ]);
    expect(await tablesIn(server, db)).not.toContain('never');
    expect((await queryIn(server, db, 'SELECT version, success FROM flyway_schema_history')).map((r) => [String(r.version), Number(r.success)])).toEqual([['1', 0]]);
  });

  it('runs DELIMITER blocks and CALL, and records descriptions with quotes and backslashes under NO_BACKSLASH_ESCAPES', async () => {
    const db = await freshDatabase(server, 'onetrip_delim');
    const url = dbUrl(harness, server, db);
    const dir = writeFolder({
      'V1__routine.sql': [
        'CREATE TABLE counter (n integer NOT NULL);',
        'INSERT INTO counter VALUES (0);',
        'DELIMITER //',
        'CREATE PROCEDURE bump()',
        'BEGIN',
        '  UPDATE counter SET n = n + 1;',
        '  UPDATE counter SET n = n + 0;',
        'END//',
        'DELIMITER ;',
        'CALL bump();',
        'CALL bump();',
        '',
      ].join('\n'),
      "V2__it's_a\\path.sql": "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES');\nCREATE TABLE t2 (v varchar(20));\nINSERT INTO t2 VALUES ('a\\b');\n",
      "V3__after_'mode'\\x.sql": 'CREATE TABLE t3 (id integer);\n',
    });
    const run = await sluice(['migrate', 'up', url, '--dir', dir, '--format', 'flyway', '--yes', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect((await queryIn(server, db, 'SELECT n FROM counter')).map((r) => Number(r.n))).toEqual([2]);
    expect((await queryIn(server, db, 'SELECT v FROM t2')).map((r) => String(r.v))).toEqual(['a\\b']);
    const rows = await queryIn(server, db, 'SELECT version, description, script, success FROM flyway_schema_history ORDER BY installed_rank');
    expect(rows.map((r) => [String(r.version), String(r.description), String(r.script), Number(r.success)])).toEqual([
      ['1', 'routine', 'V1__routine.sql', 1],
      ['2', "it's a\\path", "V2__it's_a\\path.sql", 1],
      ['3', "after 'mode'\\x", "V3__after_'mode'\\x.sql", 1],
    ]);
    const status = envelope(await sluice(['migrate', 'status', url, '--dir', dir, '--format', 'flyway', '--json'], env));
    expect(status.value.migrations.map((m: { status: string }) => m.status)).toEqual(['applied', 'applied', 'applied']);
  });
});

/**
 * MariaDB runs migrations as a chain of multi-statement texts: one migration's last statement,
 * its clean mark, the next one's dirty mark and its first statement share a text, the two marks
 * one transaction. The failing statement's number must still be exact, wherever it is and whether
 * it fails on its header or while its rows stream; a last statement that only changes rows commits
 * with the history or not at all; the next migration is announced as soon as its dirty mark is
 * committed; DELIMITER blocks and CALL still work; history literals survive a migration that
 * switches sql_mode to NO_BACKSLASH_ESCAPES.
 */
import { describe, expect, inject, it } from 'vitest';
import { cliEnv, dbUrl, envelope, freshDatabase, queryIn, sluice, sluiceProcess, tablesIn, waitForOutput, writeFolder } from './support/migrate-cli';

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

  it('rolls back a last statement that only changes rows with its history write, and starts nothing after it', async () => {
    const db = await freshDatabase(server, 'onetrip_rollback');
    const url = dbUrl(harness, server, db);
    const dir = writeFolder({
      // Its last statement writes a row of "another writer" at the rank the next migration's dirty mark needs.
      'V1__squat.sql':
        "CREATE TABLE s1 (id integer);\nINSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES (2, '99', 'other', 'SQL', 'V99__other.sql', 0, 'someone else', 0, TRUE);\n",
      'V2__next.sql': 'CREATE TABLE s2 (id integer);\n',
    });
    const failed = await sluice(['migrate', 'up', url, '--dir', dir, '--format', 'flyway', '--yes', '--json'], env);
    expect(failed.code).toBe(1);
    const outcomes = envelope(failed).error.details.result.outcomes;
    expect(outcomes[0]).toMatchObject({ id: '1', status: 'error', error: { statementIndex: 2, message: expect.stringMatching(/rolled back.*Duplicate entry/) } });
    expect(outcomes[1]).toEqual({ id: '2', status: 'not-executed' });
    // Statement 1 (DDL) stays; statement 2 went with the failed history transaction; migration 2 never started.
    expect(await tablesIn(server, db)).toContain('s1');
    expect(await tablesIn(server, db)).not.toContain('s2');
    expect((await queryIn(server, db, 'SELECT installed_rank, version, success FROM flyway_schema_history ORDER BY installed_rank')).map((r) => [Number(r.installed_rank), String(r.version), Number(r.success)])).toEqual([
      [1, '1', 0],
    ]);
    const status = envelope(await sluice(['migrate', 'status', url, '--dir', dir, '--format', 'flyway', '--json'], env));
    expect(status.value.migrations.map((m: { status: string }) => m.status)).toEqual(['dirty', 'pending']);
    expect(status.value.migrations[0].dirty).toMatchObject({ statementIndex: 2, error: expect.stringMatching(/^history update failed: .*Duplicate entry/) });
  });

  it('announces the next migration when its dirty mark commits, not when its first statement ends', { timeout: 60_000 }, async () => {
    const db = await freshDatabase(server, 'onetrip_announce');
    const url = dbUrl(harness, server, db);
    const dir = writeFolder({
      'V1__table.sql': 'CREATE TABLE a1 (id integer);\nINSERT INTO a1 VALUES (1);\n',
      'V2__slow.sql': 'CREATE TABLE a2 AS SELECT SLEEP(3) AS slept;\n',
    });
    const applier = sluiceProcess(['migrate', 'up', url, '--dir', dir, '--format', 'flyway', '--yes'], env);
    const exited = new Promise<number | null>((resolve) => applier.on('exit', resolve));
    await waitForOutput(applier, /\[2\/2\] 2\n\s+statement 1\/1: CREATE TABLE a2/);
    const announced = performance.now();
    expect(await exited).toBe(0);
    // Announced after migration 1's history committed, while migration 2's 3-second statement still ran.
    expect(performance.now() - announced).toBeGreaterThan(2000);
    expect((await queryIn(server, db, 'SELECT version, success FROM flyway_schema_history ORDER BY installed_rank')).map((r) => [String(r.version), Number(r.success)])).toEqual([
      ['1', 1],
      ['2', 1],
    ]);
  });
});

/**
 * The MySQL chain at its edges, on MariaDB: the connection killed under a chained statement (the
 * run ends as a failure, never hangs or passes for a success); a migration that switches to
 * sql_mode=ORACLE, where BEGIN opens a block (the history transaction still works); a migration
 * that changes time_zone (its execution time stays true); and a last row change on a MyISAM table
 * when the history write fails (the run does not claim it was undone); mysqldump's executable
 * comments run; and a transaction the migration writes itself stays a transaction.
 */
import { describe, expect, inject, it } from 'vitest';
import { cliEnv, dbUrl, envelope, freshDatabase, queryIn, sluice, sluiceProcess, tablesIn, writeFolder } from './support/migrate-cli';

const harness = inject('harness');
const server = harness.mariadb;
const env = cliEnv(server);

/** A row of another writer at the rank the next migration's dirty mark needs: that history write fails. */
const SQUAT_RANK_2 =
  "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES (2, '99', 'other', 'SQL', 'V99__other.sql', 0, 'someone else', 0, TRUE);";

describe('the MySQL chain at its edges', () => {
  it('ends as a failure when the connection is killed under a chained statement', { timeout: 30_000 }, async () => {
    const db = await freshDatabase(server, 'chain_lost');
    const url = dbUrl(harness, server, db);
    const dir = writeFolder({ 'V1__slow.sql': 'CREATE TABLE l1 (id int);\nSELECT SLEEP(2);\n', 'V2__next.sql': 'CREATE TABLE l2 (id int);\n' });
    const applier = sluiceProcess(['migrate', 'up', url, '--dir', dir, '--format', 'flyway', '--yes', '--json'], env);
    let stdout = '';
    applier.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((resolve) => applier.on('exit', resolve));
    let victim: unknown;
    for (let i = 0; i < 100 && victim === undefined; i++) {
      await new Promise((r) => setTimeout(r, 100));
      victim = (await queryIn(server, 'information_schema', "SELECT id FROM processlist WHERE db = ? AND info LIKE '%SLEEP(2)%'", [db]))[0]?.id;
    }
    expect(victim, 'the applier is inside SLEEP(2)').toBeDefined();
    await queryIn(server, 'mysql', `KILL CONNECTION ${Number(victim)}`);
    const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000))]);
    if (code === 'hung') applier.kill('SIGKILL');
    expect(code).toBe(1);
    const result = JSON.parse(stdout.trim().split('\n').at(-1) as string);
    expect(result.error.details.result.outcomes).toEqual([
      { id: '1', status: 'error', error: expect.objectContaining({ code: 'MIGRATION_FAILED', message: expect.stringMatching(/connection .*lost|lost .*connection/i) }) },
      { id: '2', status: 'not-executed' },
    ]);
    // Its dirty mark was committed before statement 1: the next applier finds it dirty.
    const status = envelope(await sluice(['migrate', 'status', url, '--dir', dir, '--format', 'flyway', '--json'], env));
    expect(status.value.migrations.map((m: { status: string }) => m.status)).toEqual(['dirty', 'pending']);
  });

  it('records migrations that switch the session to sql_mode=ORACLE', async () => {
    const db = await freshDatabase(server, 'chain_oracle');
    const url = dbUrl(harness, server, db);
    const dir = writeFolder({ 'V1__oracle.sql': "SET SESSION sql_mode = 'ORACLE';\nCREATE TABLE o1 (id int);\n", 'V2__next.sql': 'CREATE TABLE o2 (id int);\n' });
    const run = await sluice(['migrate', 'up', url, '--dir', dir, '--format', 'flyway', '--yes', '--json'], env);
    expect(run.code, run.stdout).toBe(0);
    expect(await tablesIn(server, db)).toEqual(expect.arrayContaining(['o1', 'o2']));
    expect((await queryIn(server, db, 'SELECT version, success FROM flyway_schema_history ORDER BY installed_rank')).map((r) => [String(r.version), Number(r.success)])).toEqual([
      ['1', 1],
      ['2', 1],
    ]);
  });

  it('measures execution time in UTC, so a migration that changes time_zone is not recorded as lasting hours', async () => {
    const db = await freshDatabase(server, 'chain_tz');
    const url = dbUrl(harness, server, db);
    const dir = writeFolder({ 'V1__tz.sql': "SET time_zone = '+05:00';\nCREATE TABLE t1 (at timestamp NULL);\n", 'V2__next.sql': 'CREATE TABLE t2 (id int);\n' });
    const run = await sluice(['migrate', 'up', url, '--dir', dir, '--format', 'flyway', '--yes', '--json'], env);
    expect(run.code, run.stdout).toBe(0);
    for (const r of await queryIn(server, db, 'SELECT version, execution_time FROM flyway_schema_history')) {
      expect(Number(r.execution_time), `execution_time of ${String(r.version)}`).toBeGreaterThanOrEqual(0);
      expect(Number(r.execution_time), `execution_time of ${String(r.version)}`).toBeLessThan(60_000);
    }
  });

  it('does not claim a row change on a non-transactional table was undone with a failed history write', async () => {
    const db = await freshDatabase(server, 'chain_myisam');
    const url = dbUrl(harness, server, db);
    const dir = writeFolder({
      'V1__squat.sql': ['CREATE TABLE counts (n int) ENGINE=MyISAM;', SQUAT_RANK_2, 'INSERT INTO counts VALUES (1);', ''].join('\n'),
      'V2__next.sql': 'CREATE TABLE t2 (id int);\n',
    });
    const failed = await sluice(['migrate', 'up', url, '--dir', dir, '--format', 'flyway', '--yes', '--json'], env);
    expect(failed.code).toBe(1);
    const outcome = envelope(failed).error.details.result.outcomes[0];
    // MyISAM kept the row: the message says the rollback holds only for transactional tables.
    expect(Number((await queryIn(server, db, 'SELECT count(*) AS n FROM counts'))[0]?.n)).toBe(1);
    expect(outcome.error.message).toMatch(/unless its table is not transactional/);
    expect(outcome.error.statementIndex).toBe(3);
  });

  it('runs executable comments and keeps the transaction a migration opens itself', async () => {
    const db = await freshDatabase(server, 'chain_dump');
    const url = dbUrl(harness, server, db);
    const dir = writeFolder({
      // As mysqldump writes them: the server runs what is inside /*! … */.
      'V1__dump.sql': '/*!40101 SET @saved_mode = @@sql_mode */;\nCREATE TABLE t (id int PRIMARY KEY);\n/*!50001 CREATE VIEW v AS SELECT 1 AS one */;\n',
      // All or nothing, as written: the failing third statement takes the first insert with it.
      'V2__atomic.sql': 'START TRANSACTION;\nINSERT INTO t VALUES (1);\nINSERT INTO missing VALUES (2);\nCOMMIT;\n',
    });
    const run = await sluice(['migrate', 'up', url, '--dir', dir, '--format', 'flyway', '--yes', '--json'], env);
    expect(run.code).toBe(1);
    expect(await tablesIn(server, db)).toEqual(expect.arrayContaining(['t', 'v']));
    expect((await queryIn(server, db, 'SELECT one FROM v')).map((r) => Number(r.one))).toEqual([1]);
    const outcomes = envelope(run).error.details.result.outcomes;
    expect(outcomes[0]).toMatchObject({ id: '1', status: 'success' });
    expect(outcomes[1]).toMatchObject({ id: '2', status: 'error', error: { statementIndex: 3 } });
    expect(await queryIn(server, db, 'SELECT id FROM t')).toEqual([]);
    const status = envelope(await sluice(['migrate', 'status', url, '--dir', dir, '--format', 'flyway', '--json'], env));
    expect(status.value.migrations[1]).toMatchObject({ status: 'dirty', dirty: { statementIndex: 3 } });
  });
});

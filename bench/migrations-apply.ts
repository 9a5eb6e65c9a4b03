/**
 * Applying 200 small migrations: Sluice (the core, as the app and the CLI run it: lock, history
 * table, one transaction per migration on PostgreSQL, a dirty mark around each migration and one
 * round trip per statement on MariaDB) against a bare loop over the same files with the raw
 * driver (each file as one multi-statement query; no lock, no history), in one run, on PostgreSQL
 * and MariaDB. Rounds alternate which goes first; the best of each is compared. Prints both times
 * and the ratio; the target is ≤ 1.3.
 *
 *   npx tsx bench/migrations-apply.ts [--format flyway|golang-migrate|dbmate] [--rounds N]
 *
 * Starts the database harness, or reuses the one named by SLUICE_HARNESS_FILE. The default format
 * is Flyway, whose own history row carries checksum, who and duration, so Sluice writes only what
 * Flyway itself would; golang-migrate and dbmate add one row in Sluice's table per migration.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { EventPayload } from '../app/api/contract';
import { call } from '../app/api/dispatch';
import { createCore } from '../app/core';
import { scratchDatabase } from '../test/support/admin';
import { startHarness, type Harness } from '../test/support/harness';
import { HARNESS_FILE_ENV, readHarnessFile } from '../test/support/harness-file';
import type { DbServerInfo, HarnessInfo } from '../test/support/harness-info';

const COUNT = 200;
const TARGET = 1.3;
const { values: args } = parseArgs({ options: { format: { type: 'string', default: 'flyway' }, rounds: { type: 'string', default: '3' } } });
const FORMAT = args.format as 'flyway' | 'golang-migrate' | 'dbmate';
const ROUNDS = Math.max(1, Number(args.rounds));

/** File names per format for migration n (1-based). */
const NAMES: Record<typeof FORMAT, (n: string, i: number) => string> = {
  flyway: (n, i) => `V${i}__create_t${n}.sql`,
  'golang-migrate': (n) => `${n}_create_t${n}.up.sql`,
  dbmate: (n) => `2024010100${n}_create_t${n}.sql`,
};

const body = (n: string) => `CREATE TABLE t${n} (\n  id integer PRIMARY KEY,\n  name varchar(100) NOT NULL\n);\nINSERT INTO t${n} (id, name) VALUES (1, 'first; row');\n`;

/** The 200 files, and the SQL the bare loop runs for each (the same statements). */
function writeMigrations(): { dir: string; sql: string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-'));
  const sql: string[] = [];
  for (let i = 1; i <= COUNT; i++) {
    const n = String(i).padStart(4, '0');
    const text = FORMAT === 'dbmate' ? `-- migrate:up\n${body(n)}\n-- migrate:down\nDROP TABLE t${n};\n` : body(n);
    writeFileSync(path.join(dir, NAMES[FORMAT](n, i)), text);
    if (FORMAT === 'golang-migrate') writeFileSync(path.join(dir, `${n}_create_t${n}.down.sql`), `DROP TABLE t${n};\n`);
    sql.push(body(n));
  }
  return { dir, sql };
}

function url(harness: HarnessInfo, server: DbServerInfo, database: string): string {
  const ca = harness.certs.ca;
  return server.engine === 'postgres'
    ? `postgresql://${server.user}:${encodeURIComponent(server.password)}@${server.host}:${server.port}/${database}?sslmode=verify-full&sslrootcert=${ca}`
    : `mysql://${server.user}:${encodeURIComponent(server.password)}@${server.host}:${server.port}/${database}?ssl-mode=VERIFY_IDENTITY&ssl-ca=${ca}`;
}

/** The bare loop: connect, then one query per file (the whole file as one multi-statement text), nothing else. */
async function rawLoop(harness: HarnessInfo, server: DbServerInfo, database: string, files: readonly string[]): Promise<number> {
  const ca = readFileSync(harness.certs.ca, 'utf8');
  if (server.engine === 'postgres') {
    // Timed from the connection on: a bare script must connect too (Sluice opens its run's own session).
    const started = performance.now();
    const client = new pg.Client({ host: server.host, port: server.port, user: server.user, password: server.password, database, ssl: { ca, rejectUnauthorized: true } });
    await client.connect();
    for (const sql of files) await client.query(sql);
    const ms = performance.now() - started;
    await client.end();
    return ms;
  }
  const started = performance.now();
  const conn = await mysql.createConnection({ host: server.host, port: server.port, user: server.user, password: server.password, database, ssl: { ca, rejectUnauthorized: true }, multipleStatements: true });
  for (const sql of files) await conn.query(sql);
  const ms = performance.now() - started;
  await conn.end();
  return ms;
}

/** Sluice: the migrations.apply call through the core, timed from the call to its `finished` event. */
async function sluiceRun(harness: HarnessInfo, server: DbServerInfo, database: string, dir: string): Promise<number> {
  const core = createCore({ version: 'bench', dataDir: mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-data-')) });
  const ctx = { door: 'cli' as const };
  try {
    const opened = await call(core.handlers, 'sessions.open', { url: url(harness, server, database) }, ctx);
    if (!opened.ok) throw new Error(opened.error.message);
    let jobId: string | null = null;
    const early: Array<EventPayload<'migrations.finished'>> = [];
    let resolveFinished: ((p: EventPayload<'migrations.finished'>) => void) | null = null;
    const finished = new Promise<EventPayload<'migrations.finished'>>((resolve) => {
      resolveFinished = resolve;
    });
    const stop = core.events.subscribe((name, payload) => {
      if (name !== 'migrations.finished') return;
      const p = payload as EventPayload<'migrations.finished'>;
      if (jobId === null) early.push(p);
      else if (p.jobId === jobId) resolveFinished?.(p);
    });
    const started = performance.now();
    const apply = await call(core.handlers, 'migrations.apply', { sessionId: opened.value.sessionId, dir, format: FORMAT, direction: 'up' }, ctx);
    if (!apply.ok) throw new Error(apply.error.message);
    jobId = apply.value.jobId;
    const done = early.find((p) => p.jobId === jobId) ?? (await finished);
    const ms = performance.now() - started;
    stop();
    if (!done.result.ok || done.result.outcomes.length !== COUNT) throw new Error(`Sluice run failed: ${JSON.stringify(done.error)}`);
    return ms;
  } finally {
    await core.close();
  }
}

async function main(): Promise<void> {
  let started: Harness | null = null;
  const file = process.env[HARNESS_FILE_ENV];
  const harness = file ? readHarnessFile(file) : (started = await startHarness()).info;
  try {
    const { dir, sql } = writeMigrations();
    const rows: string[] = [];
    let worst = 0;
    for (const server of [harness.postgres, harness.mariadb]) {
      const raw: number[] = [];
      const sluice: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const tag = server.engine === 'postgres' ? 'pg' : 'my';
        // Alternate which goes first, so neither always meets a warmer server.
        const order = round % 2 === 0 ? (['raw', 'sluice'] as const) : (['sluice', 'raw'] as const);
        for (const who of order) {
          const db = await scratchDatabase(server, `bench_${who}_${tag}_${round}`);
          if (who === 'raw') raw.push(await rawLoop(harness, server, db, sql));
          else sluice.push(await sluiceRun(harness, server, db, dir));
        }
      }
      const bestRaw = Math.min(...raw);
      const bestSluice = Math.min(...sluice);
      const ratio = bestSluice / bestRaw;
      worst = Math.max(worst, ratio);
      rows.push(
        `${server.engine.padEnd(9)} raw loop ${bestRaw.toFixed(0).padStart(6)} ms   sluice ${bestSluice.toFixed(0).padStart(6)} ms   ratio ${ratio.toFixed(2)}   (rounds: raw ${raw.map((x) => x.toFixed(0)).join('/')}, sluice ${sluice.map((x) => x.toFixed(0)).join('/')})`,
      );
    }
    console.log(`apply ${COUNT} small ${FORMAT} migrations (CREATE TABLE + INSERT each), best of ${ROUNDS}:`);
    for (const row of rows) console.log(row);
    console.log(`worst ratio ${worst.toFixed(2)} (target ≤ ${TARGET}): ${worst <= TARGET ? 'ok' : 'over target'}`);
  } finally {
    await started?.stop();
  }
}

await main();

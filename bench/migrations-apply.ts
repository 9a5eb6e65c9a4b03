/**
 * Applying 200 small migrations: Sluice (the core, as the app and the CLI run it: lock, history
 * table, one transaction per migration on PostgreSQL, a chain of texts with a dirty mark before and
 * a clean mark after each migration on MariaDB) against a bare loop over the same files with the
 * raw driver (each file as one multi-statement query; no lock, no history), in one run, on
 * PostgreSQL and MariaDB. Rounds alternate which goes first; the best of each is compared. Prints
 * both times, the ratio and Sluice's extra time per migration; the target is ≤ 1.3.
 *
 *   npx tsx bench/migrations-apply.ts [--format flyway|golang-migrate|dbmate] [--rounds N]
 *                                     [--servers durable|harness|both] [--harness-as-is]
 *
 * Two sets of servers, both over verify-full TLS:
 * - like a managed primary (durable-servers.ts): started by the bench on disk, every commit
 *   synced, no replica. The target is judged here: it is what users migrate.
 * - the test harness (the one named by SLUICE_HARNESS_FILE, or a new one): in RAM, commits not
 *   synced, so the fixed cost of each history write shows at its largest. Its replicas are paused
 *   and MariaDB's memory grown for the run (quiet-servers.ts) unless --harness-as-is.
 * The default format is Flyway, whose own history row carries checksum, who and duration, so
 * Sluice writes only what Flyway itself would; golang-migrate and dbmate add one row in Sluice's
 * table per migration.
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
import type { DbServerInfo } from '../test/support/harness-info';
import { startDurableServers } from './durable-servers';
import { quietServers } from './quiet-servers';

const COUNT = 200;
const TARGET = 1.3;
const { values: args } = parseArgs({
  options: {
    format: { type: 'string', default: 'flyway' },
    rounds: { type: 'string', default: '9' },
    servers: { type: 'string', default: 'both' },
    'harness-as-is': { type: 'boolean', default: false },
  },
});
const FORMAT = args.format as 'flyway' | 'golang-migrate' | 'dbmate';
const ROUNDS = Math.max(1, Number(args.rounds));
const SERVERS = args.servers as 'durable' | 'harness' | 'both';
if (!['durable', 'harness', 'both'].includes(SERVERS)) throw new Error('--servers must be durable, harness or both');

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

function url(ca: string, server: DbServerInfo, database: string): string {
  return server.engine === 'postgres'
    ? `postgresql://${server.user}:${encodeURIComponent(server.password)}@${server.host}:${server.port}/${database}?sslmode=verify-full&sslrootcert=${ca}`
    : `mysql://${server.user}:${encodeURIComponent(server.password)}@${server.host}:${server.port}/${database}?ssl-mode=VERIFY_IDENTITY&ssl-ca=${ca}`;
}

/** The bare loop: connect, then one query per file (the whole file as one multi-statement text), nothing else. */
async function rawLoop(caFile: string, server: DbServerInfo, database: string, files: readonly string[]): Promise<number> {
  const ca = readFileSync(caFile, 'utf8');
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
async function sluiceRun(ca: string, server: DbServerInfo, database: string, dir: string): Promise<number> {
  const core = createCore({ version: 'bench', dataDir: mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-data-')) });
  const ctx = { door: 'cli' as const };
  try {
    const opened = await call(core.handlers, 'sessions.open', { url: url(ca, server, database) }, ctx);
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

/** One set of servers to measure on. */
interface Setup {
  title: string;
  ca: string;
  servers: DbServerInfo[];
}

/** Raw loop and Sluice, rounds alternating which goes first; one line per engine and the worst ratio. */
async function measure(setup: Setup, dir: string, sql: readonly string[]): Promise<{ rows: string[]; worst: number }> {
  const rows: string[] = [];
  let worst = 0;
  for (const server of setup.servers) {
    const raw: number[] = [];
    const sluice: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const tag = server.engine === 'postgres' ? 'pg' : 'my';
      // Alternate which goes first, so neither always meets a warmer server.
      const order = round % 2 === 0 ? (['raw', 'sluice'] as const) : (['sluice', 'raw'] as const);
      for (const who of order) {
        const db = await scratchDatabase(server, `bench_${who}_${tag}_${round}`);
        if (who === 'raw') raw.push(await rawLoop(setup.ca, server, db, sql));
        else sluice.push(await sluiceRun(setup.ca, server, db, dir));
      }
    }
    const bestRaw = Math.min(...raw);
    const bestSluice = Math.min(...sluice);
    const ratio = bestSluice / bestRaw;
    worst = Math.max(worst, ratio);
    const extra = (bestSluice - bestRaw) / COUNT;
    rows.push(
      `  ${server.engine.padEnd(9)} raw loop ${bestRaw.toFixed(0).padStart(6)} ms   sluice ${bestSluice.toFixed(0).padStart(6)} ms   ratio ${ratio.toFixed(2)}   (+${extra.toFixed(2)} ms per migration; rounds: raw ${raw.map((x) => x.toFixed(0)).join('/')}, sluice ${sluice.map((x) => x.toFixed(0)).join('/')})`,
    );
  }
  return { rows, worst };
}

async function main(): Promise<void> {
  const { dir, sql } = writeMigrations();
  console.log(`apply ${COUNT} small ${FORMAT} migrations (CREATE TABLE + INSERT each), Sluice against a bare driver loop, best of ${ROUNDS} rounds`);
  let managed: number | null = null;
  let inRam: number | null = null;
  if (SERVERS !== 'harness') {
    const durable = await startDurableServers();
    try {
      const result = await measure({ title: 'like a managed primary', ca: durable.certs.ca, servers: [durable.postgres, durable.mariadb] }, dir, sql);
      console.log(`servers like a managed primary: ${durable.describe}`);
      for (const row of result.rows) console.log(row);
      managed = result.worst;
    } finally {
      await durable.stop();
    }
  }
  if (SERVERS !== 'durable') {
    let started: Harness | null = null;
    const file = process.env[HARNESS_FILE_ENV];
    const harness = file ? readHarnessFile(file) : (started = await startHarness()).info;
    const quiet = args['harness-as-is'] ? null : await quietServers(harness);
    try {
      const result = await measure({ title: 'the test harness', ca: harness.certs.ca, servers: [harness.postgres, harness.mariadb] }, dir, sql);
      console.log(`the test harness: in RAM, commits not synced; ${quiet ? quiet.describe : 'as it is'}`);
      for (const row of result.rows) console.log(row);
      inRam = result.worst;
    } finally {
      await quiet?.restore();
      await started?.stop();
    }
  }
  // The target is judged where users run migrations: on servers that sync their commits.
  const judged = managed ?? inRam ?? 0;
  const where = managed !== null ? 'on servers like a managed primary' : 'on the test harness';
  const aside = managed !== null && inRam !== null ? `; in RAM without synced commits, where the history rows' own cost shows: ${inRam.toFixed(2)}` : '';
  console.log(`worst ratio ${where} ${judged.toFixed(2)} (target ≤ ${TARGET}): ${judged <= TARGET ? 'ok' : 'over target'}${aside}`);
}

await main();

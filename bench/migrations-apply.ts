/**
 * Applying 200 small migrations: Sluice (the core, as the app and the CLI run it: lock, history
 * tables, transaction per migration on PostgreSQL, dirty marks on MariaDB) against a bare loop
 * over the same files with the raw driver (no lock, no history), in one run, on PostgreSQL and
 * MariaDB. Prints both times and the ratio; the target is ≤ 1.3.
 *
 *   npx tsx bench/migrations-apply.ts          (starts the database harness, or reuses SLUICE_HARNESS_FILE)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
const ROUNDS = 3;
const TARGET = 1.3;

function writeMigrations(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-'));
  for (let i = 1; i <= COUNT; i++) {
    const n = String(i).padStart(4, '0');
    writeFileSync(
      path.join(dir, `${n}_create_t${n}.up.sql`),
      `CREATE TABLE t${n} (\n  id integer PRIMARY KEY,\n  name varchar(100) NOT NULL\n);\nINSERT INTO t${n} (id, name) VALUES (1, 'first; row');\n`,
    );
    writeFileSync(path.join(dir, `${n}_create_t${n}.down.sql`), `DROP TABLE t${n};\n`);
  }
  return dir;
}

function url(harness: HarnessInfo, server: DbServerInfo, database: string): string {
  const ca = harness.certs.ca;
  return server.engine === 'postgres'
    ? `postgresql://${server.user}:${encodeURIComponent(server.password)}@${server.host}:${server.port}/${database}?sslmode=verify-full&sslrootcert=${ca}`
    : `mysql://${server.user}:${encodeURIComponent(server.password)}@${server.host}:${server.port}/${database}?ssl-mode=VERIFY_IDENTITY&ssl-ca=${ca}`;
}

/** The bare loop: one query per file (the whole file as one multi-statement text), nothing else. */
async function rawLoop(harness: HarnessInfo, server: DbServerInfo, database: string, dir: string): Promise<number> {
  const files = Array.from({ length: COUNT }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    return readFileSync(path.join(dir, `${n}_create_t${n}.up.sql`), 'utf8');
  });
  const ca = readFileSync(harness.certs.ca, 'utf8');
  if (server.engine === 'postgres') {
    const client = new pg.Client({ host: server.host, port: server.port, user: server.user, password: server.password, database, ssl: { ca, rejectUnauthorized: true } });
    await client.connect();
    const started = performance.now();
    for (const sql of files) await client.query(sql);
    const ms = performance.now() - started;
    await client.end();
    return ms;
  }
  const conn = await mysql.createConnection({ host: server.host, port: server.port, user: server.user, password: server.password, database, ssl: { ca, rejectUnauthorized: true }, multipleStatements: true });
  const started = performance.now();
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
    const apply = await call(core.handlers, 'migrations.apply', { sessionId: opened.value.sessionId, dir, format: 'golang-migrate', direction: 'up' }, ctx);
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
    const dir = writeMigrations();
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
          if (who === 'raw') raw.push(await rawLoop(harness, server, db, dir));
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
    console.log(`apply ${COUNT} small migrations (CREATE TABLE + INSERT each), best of ${ROUNDS}:`);
    for (const row of rows) console.log(row);
    console.log(`worst ratio ${worst.toFixed(2)} (target ≤ ${TARGET}): ${worst <= TARGET ? 'ok' : 'over target'}`);
  } finally {
    await started?.stop();
  }
}

await main();

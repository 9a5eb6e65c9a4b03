/** Runs `sluice migrate …` as a real process against a harness server, with the password in the environment. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminQuery, scratchDatabase, type Row } from '../../../support/admin';
import type { DbServerInfo, HarnessInfo } from '../../../support/harness-info';
import { passwordEnv, urlFor } from '../../support/urls';

/** The `sluice` launcher. */
export const BIN = path.resolve(__dirname, '../../../../bin/sluice.mjs');

/** The fixture folders. */
export const FIXTURES = path.resolve(__dirname, '../../../fixtures/migrations');

/** On this machine Debian's Django lives under /usr/bin/python3 (the first python3 on PATH has none). */
export const PYTHON = process.env.SLUICE_TEST_PYTHON ?? '/usr/bin/python3';

/** A finished CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a CLI run gets: the password variable, the Python for Django, and `extra`. */
export function cliEnv(server: DbServerInfo, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...passwordEnv(server), SLUICE_PYTHON: PYTHON, ...extra };
}

/** Runs the CLI to completion. */
export function sluice(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts the CLI and hands back the process (for killing it mid-run). */
export function sluiceProcess(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Resolves once the process has printed a line matching `pattern` on stdout. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; saw:\n${seen}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (!pattern.test(seen)) reject(new Error(`process exited before ${pattern}; saw:\n${seen}`));
    });
  });
}

/** The URL of `database` on `server` over verify-full with the harness CA. */
export function dbUrl(harness: HarnessInfo, server: DbServerInfo, database: string): string {
  return urlFor(server, { database, sslmode: 'verify-full', ca: harness.certs.ca });
}

/** A fresh scratch database named `<tag>_<engine>` (names must be plain lower-case identifiers). */
export function freshDatabase(server: DbServerInfo, tag: string): Promise<string> {
  return scratchDatabase(server, `${tag}_${server.engine === 'postgres' ? 'pg' : 'my'}`.slice(0, 60));
}

/** Runs a query in `database` as superuser. */
export function queryIn(server: DbServerInfo, database: string, sql: string, params?: unknown[]): Promise<Row[]> {
  return adminQuery(server, sql, { database, ...(params ? { params } : {}) });
}

/** Names of the tables in `database`. */
export async function tablesIn(server: DbServerInfo, database: string): Promise<string[]> {
  const sql =
    server.engine === 'postgres'
      ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"
      : 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1';
  return (await queryIn(server, database, sql)).map((r) => String(r.name ?? r.NAME ?? r.TABLE_NAME));
}

/** Column names of a table, in order. */
export async function columnsOf(server: DbServerInfo, database: string, table: string): Promise<string[]> {
  const sql =
    server.engine === 'postgres'
      ? "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position"
      : 'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position';
  return (await queryIn(server, database, sql, [table])).map((r) => String(r.name ?? r.NAME ?? r.COLUMN_NAME));
}

/** Writes a migration folder in a fresh temp dir and returns its path. */
export function writeFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-migrations-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The parsed JSON envelope a `--json` run printed last on stdout (loosely typed: tests assert its shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads arbitrary paths of the printed JSON
export function envelope(run: CliRun): { ok: boolean; value?: any; error?: any } {
  const lines = run.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] as string);
}

/** The server's way of sleeping for a few seconds. */
export function sleepSql(server: DbServerInfo, seconds: number): string {
  return server.engine === 'postgres' ? `SELECT pg_sleep(${seconds})` : `SELECT SLEEP(${seconds})`;
}

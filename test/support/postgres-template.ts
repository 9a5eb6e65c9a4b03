/** The cached PostgreSQL template: initdb, then roles `sluice`, `sluice_cert`, `sluice_repl` and database `sluice`. */
import { randomBytes } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { adminQuery, type AdminTarget } from './admin.js';
import { startDaemon } from './daemon.js';
import { giveTo, runTool, toolEnv, type OsUser } from './os-user.js';
import type { RunScope } from './run-scope.js';
import { cachedTemplate } from './template-cache.js';

/** Where the PostgreSQL 15 binaries live (override with SLUICE_PG_BIN). */
export const PG_BIN = process.env.SLUICE_PG_BIN ?? '/usr/lib/postgresql/15/bin';

// Bump when the recipe below changes, so cached templates are rebuilt.
const RECIPE = 'pg-template-v2';

// Passwords are set per run (see postgres-server.ts); these throwaway ones never leave the build.
function setupSql(): string[] {
  const throwaway = (): string => randomBytes(18).toString('base64url');
  return [
    `CREATE ROLE sluice LOGIN CREATEDB PASSWORD '${throwaway()}'`,
    'CREATE ROLE sluice_cert LOGIN',
    `CREATE ROLE sluice_repl LOGIN REPLICATION PASSWORD '${throwaway()}'`,
    // Lets the app read replication state (pg_stat_replication) as a managed service's admin could.
    'GRANT pg_monitor TO sluice',
    'CREATE DATABASE sluice OWNER sluice',
  ];
}

async function build(dataDir: string, user: OsUser | undefined, runDir: string, scope: RunScope): Promise<void> {
  await mkdir(dataDir, { mode: 0o700 });
  await giveTo(user, dataDir);
  await runTool(
    `${PG_BIN}/initdb`,
    ['-D', dataDir, '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--wal-segsize=1', '-A', 'trust', '--no-sync', '--no-instructions'],
    { user, cwd: runDir },
  );
  // Socket only, on a port number nobody else uses inside our private run dir.
  const port = 5400 + Math.floor(Math.random() * 100);
  const daemon = await startDaemon(
    {
      name: 'postgres-template',
      cmd: `${PG_BIN}/postgres`,
      args: ['-D', dataDir, '-c', `port=${port}`, '-c', 'listen_addresses=', '-c', `unix_socket_directories=${runDir}`, '-c', 'fsync=off'],
      user,
      cwd: runDir,
      env: toolEnv(runDir),
      logFile: join(runDir, 'template.log'),
      ready: /database system is ready to accept connections/,
      // Fast shutdown: a clean checkpoint, so copies start without recovery.
      stopSignal: 'SIGINT',
      stopTimeoutMs: 30_000,
    },
    (started) => scope.track(started),
  );
  const admin: AdminTarget = {
    engine: 'postgres',
    adminUrl: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(runDir)}&port=${port}`,
  };
  for (const sql of setupSql()) await adminQuery(admin, sql);
  await daemon.stop();
  scope.untrack(daemon);
}

/** Path of a cached, cleanly shut down template cluster; copy it with `copyTree`, never start it in place. */
export async function postgresTemplate(user: OsUser | undefined, runDir: string, scope: RunScope): Promise<string> {
  // The binary's size and mtime change with every package upgrade; cheaper than running --version.
  const binary = await stat(`${PG_BIN}/postgres`);
  const key = `${RECIPE} ${PG_BIN} ${binary.size} ${binary.mtimeMs} uid=${process.getuid?.()}`;
  return cachedTemplate('postgres', key, scope, (dataDir) => build(dataDir, user, runDir, scope));
}

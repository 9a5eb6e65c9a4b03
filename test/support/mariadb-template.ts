/** The cached MariaDB template: install-db, then users `sluice`, `sluice_cert`, `sluice_repl` and database `sluice`. */
import { randomBytes } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { adminQuery, type AdminTarget } from './admin.js';
import { startDaemon } from './daemon.js';
import { giveTo, runTool, toolEnv, type OsUser } from './os-user.js';
import type { RunScope } from './run-scope.js';
import { cachedTemplate } from './template-cache.js';

/** The server binary (override with SLUICE_MARIADBD). */
export const MARIADBD = process.env.SLUICE_MARIADBD ?? '/usr/sbin/mariadbd';
const INSTALL_DB = process.env.SLUICE_MARIADB_INSTALL_DB ?? 'mariadb-install-db';

// Bump when the recipe below (or STORAGE_ARGS) changes, so cached templates are rebuilt.
const RECIPE = 'mariadb-template-v1';

/** Small, unsafe-but-fast storage settings, shared by install-db and every server (same redo log size: no resize). */
export const STORAGE_ARGS = [
  '--innodb-buffer-pool-size=16M',
  '--innodb-log-file-size=8M',
  '--innodb-temp-data-file-path=ibtmp1:1M:autoextend',
  '--innodb-flush-log-at-trx-commit=0',
  '--innodb-flush-method=fsync',
  '--innodb-doublewrite=0',
  '--innodb-buffer-pool-load-at-startup=OFF',
  '--innodb-buffer-pool-dump-at-shutdown=OFF',
  '--sync-binlog=0',
  '--performance-schema=OFF',
  '--character-set-server=utf8mb4',
];

/**
 * What a managed primary runs with instead (for benchmarks on a disk-backed data directory):
 * every commit flushed and synced (redo log and binlog), doublewrite on, production-sized memory
 * and redo log (resized from the template's 8 MB at start, which MariaDB 10.9+ does on its own).
 */
export const DURABLE_STORAGE_ARGS = [
  '--innodb-buffer-pool-size=256M',
  '--innodb-log-file-size=256M',
  '--innodb-flush-log-at-trx-commit=1',
  '--innodb-doublewrite=1',
  '--sync-binlog=1',
  '--performance-schema=OFF',
  '--character-set-server=utf8mb4',
];

/** `--user=mysql` when running as root (the server refuses root otherwise); nothing when not root. */
export function userArgs(user: OsUser | undefined): string[] {
  return user ? [`--user=${user.name}`] : [];
}

// Passwords are set per run (see mariadb-server.ts); these throwaway ones never leave the build.
function setupSql(): string[] {
  const throwaway = (): string => randomBytes(18).toString('base64url');
  return [
    `CREATE USER 'sluice'@'%' IDENTIFIED BY '${throwaway()}'`,
    "GRANT ALL ON `sluice`.* TO 'sluice'@'%'",
    // Scratch databases `sluice_<anything>` (the backslash makes `_` literal in the pattern).
    "GRANT ALL ON `sluice\\_%`.* TO 'sluice'@'%'",
    // What a managed service's admin user usually has: read replication, binlog and session state.
    "GRANT BINLOG MONITOR, SLAVE MONITOR, PROCESS ON *.* TO 'sluice'@'%'",
    "CREATE USER 'sluice_cert'@'%' REQUIRE X509",
    "GRANT ALL ON `sluice`.* TO 'sluice_cert'@'%'",
    `CREATE USER 'sluice_repl'@'%' IDENTIFIED BY '${throwaway()}' REQUIRE SSL`,
    "GRANT REPLICATION SLAVE ON *.* TO 'sluice_repl'@'%'",
    'CREATE DATABASE sluice CHARACTER SET utf8mb4',
  ];
}

async function build(dataDir: string, user: OsUser | undefined, runDir: string, scope: RunScope): Promise<void> {
  await mkdir(dataDir, { mode: 0o700 });
  await giveTo(user, dataDir);
  // --no-defaults must come first. Root gets a password-less login; TCP root accounts are dropped below.
  await runTool(
    INSTALL_DB,
    ['--no-defaults', `--datadir=${dataDir}`, ...userArgs(user), '--auth-root-authentication-method=normal',
      '--skip-test-db', '--skip-name-resolve', ...STORAGE_ARGS],
    { user: undefined, cwd: runDir },
  );
  const socket = join(runDir, 'template.sock');
  // No networking and no binlog: the replica must not replay the template's own setup.
  const daemon = await startDaemon(
    {
      name: 'mariadb-template',
      cmd: MARIADBD,
      args: ['--no-defaults', ...userArgs(user), `--datadir=${dataDir}`, '--skip-networking', `--socket=${socket}`,
        `--pid-file=${join(runDir, 'template.pid')}`, '--skip-name-resolve', ...STORAGE_ARGS],
      user,
      cwd: runDir,
      env: toolEnv(runDir),
      logFile: join(runDir, 'template.log'),
      ready: /mariadbd: ready for connections/,
      // A clean shutdown, so copies start without crash recovery.
      stopSignal: 'SIGTERM',
      stopTimeoutMs: 60_000,
    },
    (started) => scope.track(started),
  );
  const admin: AdminTarget = { engine: 'mariadb', adminUrl: `mysql://root@localhost/mysql?socket=${encodeURIComponent(socket)}` };
  const roots = await adminQuery(admin, "SELECT Host FROM mysql.user WHERE User = 'root' AND Host <> 'localhost'");
  for (const { Host } of roots) await adminQuery(admin, 'DROP USER ?@?', { params: ['root', Host] });
  for (const sql of setupSql()) await adminQuery(admin, sql);
  await daemon.stop();
  scope.untrack(daemon);
}

/** Path of a cached, cleanly shut down template data directory; copy it with `copyTree`, never start it in place. */
export async function mariadbTemplate(user: OsUser | undefined, runDir: string, scope: RunScope): Promise<string> {
  // The binary's size and mtime change with every package upgrade; cheaper than running --version.
  const binary = await stat(MARIADBD);
  const key = `${RECIPE} ${MARIADBD} ${binary.size} ${binary.mtimeMs} ${STORAGE_ARGS.join(' ')} uid=${process.getuid?.()}`;
  return cachedTemplate('mariadb', key, scope, (dataDir) => build(dataDir, user, runDir, scope));
}

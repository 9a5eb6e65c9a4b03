/** Starts the private PostgreSQL 15 group: a TLS-only primary, its streaming replica, and an expired-certificate twin. */
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { adminQuery } from './admin.js';
import { startDaemon } from './daemon.js';
import type { DbServerInfo, HarnessCerts } from './harness-info.js';
import { copyTree, giveTo, serverUser, toolEnv } from './os-user.js';
import { PG_BIN, postgresTemplate } from './postgres-template.js';
import type { RunScope } from './run-scope.js';
import { copyServerCerts } from './server-certs.js';
import { trace } from './trace.js';

/** The three PostgreSQL servers of a run. */
export interface PostgresGroup {
  primary: DbServerInfo;
  replica: DbServerInfo;
  expired: DbServerInfo;
}

/** Where and how to start the group; `certs` may still be generating while the data directories are made. */
export interface PostgresOptions {
  dir: string;
  certs: Promise<HarnessCerts>;
  ports: { primary: number; replica: number; expired: number };
  scope: RunScope;
  /** A managed primary's settings (DURABLE_CONF) instead of the fast, unsafe ones. */
  durable?: boolean;
}

type Role = keyof PostgresOptions['ports'];

// No plain `host` lines: a connection without TLS finds no entry and is refused.
const PG_HBA = `
local     all          all                       trust
hostssl   replication  sluice_repl  127.0.0.0/8  scram-sha-256
hostssl   all          sluice_cert  127.0.0.0/8  cert
hostssl   all          all          127.0.0.0/8  scram-sha-256
`;

function serverConf(port: number, run: string, tls: string, certName: string): string {
  return `
port = ${port}
listen_addresses = '127.0.0.1,127.0.0.2'
unix_socket_directories = '${run}'
unix_socket_permissions = 0700
ssl = on
ssl_ca_file = '${tls}/ca.pem'
ssl_cert_file = '${tls}/${certName}.pem'
ssl_key_file = '${tls}/${certName}-key.pem'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 32MB
max_connections = 100
wal_level = replica
max_wal_senders = 10
wal_keep_size = 256MB
hot_standby = on
wal_retrieve_retry_interval = 100ms
log_line_prefix = '%m [%p] %q%u@%d '
`;
}

/** What a managed primary runs with instead (for benchmarks on a disk-backed data directory): every commit synced. */
const DURABLE_CONF = `
fsync = on
synchronous_commit = on
full_page_writes = on
shared_buffers = 256MB
`;

function serverInfo(port: number, password: string, run: string): DbServerInfo {
  return {
    engine: 'postgres',
    host: '127.0.0.1',
    altHost: '127.0.0.2',
    port,
    database: 'sluice',
    user: 'sluice',
    password,
    certUser: 'sluice_cert',
    adminUrl: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(run)}&port=${port}`,
  };
}

/** Waits until the replica streams from the primary and has replayed everything the primary has written so far. */
async function waitForReplica(primary: DbServerInfo, replica: DbServerInfo): Promise<void> {
  const [current] = await adminQuery(primary, 'SELECT pg_current_wal_lsn()::text AS lsn');
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [state] = await adminQuery(
      replica,
      `SELECT (SELECT status FROM pg_stat_wal_receiver) AS status, pg_last_wal_replay_lsn() >= $1::pg_lsn AS replayed`,
      { params: [current?.lsn] },
    );
    if (state?.status === 'streaming' && state.replayed === true) return;
    if (Date.now() > deadline) throw new Error(`postgres replica not caught up (receiver: ${String(state?.status)})`);
    await sleep(50);
  }
}

/** Starts the group under `<dir>/postgres`; every process is tracked by `scope`. */
export async function startPostgresGroup(options: PostgresOptions): Promise<PostgresGroup> {
  return (await startPostgresServers(options, ['primary', 'replica', 'expired'])) as PostgresGroup;
}

/** Starts only the primary (no replica, no expired twin), for benchmarks. */
export async function startPostgresPrimary(options: Omit<PostgresOptions, 'ports'> & { port: number }): Promise<DbServerInfo> {
  const ports = { primary: options.port, replica: 0, expired: 0 };
  const started = await startPostgresServers({ ...options, ports }, ['primary']);
  return started.primary as DbServerInfo;
}

async function startPostgresServers(options: PostgresOptions, roles: readonly Role[]): Promise<Partial<PostgresGroup>> {
  const user = serverUser('postgres');
  const root = join(options.dir, 'postgres');
  const run = join(root, 'run');
  const tls = join(root, 'tls');
  const data = (role: Role): string => join(root, role);
  await mkdir(run, { recursive: true, mode: 0o700 });
  await mkdir(tls, { recursive: true, mode: 0o700 });
  await giveTo(user, root);

  const template = await postgresTemplate(user, run, options.scope);
  trace('postgres: template ready');
  // All three start from copies of one cleanly shut down cluster: the replica is a valid cold base backup.
  await Promise.all(roles.map((role) => copyTree(template, data(role))));
  trace('postgres: copies made');
  const password = randomBytes(18).toString('base64url');
  const replPassword = randomBytes(18).toString('base64url');
  const { ports } = options;
  const conninfo =
    `host=127.0.0.1 port=${ports.primary} user=sluice_repl password=${replPassword} ` +
    `sslmode=verify-full sslrootcert=${tls}/ca.pem application_name=sluice-replica`;
  for (const role of roles) {
    const cert = role === 'expired' ? 'server-expired' : 'server';
    // Later settings win: the durable ones override the fast defaults.
    await appendFile(join(data(role), 'postgresql.conf'), serverConf(ports[role], run, tls, cert) + (options.durable ? DURABLE_CONF : ''));
    await writeFile(join(data(role), 'pg_hba.conf'), PG_HBA);
  }
  if (roles.includes('replica')) {
    await appendFile(join(data('replica'), 'postgresql.conf'), `primary_conninfo = '${conninfo}'\n`);
    await writeFile(join(data('replica'), 'standby.signal'), '');
  }
  await copyServerCerts(await options.certs, tls);
  trace('postgres: certs copied');
  await giveTo(user, tls);
  // appendFile/writeFile kept the owners of existing files; only the new standby.signal is ours.
  if (roles.includes('replica')) await giveTo(user, join(data('replica'), 'standby.signal'));

  const start = (role: Role) =>
    startDaemon(
      {
        name: `postgres-${role}`,
        cmd: `${PG_BIN}/postgres`,
        args: ['-D', data(role), '-c', `cluster_name=sluice-${role}`],
        user,
        cwd: root,
        env: toolEnv(root),
        logFile: join(root, `${role}.log`),
        ready: role === 'replica' ? /ready to accept read-only connections/ : /ready to accept connections/,
        // PostgreSQL starts if at least one listen address binds; we need both.
        unhealthy: /could not bind|could not create listen socket/,
        // Immediate shutdown: fast, and it still frees the postmaster's SysV segment.
        stopSignal: 'SIGQUIT',
      },
      (daemon) => options.scope.track(daemon),
    ).then(() => trace(`postgres: ${role} ready`));
  const info = (role: Role): DbServerInfo => serverInfo(ports[role], password, run);
  const setPasswords = (server: DbServerInfo) =>
    adminQuery(server, `ALTER ROLE sluice PASSWORD '${password}'; ALTER ROLE sluice_repl PASSWORD '${replPassword}'`);

  await Promise.all(roles.map((role) => (role === 'replica' ? start(role) : start(role).then(() => setPasswords(info(role))))));
  if (roles.includes('replica')) {
    await waitForReplica(info('primary'), info('replica'));
    trace('postgres: replica caught up');
  }
  return Object.fromEntries(roles.map((role) => [role, info(role)]));
}

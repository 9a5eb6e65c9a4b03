/** Starts the private MariaDB 10.11 group: a TLS-only primary, its GTID replica, and an expired-certificate twin. */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { adminQuery } from './admin.js';
import { startDaemon } from './daemon.js';
import type { DbServerInfo, HarnessCerts } from './harness-info.js';
import { DURABLE_STORAGE_ARGS, MARIADBD, STORAGE_ARGS, mariadbTemplate, userArgs } from './mariadb-template.js';
import { copyTree, giveTo, serverUser, toolEnv } from './os-user.js';
import type { RunScope } from './run-scope.js';
import { copyServerCerts } from './server-certs.js';
import { trace } from './trace.js';

/** The three MariaDB servers of a run. */
export interface MariadbGroup {
  primary: DbServerInfo;
  replica: DbServerInfo;
  expired: DbServerInfo;
}

/** Where and how to start the group; `certs` may still be generating while the data directories are made. */
export interface MariadbOptions {
  dir: string;
  certs: Promise<HarnessCerts>;
  ports: { primary: number; replica: number; expired: number };
  scope: RunScope;
  /** A managed primary's settings (DURABLE_STORAGE_ARGS) instead of the fast, unsafe ones. */
  durable?: boolean;
}

type Role = keyof MariadbOptions['ports'];

const SERVER_ID: Record<Role, number> = { primary: 1, replica: 2, expired: 3 };

function serverInfo(port: number, password: string, socket: string): DbServerInfo {
  return {
    engine: 'mariadb',
    host: '127.0.0.1',
    altHost: '127.0.0.2',
    port,
    database: 'sluice',
    user: 'sluice',
    password,
    certUser: 'sluice_cert',
    adminUrl: `mysql://root@localhost/mysql?socket=${encodeURIComponent(socket)}`,
  };
}

async function startReplication(primary: DbServerInfo, replica: DbServerInfo, replPassword: string, ca: string): Promise<void> {
  await adminQuery(
    replica,
    `CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = ${primary.port},
       MASTER_USER = 'sluice_repl', MASTER_PASSWORD = '${replPassword}',
       MASTER_SSL = 1, MASTER_SSL_CA = '${ca}', MASTER_SSL_VERIFY_SERVER_CERT = 1,
       MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1`,
  );
  await adminQuery(replica, 'START SLAVE');
  // Both started from the same template; the replica replays the primary's binlog from its start.
  const [position] = await adminQuery(primary, 'SELECT @@gtid_binlog_pos AS pos');
  const [waited] = await adminQuery(replica, 'SELECT MASTER_GTID_WAIT(?, 20) AS result', { params: [position?.pos] });
  const [status] = await adminQuery(replica, 'SHOW SLAVE STATUS');
  if (waited?.result !== 0 || status?.Slave_IO_Running !== 'Yes' || status?.Slave_SQL_Running !== 'Yes') {
    throw new Error(
      `mariadb replica did not catch up: IO=${String(status?.Slave_IO_Running)} SQL=${String(status?.Slave_SQL_Running)} ` +
        `${String(status?.Last_IO_Error ?? '')} ${String(status?.Last_SQL_Error ?? '')}`,
    );
  }
}

/** Starts the group under `<dir>/mariadb`; every process is tracked by `scope`. */
export async function startMariadbGroup(options: MariadbOptions): Promise<MariadbGroup> {
  return (await startMariadbServers(options, ['primary', 'replica', 'expired'])) as MariadbGroup;
}

/** Starts only the primary (no replica, no expired twin), for benchmarks. */
export async function startMariadbPrimary(options: Omit<MariadbOptions, 'ports'> & { port: number }): Promise<DbServerInfo> {
  const ports = { primary: options.port, replica: 0, expired: 0 };
  const started = await startMariadbServers({ ...options, ports }, ['primary']);
  return started.primary as DbServerInfo;
}

async function startMariadbServers(options: MariadbOptions, roles: readonly Role[]): Promise<Partial<MariadbGroup>> {
  const user = serverUser('mysql');
  const root = join(options.dir, 'mariadb');
  const run = join(root, 'run');
  const tls = join(root, 'tls');
  const data = (role: Role): string => join(root, role);
  await mkdir(run, { recursive: true, mode: 0o700 });
  await mkdir(tls, { recursive: true, mode: 0o700 });
  await giveTo(user, root);

  const template = await mariadbTemplate(user, run, options.scope);
  trace('mariadb: template ready');
  await Promise.all(roles.map((role) => copyTree(template, data(role))));
  await copyServerCerts(await options.certs, tls);
  await giveTo(user, tls);

  const password = randomBytes(18).toString('base64url');
  const replPassword = randomBytes(18).toString('base64url');
  const socket = (role: Role): string => join(run, `${role}.sock`);
  const info = (role: Role): DbServerInfo => serverInfo(options.ports[role], password, socket(role));
  const start = (role: Role) => {
    const cert = role === 'expired' ? 'server-expired' : 'server';
    const extra = role === 'replica' ? ['--read-only=ON', '--skip-slave-start', '--relay-log=relay'] : [];
    return startDaemon(
      {
        name: `mariadb-${role}`,
        cmd: MARIADBD,
        args: [
          '--no-defaults',
          ...userArgs(user),
          `--datadir=${data(role)}`,
          `--port=${options.ports[role]}`,
          '--bind-address=127.0.0.1,127.0.0.2',
          `--socket=${socket(role)}`,
          `--pid-file=${join(run, `${role}.pid`)}`,
          `--tmpdir=${run}`,
          '--skip-name-resolve',
          `--ssl-ca=${join(tls, 'ca.pem')}`,
          `--ssl-cert=${join(tls, `${cert}.pem`)}`,
          `--ssl-key=${join(tls, `${cert}-key.pem`)}`,
          '--require-secure-transport=ON',
          '--log-bin=binlog',
          `--server-id=${SERVER_ID[role]}`,
          ...(options.durable ? DURABLE_STORAGE_ARGS : STORAGE_ARGS),
          ...extra,
        ],
        user,
        cwd: root,
        env: toolEnv(root),
        logFile: join(root, `${role}.log`),
        ready: /mariadbd: ready for connections/,
        // Its data directory is thrown away, so no clean InnoDB shutdown is needed.
        stopSignal: 'SIGKILL',
      },
      (daemon) => options.scope.track(daemon),
    ).then(() => trace(`mariadb: ${role} ready`));
  };
  const setPasswords = async (server: DbServerInfo): Promise<void> => {
    await adminQuery(server, `ALTER USER 'sluice'@'%' IDENTIFIED BY '${password}'`);
    await adminQuery(server, `ALTER USER 'sluice_repl'@'%' IDENTIFIED BY '${replPassword}'`);
  };

  await Promise.all(roles.map((role) => (role === 'replica' ? start(role) : start(role).then(() => setPasswords(info(role))))));
  if (roles.includes('replica')) {
    await startReplication(info('primary'), info('replica'), replPassword, join(tls, 'ca.pem'));
    trace('mariadb: replica caught up');
  }
  return Object.fromEntries(roles.map((role) => [role, info(role)]));
}

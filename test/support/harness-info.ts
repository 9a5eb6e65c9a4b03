/** The JSON-serialisable description of a running database harness, shared by every test runner. */

/** One private database server and how to reach it. */
export interface DbServerInfo {
  engine: 'postgres' | 'mariadb';
  /** In the server certificate (SAN IP:127.0.0.1). */
  host: '127.0.0.1';
  /** Reaches the same server but is NOT in the certificate (for host-name mismatch tests). */
  altHost: '127.0.0.2';
  port: number;
  database: 'sluice';
  /** Password login; the server accepts it only over TLS. */
  user: 'sluice';
  password: string;
  /** Client-certificate login (CN=sluice_cert), no password. */
  certUser: 'sluice_cert';
  /**
   * Superuser access over the server's unix socket, for test setup through `adminQuery`.
   * PostgreSQL: a libpq URL, `postgresql://postgres@localhost/postgres?host=<socket dir>&port=<port>`
   * (works with `psql "<url>"`). MariaDB: `mysql://root@localhost/mysql?socket=<socket path>`
   * (by hand: `mariadb --no-defaults -uroot -S <socket path>`). Neither needs a password.
   */
  adminUrl: string;
}

/** Absolute paths of the per-run certificates (see certs.ts for what each one is). */
export interface HarnessCerts {
  ca: string;
  caKey: string;
  wrongCa: string;
  serverCert: string;
  serverKey: string;
  expiredCert: string;
  expiredKey: string;
  clientCert: string;
  clientKey: string;
  wrongClientCert: string;
  wrongClientKey: string;
}

/** Everything a test needs to reach the harness's servers. */
export interface HarnessInfo {
  /** The run's temp directory (removed when the harness stops). */
  dir: string;
  certs: HarnessCerts;
  postgres: DbServerInfo;
  /** Streaming replica of `postgres` (hot standby). */
  postgresReplica: DbServerInfo;
  /** Same roles as `postgres`, but presents the expired server certificate. */
  postgresExpired: DbServerInfo;
  mariadb: DbServerInfo;
  /** GTID replica of `mariadb` over TLS, read_only=ON. */
  mariadbReplica: DbServerInfo;
  /** Same users as `mariadb`, but presents the expired server certificate. */
  mariadbExpired: DbServerInfo;
}

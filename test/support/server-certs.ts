/** Puts a run's server certificates where a database server reads them, keys readable by their owner only (PostgreSQL refuses others). */
import { chmod, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HarnessCerts } from './harness-info.js';

/** Copies the CA, the server pair and the expired pair into `tls` under the names the servers' flags use. */
export async function copyServerCerts(certs: HarnessCerts, tls: string): Promise<void> {
  const files: Array<[string, string]> = [
    [certs.ca, 'ca.pem'],
    [certs.serverCert, 'server.pem'],
    [certs.serverKey, 'server-key.pem'],
    [certs.expiredCert, 'server-expired.pem'],
    [certs.expiredKey, 'server-expired-key.pem'],
  ];
  for (const [from, to] of files) await copyFile(from, join(tls, to));
  await chmod(join(tls, 'server-key.pem'), 0o600);
  await chmod(join(tls, 'server-expired-key.pem'), 0o600);
}

/**
 * Turns an SslConfig into Node TLS options. Each mode verifies exactly what libpq says it
 * verifies; `rejectUnauthorized: false` is reached only by the explicit require/prefer modes.
 */
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import tls from 'node:tls';
import { SluiceError } from '../api/errors';
import type { CaSource, ClientCertificate, SslConfig } from './connection-config';

/** Where Debian, Fedora, Alpine and macOS keep the system CA bundle. */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];

/** TLS options for a driver, plus what they promise to verify. */
export interface ResolvedTls {
  options: tls.ConnectionOptions;
  caVerified: boolean;
  hostnameVerified: boolean;
}

async function readTlsFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    throw new SluiceError('TLS_FILE_UNREADABLE', {
      message: `The ${what} file could not be read (${code}).`,
      details: { path, what, code },
    });
  }
}

async function systemCa(): Promise<string[]> {
  for (const path of SYSTEM_BUNDLES) {
    try {
      return [await readFile(path, 'utf8')];
    } catch {
      // Try the next well-known location.
    }
  }
  return [...tls.rootCertificates];
}

async function loadCa(source: CaSource): Promise<string | string[]> {
  switch (source.kind) {
    case 'file':
      return readTlsFile(source.path, 'CA certificate');
    case 'pem':
      return source.pem;
    case 'system':
      return systemCa();
  }
}

/** PKCS#8 `ENCRYPTED PRIVATE KEY`, or a traditional PEM with `Proc-Type: 4,ENCRYPTED`. */
const ENCRYPTED_KEY = /-----BEGIN ENCRYPTED PRIVATE KEY-----|^Proc-Type:\s*4,\s*ENCRYPTED/m;

async function loadClientCert(cert: ClientCertificate | undefined, passphrase: string | undefined): Promise<Pick<tls.ConnectionOptions, 'cert' | 'key' | 'passphrase'>> {
  if (!cert) return {};
  const [certPem, keyPem] = await Promise.all([readTlsFile(cert.certPath, 'client certificate'), readTlsFile(cert.keyPath, 'client key')]);
  if (!ENCRYPTED_KEY.test(keyPem)) return { cert: certPem, key: keyPem };
  // Said before connecting, plainly; Node would otherwise fail inside the handshake with a decoder error.
  if (passphrase === undefined || passphrase === '') throw new SluiceError('CLIENT_KEY_ENCRYPTED', { details: { path: cert.keyPath } });
  try {
    createPrivateKey({ key: keyPem, format: 'pem', passphrase });
  } catch {
    throw new SluiceError('CLIENT_KEY_PASSPHRASE_WRONG', { details: { path: cert.keyPath } });
  }
  return { cert: certPem, key: keyPem, passphrase };
}

/**
 * Resolves TLS options for `ssl`, verifying the certificate against `verifyHost`
 * (the host name the user typed, even when connecting to a hostaddr); `sslPassword` decrypts an
 * encrypted client key.
 * Returns null for `disable`.
 */
export async function resolveTls(ssl: SslConfig, verifyHost: string, sslPassword?: string): Promise<ResolvedTls | null> {
  switch (ssl.mode) {
    case 'disable':
      return null;
    case 'prefer':
    case 'require':
      // Encrypts, verifies nothing: exactly libpq's require. The report says so.
      return { options: { ...(await loadClientCert(ssl.clientCert, sslPassword)), rejectUnauthorized: false }, caVerified: false, hostnameVerified: false };
    case 'verify-ca': {
      const [ca, client] = await Promise.all([loadCa(ssl.ca), loadClientCert(ssl.clientCert, sslPassword)]);
      return {
        options: { ...client, ca, rejectUnauthorized: true, checkServerIdentity: () => undefined },
        caVerified: true,
        hostnameVerified: false,
      };
    }
    case 'verify-full': {
      const [ca, client] = await Promise.all([loadCa(ssl.ca), loadClientCert(ssl.clientCert, sslPassword)]);
      return {
        options: {
          ...client,
          ca,
          rejectUnauthorized: true,
          // Always against the configured name, never the address we dialled, for DNS names and IPs alike.
          checkServerIdentity: (_dialled, cert) => tls.checkServerIdentity(verifyHost, cert),
        },
        caVerified: true,
        hostnameVerified: true,
      };
    }
  }
}

/** Choices an import makes when the pasted text leaves them open, each reported as a warning. */
import type { SslConfig } from '../connection-config';
import { sslFromParams } from '../parse-url';
import { DEFAULT_SSL, type Environment } from '../profiles/profile';

const LOOPBACK = /^(?:localhost|127\.\d+\.\d+\.\d+|::1|0:0:0:0:0:0:0:1)$/i;

/** True for this machine's own addresses. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/**
 * SSL when the text names no mode. libpq and the MySQL client would `prefer` TLS and verify
 * nothing; a new Sluice profile verifies everything. Loopback keeps prefer (local servers
 * rarely have certificates); anything else gets verify-full against the system trust store.
 */
export function defaultSsl(host: string): { ssl: SslConfig; warning: string } {
  if (isLoopback(host)) {
    return { ssl: { mode: 'prefer' }, warning: 'No SSL mode was given; this local server uses prefer (TLS when offered, nothing verified).' };
  }
  return {
    ssl: DEFAULT_SSL,
    warning:
      "No SSL mode was given (libpq and MySQL would silently accept any certificate); the profile uses verify-full with the system trust store. Add the provider's CA file if the test fails with TLS_UNTRUSTED_CA.",
  };
}

/** A warning for modes that encrypt without verifying who answers. */
export function weakSslWarning(ssl: SslConfig): string | null {
  if (ssl.mode === 'require') return "SSL mode require encrypts but verifies nothing: anyone on the path can pose as the server. Add the provider's CA and use verify-full.";
  if (ssl.mode === 'prefer') return 'SSL mode prefer falls back to plaintext and verifies nothing; use verify-full for a server outside this machine.';
  if (ssl.mode === 'disable') return 'SSL is disabled: the password and all data cross the network in clear text.';
  return null;
}

/** Production unless the host or name says otherwise: the guarded choice. */
export function guessEnvironment(host: string, ...hints: string[]): { environment: Environment; warning: string | null } {
  if (isLoopback(host)) return { environment: 'development', warning: null };
  const text = [host, ...hints].join(' ').toLowerCase();
  if (/stag|preprod|pre-prod|uat|qa\b/.test(text)) return { environment: 'staging', warning: 'The environment was guessed as staging from the names; check it.' };
  if (/prod/.test(text)) return { environment: 'production', warning: null };
  if (/\b(dev|develop|development|test|testing|local|sandbox)\b/.test(text)) {
    return { environment: 'development', warning: 'The environment was guessed as development from the names; check it.' };
  }
  return { environment: 'production', warning: 'The environment is set to production (guarded) until you say otherwise.' };
}

/** A readable default name: `database on host`. */
export function draftName(database: string, host: string): string {
  const name = database ? `${database} on ${host}` : host;
  return name.slice(0, 200) || 'New connection';
}

const firstParam = (params: URLSearchParams, ...names: string[]) => names.map((n) => params.get(n)).find((v) => v !== null && v !== '') ?? undefined;

/**
 * SSL from libpq / MySQL parameters, as an import reads them: an explicit mode means exactly
 * what its tool says; a CA file without a mode is taken as the wish to verify (verify-full);
 * no mode at all gets defaultSsl. Throws INVALID_URL (from sslFromParams) on contradictions.
 */
export function importedSsl(params: URLSearchParams, host: string, warnings: string[]): SslConfig {
  const explicit = firstParam(params, 'sslmode', 'ssl-mode', 'ssl_mode') !== undefined;
  const ca = firstParam(params, 'sslrootcert', 'ssl-ca', 'ssl_ca');
  if (!explicit && ca !== undefined && ca !== 'system') {
    params.set('sslmode', 'verify-full');
    warnings.push('A CA file is given without an SSL mode (libpq would then verify nothing); the profile uses it with verify-full.');
  }
  const ssl = sslFromParams(params);
  if (!explicit && ssl.mode === 'prefer') {
    const fallback = defaultSsl(host);
    warnings.push(fallback.warning);
    return fallback.ssl.mode === 'verify-full' && ssl.clientCert ? { ...fallback.ssl, clientCert: ssl.clientCert } : fallback.ssl;
  }
  const weak = weakSslWarning(ssl);
  if (weak) warnings.push(weak);
  return ssl;
}

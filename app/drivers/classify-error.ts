/**
 * Maps what pg, mysql2 and Node's TLS layer throw onto Sluice's stable codes. Drivers
 * overwrite codes (mysql2 reports most TLS failures as HANDSHAKE_SSL_ERROR), so both the
 * code and the message are read. The raw message is kept in details, scrubbed of secrets.
 */
import { SluiceError, type ErrorCode } from '../api/errors';
import type { ConnectionConfig } from '../connections/connection-config';

interface Rule {
  code: ErrorCode;
  /** Error codes (Node, pg SQLSTATE, mysql2 names or numbers) that mean this. */
  codes?: readonly string[];
  /** Message fragments that mean this, for drivers that lose the code. */
  messages?: readonly RegExp[];
}

/** Order matters: the first rule that matches wins. */
const RULES: readonly Rule[] = [
  {
    code: 'TLS_CERT_EXPIRED',
    codes: ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'],
    messages: [/certificate has expired/i, /certificate is not yet valid/i],
  },
  { code: 'TLS_HOSTNAME_MISMATCH', codes: ['ERR_TLS_CERT_ALTNAME_INVALID'], messages: [/Hostname\/IP does not match/i, /altnames/i] },
  {
    code: 'TLS_UNTRUSTED_CA',
    codes: [
      'SELF_SIGNED_CERT_IN_CHAIN',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'UNABLE_TO_GET_ISSUER_CERT',
      'CERT_SIGNATURE_FAILURE',
      'CERT_UNTRUSTED',
    ],
    messages: [/self[- ]signed certificate/i, /unable to (verify|get) (the first|local issuer|issuer)/i, /certificate signature failure/i],
  },
  {
    code: 'CLIENT_CERT_REQUIRED',
    messages: [/connection requires a valid client certificate/i, /certificate required/i, /peer did not return a certificate/i],
  },
  {
    code: 'TLS_CLIENT_CERT_REJECTED',
    messages: [/alert unknown ca/i, /alert bad certificate/i, /alert certificate unknown/i, /certificate verify failed/i, /certificate authentication failed/i, /alert decrypt error/i],
  },
  {
    code: 'SERVER_REQUIRES_TLS',
    messages: [/no pg_hba\.conf entry .*no encryption/i, /insecure transport are prohibited/i, /require_secure_transport/i, /SSL connection is required/i],
  },
  { code: 'SERVER_NO_TLS', codes: ['HANDSHAKE_NO_SSL_SUPPORT'], messages: [/server does not support SSL/i, /server does not support secure connection/i] },
  {
    code: 'DATABASE_NOT_FOUND',
    // MySQL answers "access denied to database" for a database that does not exist, to hide which exist.
    codes: ['3D000', 'ER_BAD_DB_ERROR', 'ER_DBACCESS_DENIED_ERROR'],
    messages: [/database ".*" does not exist/i, /Unknown database/i, /Access denied for user .* to database/i],
  },
  {
    code: 'AUTH_FAILED',
    codes: ['28P01', 'ER_ACCESS_DENIED_ERROR', 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR'],
    messages: [/password authentication failed/i, /Access denied for user/i, /no password supplied/i, /SASL: SCRAM/i],
  },
  { code: 'TIMEOUT', codes: ['ETIMEDOUT', 'ETIMEOUT'], messages: [/timeout expired/i, /connection timeout/i, /timed out/i] },
  { code: 'UNREACHABLE', codes: ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL'] },
  {
    code: 'CONNECTION_LOST',
    codes: ['ECONNRESET', 'EPIPE', 'PROTOCOL_CONNECTION_LOST', '57P01', '57P02', '57P03'],
    messages: [/Connection terminated/i, /Connection lost/i, /connection is in closed state/i, /terminating connection/i, /socket hang up/i, /server closed the connection/i],
  },
];

function errorCodes(err: unknown): string[] {
  const out: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const rec = e as { code?: unknown; errno?: unknown; cause?: unknown };
    if (typeof rec.code === 'string') out.push(rec.code);
    if (typeof rec.code === 'number' || typeof rec.errno === 'number') out.push(String(rec.errno ?? rec.code));
    e = rec.cause;
  }
  return out;
}

function errorMessages(err: unknown): string {
  const out: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    out.push(e instanceof Error ? e.message : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return out.join(' | ');
}

/** Removes every known secret from a text before it is shown or stored. */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 1) out = out.split(secret).join('***');
  }
  return out;
}

/** The code a raw driver error means, or null when no rule knows it. */
export function classifyCode(err: unknown): ErrorCode | null {
  const codes = errorCodes(err);
  const message = errorMessages(err);
  for (const rule of RULES) {
    if (rule.codes?.some((c) => codes.includes(c))) return rule.code;
    if (rule.messages?.some((re) => re.test(message))) return rule.code;
  }
  return null;
}

/**
 * Classifies a connect-time error. Unknown errors become UNREACHABLE only when they are
 * network errors; anything else stays INTERNAL with the raw text in details.
 */
export function classifyConnectError(err: unknown, config: ConnectionConfig): SluiceError {
  if (err instanceof SluiceError) return err;
  let code = classifyCode(err) ?? 'INTERNAL';
  const noClientCert = config.ssl.mode === 'disable' || !config.ssl.clientCert;
  // A server that asks for a certificate we did not send, then refuses the handshake: say which is missing.
  if (code === 'TLS_CLIENT_CERT_REJECTED' && noClientCert) code = 'CLIENT_CERT_REQUIRED';
  const raw = scrubSecrets(errorMessages(err), [config.password, config.sslPassword]);
  const where = `${config.host}:${config.port}`;
  const codes = errorCodes(err);
  const details = { raw, server: where, ...(codes.length ? { driverCode: codes[0] } : {}) };
  // MySQL refuses a REQUIRE X509 user without a certificate with a plain "Access denied": when the
  // login offered neither a password nor a certificate, say both. (PostgreSQL names a missing certificate itself.)
  if (code === 'AUTH_FAILED' && config.dialect === 'mysql' && noClientCert && !config.password && config.ssl.mode !== 'disable') {
    return new SluiceError('CLIENT_CERT_REQUIRED', {
      message: 'The server refused a login that offered neither a password nor a client certificate.',
      hint: 'This user most likely signs in with a client certificate: add sslcert/sslkey (ssl-cert/ssl-key). Otherwise give the password.',
      details,
    });
  }
  if (code === 'DATABASE_NOT_FOUND' && /Access denied/i.test(raw)) {
    return new SluiceError(code, { message: 'The database does not exist, or this user may not use it.', hint: 'Check the database name, and that the user has been granted access to it.', details });
  }
  return new SluiceError(code, { details });
}

/** Classifies an error from a running statement: a lost connection, or the server's own message. */
export function classifyQueryError(err: unknown, secrets: readonly (string | undefined)[]): SluiceError {
  if (err instanceof SluiceError) return err;
  const code = classifyCode(err);
  const raw = scrubSecrets(errorMessages(err), secrets);
  const codes = errorCodes(err);
  if (code === 'CONNECTION_LOST') return new SluiceError('CONNECTION_LOST', { details: { raw } });
  if (/read-only transaction|read.only|--read-only option/i.test(raw) && /cannot execute|running with the --read-only/i.test(raw)) {
    return new SluiceError('READ_ONLY_SESSION', { details: { raw } });
  }
  const position = (err as { position?: unknown }).position;
  return new SluiceError('QUERY_FAILED', {
    message: raw.split('\n')[0]?.slice(0, 500) || 'The server rejected the statement.',
    details: { raw, ...(codes.length ? { driverCode: codes[0] } : {}), ...(position !== undefined ? { position } : {}) },
  });
}

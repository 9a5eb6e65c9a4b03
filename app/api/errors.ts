/**
 * Stable error codes and the one error type that crosses every boundary.
 * Codes are part of the API: never rename one, only add.
 */

/** Every code the core can report, with the default message and hint the UI shows. */
export const ERROR_CATALOG = {
  BAD_INPUT: { message: 'The request was not valid.', hint: 'Check the fields named in details.' },
  UNKNOWN_METHOD: { message: 'No such call.', hint: 'Update Sluice; the window and the core disagree on the API.' },
  INTERNAL: { message: 'Sluice hit an unexpected error.', hint: 'Try again; if it repeats, report it with the details.' },
  UNAUTHORIZED: { message: 'Missing or wrong access token.', hint: 'Open the URL that `sluice serve` printed, including its token.' },
  FORBIDDEN_ORIGIN: { message: 'Request from a foreign Host or Origin refused.', hint: 'Open Sluice from the exact loopback URL it printed.' },
  INVALID_URL: { message: 'The connection URL could not be read.', hint: 'Use postgresql://user@host:port/db or mysql://user@host:port/db.' },
  TLS_UNTRUSTED_CA: { message: 'The server certificate is not signed by a trusted CA.', hint: "Give the provider's CA bundle (sslrootcert / ssl-ca), or check you reached the right server." },
  TLS_HOSTNAME_MISMATCH: { message: 'The server certificate does not match the host name.', hint: 'Connect with a host name listed in the certificate, or use verify-ca if you accept any name signed by this CA.' },
  TLS_CERT_EXPIRED: { message: 'The server certificate has expired.', hint: 'Ask the database provider to renew the certificate; do not disable verification.' },
  TLS_CLIENT_CERT_REJECTED: { message: 'The server rejected the client certificate.', hint: 'Use a client certificate issued by the CA the server trusts, for this user.' },
  CLIENT_CERT_REQUIRED: { message: 'The server requires a client certificate.', hint: 'Add the client certificate and key (sslcert / sslkey) to the connection.' },
  SERVER_REQUIRES_TLS: { message: 'The server only accepts encrypted connections.', hint: 'Set the SSL mode to verify-full (or at least require).' },
  SERVER_NO_TLS: { message: 'The server does not offer TLS.', hint: 'Enable TLS on the server, or choose SSL mode disable only on a trusted network.' },
  TLS_FILE_UNREADABLE: { message: 'A certificate or key file could not be read.', hint: 'Check the path and the file permissions.' },
  AUTH_FAILED: { message: 'The server rejected the user name or password.', hint: 'Check the credentials; managed clusters often use a per-user password shown once.' },
  DATABASE_NOT_FOUND: { message: 'The database does not exist on this server.', hint: 'Check the database name in the connection.' },
  UNREACHABLE: { message: 'Could not reach the server.', hint: "Check host and port, and that this machine's IP is in the cluster's trusted sources." },
  TIMEOUT: { message: 'The server did not answer in time.', hint: 'Check the network path or raise the connect timeout.' },
  CONNECTION_LOST: { message: 'The connection to the server was lost.', hint: 'Run the call again; Sluice reconnects by itself.' },
  SESSION_NOT_FOUND: { message: 'This connection is no longer open.', hint: 'Connect again.' },
  QUERY_FAILED: { message: 'The server rejected the statement.', hint: 'Read the server message in details.' },
  READ_ONLY_SESSION: { message: 'This session is read-only (a replica).', hint: 'Switch the session to the primary to write.' },
} as const satisfies Record<string, { message: string; hint: string }>;

/** A stable SCREAMING_SNAKE error code. */
export type ErrorCode = keyof typeof ERROR_CATALOG;

/** The error shape that crosses the IPC/HTTP boundary. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  hint?: string;
  details?: Record<string, unknown>;
}

/** An error the core raises on purpose: it carries a stable code and a hint for the user. */
export class SluiceError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, opts: { message?: string; hint?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(opts.message ?? ERROR_CATALOG[code].message, { cause: opts.cause });
    this.name = 'SluiceError';
    this.code = code;
    this.hint = opts.hint ?? ERROR_CATALOG[code].hint;
    this.details = opts.details;
  }

  /** The plain-data form sent across a door. */
  toApiError(): ApiError {
    return { code: this.code, message: this.message, hint: this.hint, ...(this.details ? { details: this.details } : {}) };
  }
}

/** Turns anything thrown into an ApiError; unexpected errors become INTERNAL without leaking stack traces. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof SluiceError) return err.toApiError();
  const raw = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: ERROR_CATALOG.INTERNAL.message, hint: ERROR_CATALOG.INTERNAL.hint, details: { raw } };
}

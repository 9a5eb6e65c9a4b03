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
  CLIENT_KEY_ENCRYPTED: {
    message: 'The client key is encrypted with a passphrase, and none was given.',
    hint: 'Add sslpassword=<passphrase> to the connection URL (saved profiles cannot hold it yet), or write an unencrypted copy readable only by you (openssl pkey -in key.pem -out key-plain.pem; chmod 600 key-plain.pem) and point sslkey at it.',
  },
  CLIENT_KEY_PASSPHRASE_WRONG: {
    message: 'The passphrase does not decrypt the client key.',
    hint: 'Check sslpassword; it must be the passphrase the key file was encrypted with.',
  },
  TLS_FILE_UNREADABLE: { message: 'A certificate or key file could not be read.', hint: 'Check the path and the file permissions.' },
  AUTH_FAILED: { message: 'The server rejected the user name or password.', hint: 'Check the credentials; managed clusters often use a per-user password shown once.' },
  DATABASE_NOT_FOUND: { message: 'The database does not exist on this server.', hint: 'Check the database name in the connection.' },
  UNREACHABLE: { message: 'Could not reach the server.', hint: "Check host and port, and that this machine's IP is in the cluster's trusted sources." },
  TIMEOUT: { message: 'The server did not answer in time.', hint: 'Check the network path or raise the connect timeout.' },
  CONNECTION_LOST: { message: 'The connection to the server was lost.', hint: 'Run the call again; Sluice reconnects by itself.' },
  SESSION_NOT_FOUND: { message: 'This connection is no longer open.', hint: 'Connect again.' },
  QUERY_FAILED: { message: 'The server rejected the statement.', hint: 'Read the server message in details.' },
  READ_ONLY_SESSION: { message: 'This session is read-only (a replica).', hint: 'Switch the session to the primary to write.' },
  MIGRATION_FORMAT_UNKNOWN: { message: 'No migration format was recognised in this folder.', hint: 'Link a Django project (manage.py) or a golang-migrate, dbmate or Flyway folder, or name the format.' },
  MIGRATION_SOURCE_INVALID: { message: 'A migration file could not be read or does not follow its format.', hint: 'Fix the file named in details; Sluice reads the folder exactly as its tool does.' },
  MIGRATION_NOT_FOUND: { message: 'No migration with this id in the folder or the history.', hint: 'Run status to see the ids; Django ids are app.name, SQL folders use the version.' },
  MIGRATION_LOCKED: { message: 'Another applier holds the migration lock on this database.', hint: 'Wait for it to finish (the holder is named in details), or retry with a lock wait.' },
  MIGRATION_DIRTY: { message: 'A migration failed part-way and is marked dirty.', hint: 'Fix the database by hand (see the failing statement), then mark the migration resolved.' },
  MIGRATION_MODIFIED: { message: 'An applied migration file changed since it was applied.', hint: 'Restore the file, or apply anyway with --allow-modified if the change is deliberate.' },
  MIGRATION_FAILED: { message: 'A migration failed; the run stopped there.', hint: 'Read the failing statement and server message in details, fix the migration and run again.' },
  MIGRATION_IRREVERSIBLE: { message: 'A migration in the range has no way back.', hint: 'Add a down file (or a reverse for Django operations), or roll back to a later target.' },
  MIGRATION_HISTORY_MISMATCH: { message: "The database's history table belongs to another migration tool.", hint: 'Link the folder of the tool that owns this database, or name the right format (--format).' },
  MIGRATION_NOT_DIRTY: { message: 'This migration is not marked dirty.', hint: 'Only a dirty migration can be marked resolved; run status to see which one is.' },
  WRONG_DATABASE: { message: 'The Django project would migrate a different database than this connection.', hint: "Make the project's settings read the database from DATABASE_URL (or the variable Sluice is told to use), then try again." },
  DJANGO_FAILED: { message: "Django's manage.py failed.", hint: 'Read the output in details; run the same manage.py command by hand to reproduce.' },
  PYTHON_NOT_FOUND: { message: 'The Python interpreter for this Django project could not be started.', hint: "Create the project's virtualenv (.venv or venv), or point Sluice at an interpreter (--python or SLUICE_PYTHON)." },
  PROFILE_STORE_CORRUPT: {
    message: 'The saved connection profiles could not be read.',
    hint: 'Sluice left the file untouched and will not overwrite it. Fix it, or set it aside (details name the file), then try again.',
  },
  PROFILE_STORE_TOO_NEW: {
    message: 'The saved connection profiles were written by a newer Sluice.',
    hint: 'Update Sluice; this version will not overwrite profiles it does not understand.',
  },
  PROFILE_STORE_BUSY: {
    message: 'Another Sluice is saving connection profiles right now.',
    hint: 'Try again in a moment. If it repeats, another Sluice process (app, web door or CLI) may be stuck: close it.',
  },
  PROFILE_NOT_FOUND: { message: 'No saved connection profile has this id.', hint: 'List the profiles and pick one that exists.' },
  SECRET_STORE_BUSY: {
    message: 'Another Sluice is saving passwords right now.',
    hint: 'Try again in a moment. If it repeats, another Sluice process (app, web door or CLI) may be stuck: close it.',
  },
  SECRET_STORE_LOCKED: { message: 'The encrypted password file needs its key.', hint: 'Set SLUICE_SECRET_KEY (or give the passphrase) to unlock it.' },
  SECRET_KEY_WRONG: {
    message: 'The key does not open the encrypted password file.',
    hint: 'Use the key the file was created with. The file was left untouched.',
  },
  SECRET_STORE_CORRUPT: { message: 'The password file could not be read.', hint: 'Sluice left the file untouched; restore it from a backup or move it aside and enter the passwords again.' },
  SECRET_STORE_UNAVAILABLE: { message: 'No protected storage for passwords is available.', hint: 'Enter the password when you connect, or unlock a keychain and restart Sluice.' },
  SECRET_NOT_FOUND: {
    message: 'The saved password for this connection is not available.',
    hint: 'Enter the password again. Without SLUICE_SECRET_KEY the CLI and web door keep passwords only in memory.',
  },
  DJANGO_SETTINGS_INVALID: {
    message: 'The Django DATABASES setting could not be read.',
    hint: 'Paste the DATABASES dict, or one entry of it, as written in settings.py.',
  },
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

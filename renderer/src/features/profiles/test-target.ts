/**
 * What the Test button asks `connections.check` to reach: the saved profile, or the unsaved
 * form as a draft (a pasted PEM CA included), so Test checks exactly what Save would store.
 * `profileUrl` renders a profile as a URL in libpq or MySQL vocabulary.
 */
import type { ProfileInput } from '../../../../app/api/calls/profile-schemas';
import type { CallInput } from '../../../../app/api/contract';
import { DEFAULT_TIMEOUT_SECONDS, type ProfileForm } from './profile-form';

const MYSQL_MODES = { disable: 'DISABLED', prefer: 'PREFERRED', require: 'REQUIRED', 'verify-ca': 'VERIFY_CA', 'verify-full': 'VERIFY_IDENTITY' } as const;

/** The connection part of a profile as a URL (never with a password: that goes beside it). */
export function profileUrl(input: ProfileInput, host = input.host, port = input.port, user = input.user): string {
  const pg = input.dialect === 'postgres';
  const params = new URLSearchParams();
  const { ssl } = input;
  params.set(pg ? 'sslmode' : 'ssl-mode', pg ? ssl.mode : MYSQL_MODES[ssl.mode]);
  if (ssl.mode === 'verify-ca' || ssl.mode === 'verify-full') {
    if (ssl.ca.kind === 'file') params.set(pg ? 'sslrootcert' : 'ssl-ca', ssl.ca.path);
    else if (ssl.ca.kind === 'system' && pg) params.set('sslrootcert', 'system');
  }
  if (ssl.mode !== 'disable' && ssl.clientCert) {
    params.set(pg ? 'sslcert' : 'ssl-cert', ssl.clientCert.certPath);
    params.set(pg ? 'sslkey' : 'ssl-key', ssl.clientCert.keyPath);
  }
  // `.` and `..` would be eaten as dot segments in the path; they go in dbname instead.
  const dotSegment = /^\.{1,2}$/.test(input.database);
  if (dotSegment) params.set('dbname', input.database);
  if (input.hostaddr && host === input.host) params.set('hostaddr', input.hostaddr);
  if (input.connectTimeoutMs !== DEFAULT_TIMEOUT_SECONDS * 1000) params.set('connect_timeout', String(input.connectTimeoutMs / 1000));
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return `${pg ? 'postgresql' : 'mysql'}://${encodeURIComponent(user)}@${shownHost}:${port}/${dotSegment ? '' : encodeURIComponent(input.database)}?${params.toString()}`;
}

/** A target for connections.check, and whether it is the saved profile or the form's values. */
export type TestPlan = { kind: 'ready'; target: CallInput<'connections.check'>; via: 'profile' | 'form' };

/**
 * Chooses how to test: by id when the saved profile is unchanged, else the form's values as a
 * draft. The password of a draft is the typed one, else the one an import left in the core,
 * else (editing) the saved one; none of them has to pass through this window.
 */
export function planTest(form: ProfileForm, input: ProfileInput, dirty: boolean): TestPlan {
  const typed = form.password !== '' ? { password: form.password } : {};
  if (form.id !== undefined && !dirty) {
    return { kind: 'ready', via: 'profile', target: { profileId: form.id, ...typed } };
  }
  const { dialect, host, hostaddr, port, database, user, ssl, connectTimeoutMs } = input;
  const draft = { dialect, host, ...(hostaddr !== undefined ? { hostaddr } : {}), port, database, user, ssl, connectTimeoutMs };
  const stored =
    form.password !== '' || form.forgetPassword
      ? {}
      : form.pendingPasswordId !== null
        ? { pendingPasswordId: form.pendingPasswordId }
        : form.id !== undefined && form.hasSavedPassword
          ? { profileId: form.id }
          : {};
  return { kind: 'ready', via: 'form', target: { draft, ...typed, ...stored } };
}

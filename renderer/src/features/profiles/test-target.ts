/**
 * What the Test button asks `connections.check` to reach. A saved profile with no unsaved
 * changes is tested by id (its stored password included). Unsaved values are tested as a URL in
 * the core's own vocabulary (libpq or MySQL parameters, as app/connections/import/export-url.ts
 * writes them) plus the typed password — which a URL cannot do for a pasted PEM CA, nor for a
 * password the window never holds (a saved one, or one found by an import).
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

/** A target for connections.check, or why the unsaved form cannot be tested as it stands. */
export type TestPlan = { kind: 'ready'; target: CallInput<'connections.check'>; via: 'profile' | 'url' } | { kind: 'blocked'; reason: string };

/**
 * Chooses how to test: by id when the saved profile is unchanged (and no password was typed),
 * else as a URL with the typed password.
 */
export function planTest(form: ProfileForm, input: ProfileInput, dirty: boolean): TestPlan {
  if (form.id !== undefined && !dirty) {
    return { kind: 'ready', via: 'profile', target: { profileId: form.id, ...(form.password !== '' ? { password: form.password } : {}) } };
  }
  const { ssl } = input;
  if ((ssl.mode === 'verify-ca' || ssl.mode === 'verify-full') && ssl.ca.kind === 'pem') {
    return { kind: 'blocked', reason: 'A pasted CA certificate can be tested once the profile is saved: save it, then Test.' };
  }
  if (form.password === '' && !form.forgetPassword && (form.hasSavedPassword || form.pendingPasswordId !== null)) {
    return {
      kind: 'blocked',
      reason: form.hasSavedPassword
        ? 'The saved password never comes back to this window: type it to test the unsaved changes, or save first.'
        : 'The password found in the pasted text is kept by the core for Save: type it to test before saving, or save first.',
    };
  }
  return { kind: 'ready', via: 'url', target: { url: profileUrl(input), ...(form.password !== '' ? { password: form.password } : {}) } };
}

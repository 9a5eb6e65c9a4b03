/**
 * The migration folder linked to a connection, remembered in localStorage (a path is not a
 * secret). Keyed by profile for saved connections, so every session of a profile finds it;
 * by `dialect:user@host:port/db` for sessions opened from a typed URL.
 */
import type { Session } from '../../shell/sessions-context';

const PREFIX = 'sluice.migrations.folder:';

/** The storage key for a session's connection. */
export function folderKey(session: Session): string {
  if (session.origin.kind === 'profile') return `${PREFIX}profile:${session.origin.profileId}`;
  const { dialect, user, host, port, database } = session.server;
  return `${PREFIX}url:${dialect}:${user}@${host}:${port}/${database}`;
}

/** The folder last loaded for this connection, or ''. Storage can be unavailable (private mode): then nothing is remembered. */
export function recallFolder(session: Session | null): string {
  if (!session) return '';
  try {
    return window.localStorage.getItem(folderKey(session)) ?? '';
  } catch {
    return '';
  }
}

/** Remembers the folder for this connection. */
export function rememberFolder(session: Session | null, dir: string): void {
  if (!session) return;
  try {
    window.localStorage.setItem(folderKey(session), dir);
  } catch {
    // Not remembering is harmless: the field is simply empty next time.
  }
}

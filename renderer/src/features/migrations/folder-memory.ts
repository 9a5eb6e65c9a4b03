/**
 * The migration folder linked to a connection, remembered in localStorage (a path is not a
 * secret), with the Django interpreter and URL variable (paths and names, not secrets; the extra
 * environment is never stored, its values may be). Keyed by profile for saved connections, so
 * every session of a profile finds it; by `dialect:user@host:port/db` for sessions opened from a
 * typed URL.
 */
import type { Session } from '../../shell/sessions-context';
import type { DjangoSettings } from './types';

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

/** The Django interpreter and URL variable last used for this connection (environment: none). */
export function recallDjango(session: Session | null): DjangoSettings {
  const none: DjangoSettings = { python: '', databaseUrlVar: '', env: {} };
  if (!session) return none;
  try {
    const stored = JSON.parse(window.localStorage.getItem(`${folderKey(session)}:django`) ?? 'null') as Partial<DjangoSettings> | null;
    return {
      python: typeof stored?.python === 'string' ? stored.python : '',
      databaseUrlVar: typeof stored?.databaseUrlVar === 'string' ? stored.databaseUrlVar : '',
      env: {},
    };
  } catch {
    return none;
  }
}

/** Remembers the interpreter and URL variable for this connection; never the environment. */
export function rememberDjango(session: Session | null, settings: DjangoSettings): void {
  if (!session) return;
  try {
    window.localStorage.setItem(`${folderKey(session)}:django`, JSON.stringify({ python: settings.python, databaseUrlVar: settings.databaseUrlVar }));
  } catch {
    // Not remembering is harmless: the defaults apply next time.
  }
}

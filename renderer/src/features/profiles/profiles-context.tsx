/**
 * Saved connection profiles as the window knows them: the list (reloaded on `profiles.changed`),
 * where passwords are kept, which profile dialog is open, and connecting a profile (or one of
 * its replicas) into a session with a console. The core owns the profiles; this is a view.
 */
import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Environment, Profile, SecretStoreDescription } from '../../../../app/api/calls/profile-schemas';
import type { ApiError } from '../../../../app/api/errors';
import { useClient } from '../../api';
import { useSessions, type Session } from '../../shell/sessions-context';
import { useStatus } from '../../shell/status-context';
import { useWorkspace } from '../../shell/workspace-context';

/** What pre-fills a new profile: text for the paste box, and a password typed elsewhere. */
export interface ProfileSeed {
  text: string;
  password?: string;
}

/** The one profile dialog open at a time, if any. */
export type ProfileDialogState =
  | null
  | { kind: 'edit'; profileId: string | null; seed?: ProfileSeed }
  | { kind: 'export'; profileId: string }
  | { kind: 'delete'; profileId: string }
  | { kind: 'password'; profileId: string; replicaId: string | null; reason: 'none-saved' | 'not-available' };

/** Loading the list: in progress, done, or failed (a corrupt or too-new profile file). */
export type ProfilesLoad = { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; error: ApiError };

/** The state of one Connect button (a profile's primary or one replica). */
export type ConnectState = { kind: 'busy' } | { kind: 'failed'; error: ApiError };

interface ProfilesValue {
  profiles: readonly Profile[];
  load: ProfilesLoad;
  secretStore: SecretStoreDescription | null;
  reload: () => Promise<void>;
  findProfile: (id: string) => Profile | null;
  /** The environment a session belongs to: its profile's current tag, or the tag it had at connect; null for URL sessions. */
  environmentOf: (session: Session | null) => Environment | null;

  dialog: ProfileDialogState;
  openNewProfile: (seed?: ProfileSeed) => void;
  openEditProfile: (id: string) => void;
  openExport: (id: string) => void;
  openDelete: (id: string) => void;
  closeDialog: () => void;

  /** Connect states by `connectKey`. */
  connecting: Readonly<Record<string, ConnectState>>;
  /** Opens a session on the profile's primary or one replica, and a console for it. */
  connect: (profileId: string, replicaId: string | null, password?: string) => Promise<void>;
  dismissConnectError: (key: string) => void;
}

/** The key of one Connect button in `connecting`. */
export const connectKey = (profileId: string, replicaId: string | null): string => (replicaId ? `${profileId}/${replicaId}` : profileId);

const ProfilesContext = createContext<ProfilesValue | null>(null);

/** True when connecting to this target would use no saved password. */
function hasNoSavedPassword(profile: Profile, replicaId: string | null): boolean {
  if (replicaId === null) return profile.secretRef === null;
  const replica = profile.replicas.find((r) => r.id === replicaId);
  // A replica with its own user has only its own password; otherwise it falls back to the primary's.
  if (!replica) return profile.secretRef === null;
  return replica.user !== undefined ? !replica.secretRef : !replica.secretRef && profile.secretRef === null;
}

/** Holds the profiles for the window. */
export function ProfilesProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const { reportError } = useStatus();
  const { addSession } = useSessions();
  const { openConsole } = useWorkspace();
  const [profiles, setProfiles] = useState<readonly Profile[]>([]);
  const [load, setLoad] = useState<ProfilesLoad>({ kind: 'loading' });
  const [secretStore, setSecretStore] = useState<SecretStoreDescription | null>(null);
  const [dialog, setDialog] = useState<ProfileDialogState>(null);
  const [connecting, setConnecting] = useState<Readonly<Record<string, ConnectState>>>({});
  const ticket = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++ticket.current;
    const result = await client.call('profiles.list', {});
    if (mine !== ticket.current) return; // A newer reload answers for the list.
    if (result.ok) {
      setProfiles(result.value.profiles);
      setLoad({ kind: 'ready' });
    } else {
      setLoad({ kind: 'failed', error: result.error });
      // A missing token is already reported by the shell; report only what is about profiles.
      if (result.error.code !== 'UNAUTHORIZED' && result.error.code !== 'FORBIDDEN_ORIGIN') reportError('Load connection profiles', result.error);
    }
  }, [client, reportError]);

  useEffect(() => {
    void reload();
    void client.call('profiles.describeSecretStore', {}).then((result) => {
      if (result.ok) setSecretStore(result.value);
    });
    return client.on('profiles.changed', () => void reload());
  }, [client, reload]);

  const findProfile = useCallback((id: string) => profiles.find((p) => p.id === id) ?? null, [profiles]);

  const environmentOf = useCallback(
    (session: Session | null): Environment | null => {
      if (!session || session.origin.kind !== 'profile') return null;
      const { profileId, environment } = session.origin;
      return profiles.find((p) => p.id === profileId)?.environment ?? environment;
    },
    [profiles],
  );

  const setConnectState = useCallback((key: string, state: ConnectState | null) => {
    setConnecting((all) => {
      const next = { ...all };
      if (state) next[key] = state;
      else delete next[key];
      return next;
    });
  }, []);

  const connect = useCallback(
    async (profileId: string, replicaId: string | null, password?: string) => {
      const profile = profiles.find((p) => p.id === profileId);
      if (!profile) return;
      const key = connectKey(profileId, replicaId);
      if (password === undefined && hasNoSavedPassword(profile, replicaId)) {
        setDialog({ kind: 'password', profileId, replicaId, reason: 'none-saved' });
        return;
      }
      setConnectState(key, { kind: 'busy' });
      const result = await client.call('sessions.open', {
        profileId,
        ...(replicaId ? { replicaId } : {}),
        ...(password ? { password } : {}),
      });
      if (result.ok) {
        setConnectState(key, null);
        const replica = replicaId ? profile.replicas.find((r) => r.id === replicaId) : undefined;
        addSession(result.value.sessionId, result.value.server, {
          kind: 'profile',
          profileId,
          profileName: profile.name,
          environment: profile.environment,
          replicaId,
          replicaName: replica?.name ?? null,
        });
        openConsole(result.value.sessionId);
        return;
      }
      if (result.error.code === 'SECRET_NOT_FOUND' && password === undefined) {
        // The saved password is gone (an in-memory store after a restart): ask for it once.
        setConnectState(key, null);
        setDialog({ kind: 'password', profileId, replicaId, reason: 'not-available' });
        return;
      }
      setConnectState(key, { kind: 'failed', error: result.error });
      reportError(`Connect ${profile.name}`, result.error);
    },
    [client, profiles, addSession, openConsole, reportError, setConnectState],
  );

  const dismissConnectError = useCallback((key: string) => setConnectState(key, null), [setConnectState]);
  const openNewProfile = useCallback((seed?: ProfileSeed) => setDialog(seed ? { kind: 'edit', profileId: null, seed } : { kind: 'edit', profileId: null }), []);
  const openEditProfile = useCallback((id: string) => setDialog({ kind: 'edit', profileId: id }), []);
  const openExport = useCallback((id: string) => setDialog({ kind: 'export', profileId: id }), []);
  const openDelete = useCallback((id: string) => setDialog({ kind: 'delete', profileId: id }), []);
  const closeDialog = useCallback(() => setDialog(null), []);

  const value = useMemo(
    () => ({
      profiles,
      load,
      secretStore,
      reload,
      findProfile,
      environmentOf,
      dialog,
      openNewProfile,
      openEditProfile,
      openExport,
      openDelete,
      closeDialog,
      connecting,
      connect,
      dismissConnectError,
    }),
    [profiles, load, secretStore, reload, findProfile, environmentOf, dialog, openNewProfile, openEditProfile, openExport, openDelete, closeDialog, connecting, connect, dismissConnectError],
  );
  return <ProfilesContext value={value}>{children}</ProfilesContext>;
}

/** The window's profiles and the actions on them. */
export function useProfiles(): ProfilesValue {
  const value = use(ProfilesContext);
  if (!value) throw new Error('useProfiles() used outside <ProfilesProvider>.');
  return value;
}

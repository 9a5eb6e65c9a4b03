/**
 * The saved connections in the sidebar, grouped by environment (production first, in red), each
 * with its engine, host, TLS mode and actions, its replicas, and the sessions open on it.
 */
import { useState } from 'react';
import type { Profile } from '../../../../app/api/calls/profile-schemas';
import { useClient } from '../../api';
import { Button } from '../../components/button';
import { dialectMark, dialectName } from '../../components/dialect-name';
import { ENVIRONMENTS, environmentLabel, type Environment } from '../../components/environment';
import { ErrorBanner } from '../../components/error-banner';
import { EditIcon, LinkIcon, PlusIcon, ReplicaIcon, TrashIcon } from '../../components/icons';
import { SessionItem } from '../../shell/session-item';
import { useSessions, type Session } from '../../shell/sessions-context';
import { connectKey, useProfiles } from './profiles-context';
import { sslModeLevel, sslModeLine, type SslMode } from './ssl-modes';

/** The engine a profile reached last, or the protocol it speaks until it has connected. */
function engineText(profile: Profile): string {
  if (profile.detectedEngine) return dialectName(profile.detectedEngine);
  return profile.dialect === 'postgres' ? 'PostgreSQL' : 'MySQL / MariaDB';
}

/** A chip naming the SSL mode, coloured by how much it protects. */
export function SslModeChip({ mode }: { mode: SslMode }) {
  return (
    <span className={`ssl-chip ssl-chip-${sslModeLevel(mode)}`} title={sslModeLine(mode)} data-testid="ssl-mode-chip" data-mode={mode}>
      {mode}
    </span>
  );
}

function ConnectError({ connectId }: { connectId: string }) {
  const { connecting, dismissConnectError } = useProfiles();
  const state = connecting[connectId];
  if (state?.kind !== 'failed') return null;
  return (
    <div className="profile-error" data-testid="connect-error">
      <ErrorBanner error={state.error} onDismiss={() => dismissConnectError(connectId)} />
    </div>
  );
}

function ProfileItem({ profile, sessions, currentSessionId }: { profile: Profile; sessions: readonly Session[]; currentSessionId: string | null }) {
  const { connect, connecting, openEditProfile, openExport, openDelete } = useProfiles();
  const engine = profile.detectedEngine ?? profile.dialect;
  const busy = connecting[profile.id]?.kind === 'busy';
  return (
    <li className={`profile-item env-${profile.environment}`} data-testid="profile-item" data-profile-id={profile.id} data-environment={profile.environment} aria-label={profile.name}>
      <div className="profile-row">
        <span className={`dialect-mark dialect-${engine}`} aria-hidden="true" title={engineText(profile)}>
          {dialectMark(engine)}
        </span>
        <span className="profile-text">
          <span className="profile-title-line">
            <span className="profile-name" data-testid="profile-name">
              {profile.name}
            </span>
            <SslModeChip mode={profile.ssl.mode} />
          </span>
          <span className="profile-host mono" data-testid="profile-host" title={`${profile.user}@${profile.host}:${profile.port}/${profile.database}`}>
            {profile.host}:{profile.port}
          </span>
          <span className="profile-sub">
            <span data-testid="profile-engine">{engineText(profile)}</span>
            {profile.database ? <span className="dim"> · {profile.database}</span> : null}
          </span>
        </span>
      </div>
      <div className="profile-actions">
        <Button
          variant="primary"
          className="btn-small"
          busy={busy}
          onClick={() => void connect(profile.id, null)}
          aria-label={`Connect to ${profile.name}`}
          title={`Open a session on ${profile.user}@${profile.host}:${profile.port}`}
          data-testid="profile-connect"
        >
          {busy ? 'Connecting…' : 'Connect'}
        </Button>
        <span className="toolbar-spacer" />
        <button type="button" className="icon-button" onClick={() => openEditProfile(profile.id)} aria-label={`Edit ${profile.name}`} title="Edit" data-testid="profile-edit">
          <EditIcon />
        </button>
        <button type="button" className="icon-button" onClick={() => openExport(profile.id)} aria-label={`Export ${profile.name} as a URL`} title="Export URL" data-testid="profile-export">
          <LinkIcon />
        </button>
        <button type="button" className="icon-button icon-danger" onClick={() => openDelete(profile.id)} aria-label={`Delete ${profile.name}`} title="Delete" data-testid="profile-delete">
          <TrashIcon />
        </button>
      </div>
      <ConnectError connectId={profile.id} />
      {profile.replicas.length > 0 ? (
        <ul className="replica-list" aria-label={`Replicas of ${profile.name}`}>
          {profile.replicas.map((replica) => {
            const key = connectKey(profile.id, replica.id);
            const replicaBusy = connecting[key]?.kind === 'busy';
            return (
              <li key={replica.id} className="replica-item" data-testid="replica-item" data-replica-id={replica.id}>
                <div className="replica-line">
                  <ReplicaIcon className="replica-icon" />
                  <span className="replica-text">
                    <span className="replica-name">{replica.name}</span>
                    <span className="replica-host mono">
                      {replica.host}:{replica.port}
                    </span>
                  </span>
                  <Button
                    className="btn-small"
                    busy={replicaBusy}
                    onClick={() => void connect(profile.id, replica.id)}
                    aria-label={`Connect to replica ${replica.name} of ${profile.name}`}
                    title="Open a read-only session on this replica"
                    data-testid="replica-connect"
                  >
                    Connect
                  </Button>
                </div>
                <ConnectError connectId={key} />
              </li>
            );
          })}
        </ul>
      ) : null}
      {sessions.length > 0 ? (
        <ul className="session-list profile-sessions" aria-label={`Sessions on ${profile.name}`}>
          {sessions.map((s) => (
            <SessionItem key={s.sessionId} session={s} current={s.sessionId === currentSessionId} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function EnvironmentGroup({ environment, profiles, sessions, currentSessionId }: { environment: Environment; profiles: readonly Profile[]; sessions: readonly Session[]; currentSessionId: string | null }) {
  return (
    <section className={`env-group env-group-${environment}`} data-testid={`env-group-${environment}`} aria-label={`${environmentLabel(environment)} connections`}>
      <h3 className="env-group-head">
        <span className="env-dot" aria-hidden="true" />
        {environmentLabel(environment)}
        <span className="env-count">{profiles.length}</span>
      </h3>
      <ul className="profile-list">
        {profiles.map((p) => (
          <ProfileItem key={p.id} profile={p} sessions={sessions.filter((s) => s.origin.kind === 'profile' && s.origin.profileId === p.id)} currentSessionId={currentSessionId} />
        ))}
      </ul>
    </section>
  );
}

/** Errors about the profile file itself; anything else (no token, core gone) is the shell's to show. */
const STORE_CODES = new Set(['PROFILE_STORE_CORRUPT', 'PROFILE_STORE_TOO_NEW']);

/** Shown when the profiles cannot be loaded: for a bad profile file the error and the way out that keeps the file. */
function StoreFailure() {
  const client = useClient();
  const { load, reload } = useProfiles();
  const [moved, setMoved] = useState<string | null>(null);
  if (load.kind !== 'failed') return null;
  const setAside = async () => {
    const result = await client.call('profiles.setAsideStore', {});
    if (result.ok) setMoved(result.value.movedTo);
    await reload();
  };
  if (!STORE_CODES.has(load.error.code)) {
    return (
      <p className="sidebar-empty profiles-unavailable" data-testid="profiles-load-error" data-error-code={load.error.code}>
        Saved connections could not be loaded (<code>{load.error.code}</code>).{' '}
        <button type="button" className="link-button" onClick={() => void reload()}>
          Retry
        </button>
      </p>
    );
  }
  return (
    <div className="profile-error" data-testid="profiles-load-error" data-error-code={load.error.code}>
      <ErrorBanner error={load.error} />
      {load.error.code === 'PROFILE_STORE_CORRUPT' ? (
        <Button className="btn-small" onClick={() => void setAside()}>
          Set the file aside and start empty
        </Button>
      ) : null}
      {moved ? <p className="dim">Moved to {moved}</p> : null}
    </div>
  );
}

/** The profiles part of the sidebar. */
export function ProfilesPanel({ currentSessionId }: { currentSessionId: string | null }) {
  const { profiles, load, openNewProfile } = useProfiles();
  const { sessions } = useSessions();
  const shortcut = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘N' : 'Ctrl+N';
  return (
    <div className="profiles-panel" data-testid="profiles-panel">
      <div className="sidebar-section-head">
        <span>Connections</span>
        <button type="button" className="icon-button" onClick={() => openNewProfile()} aria-label={`New profile (${shortcut})`} title={`New profile (${shortcut})`} data-testid="new-profile">
          <PlusIcon />
        </button>
      </div>
      <StoreFailure />
      {load.kind === 'ready' && profiles.length === 0 ? (
        <div className="sidebar-empty profiles-empty">
          <p>No saved connections yet.</p>
          <Button className="btn-small" icon={<PlusIcon />} onClick={() => openNewProfile()} data-testid="new-profile-empty">
            New profile <kbd>{shortcut}</kbd>
          </Button>
        </div>
      ) : null}
      {ENVIRONMENTS.map((env) => {
        const group = profiles.filter((p) => p.environment === env);
        return group.length > 0 ? <EnvironmentGroup key={env} environment={env} profiles={group} sessions={sessions} currentSessionId={currentSessionId} /> : null;
      })}
    </div>
  );
}

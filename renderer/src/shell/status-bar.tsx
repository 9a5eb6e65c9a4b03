/** The bottom line: which door, which session, which TLS, and the last thing that went wrong. */
import { useClient } from '../api';
import { EnvironmentChip } from '../components/environment';
import { useProfiles } from '../features/profiles/profiles-context';
import { sessionLabel, type Session } from './sessions-context';
import { useStatus } from './status-context';
import type { AppInfoState } from './use-app-info';

/** The status bar for the window. */
export function StatusBar({ session, appInfo }: { session: Session | null; appInfo: AppInfoState }) {
  const client = useClient();
  const { lastError, clearError } = useStatus();
  const { environmentOf } = useProfiles();
  const tls = session?.server.tls ?? null;
  const environment = environmentOf(session);
  const origin = session?.origin.kind === 'profile' ? session.origin : null;
  return (
    <footer className={`status-bar${environment ? ` status-bar-${environment}` : ''}`} aria-label="Status">
      <span className={`status-item status-door door-${client.door}`} data-testid="status-door" title={client.door === 'ipc' ? 'Desktop app (IPC)' : 'Browser (HTTP on loopback)'}>
        {client.door.toUpperCase()}
      </span>
      {appInfo.kind === 'ready' ? <span className="status-item dim">Sluice {appInfo.info.version}</span> : null}
      {environment && origin ? (
        <span className={`status-item status-env status-env-${environment}`} data-testid="status-environment" data-environment={environment}>
          <EnvironmentChip environment={environment} short />
          <span className="status-profile">
            {origin.profileName}
            {origin.replicaName ? ` · ${origin.replicaName}` : ''}
          </span>
        </span>
      ) : null}
      <span className="status-item mono" data-testid="status-session">
        {session ? sessionLabel(session.server) : <span className="dim">no session</span>}
      </span>
      {session ? (
        <span className={`status-item ${tls ? '' : 'fact-bad'}`} data-testid="status-tls">
          {tls ? `${tls.protocol}${tls.caVerified && tls.hostnameVerified ? ' · verified' : ' · not fully verified'}` : 'no TLS'}
        </span>
      ) : null}
      <span className="status-spacer" />
      {lastError ? (
        <button
          type="button"
          className="status-item status-error"
          data-testid="status-last-error"
          title={`${lastError.source} failed at ${lastError.at.toLocaleTimeString()}: ${lastError.error.message}${lastError.error.hint ? `\n${lastError.error.hint}` : ''}\nClick to clear.`}
          onClick={clearError}
        >
          <span className="status-error-code">{lastError.error.code}</span> {lastError.error.message}
        </button>
      ) : null}
    </footer>
  );
}

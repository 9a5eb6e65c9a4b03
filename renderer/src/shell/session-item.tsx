/**
 * One open session in the sidebar: where it points, what TLS proved, and its role (primary, or
 * replica with live lag). Used under a profile and in the list of URL sessions alike.
 */
import { dialectMark, dialectName } from '../components/dialect-name';
import { CloseIcon } from '../components/icons';
import { RoleBadge } from '../components/role-badge';
import { TlsBadge } from '../components/tls-badge';
import { useSessions, type Session } from './sessions-context';
import { useStatus } from './status-context';
import { useHostRole } from './use-host-role';
import { useWorkspace } from './workspace-context';

function TlsFacts({ session }: { session: Session }) {
  const tls = session.server.tls;
  if (!tls) return null;
  return (
    <ul className="tls-facts" data-testid="tls-facts" aria-label="TLS facts">
      <li className={tls.caVerified ? 'fact-ok' : 'fact-bad'}>{tls.caVerified ? '✓ CA verified' : '✗ CA not verified'}</li>
      <li className={tls.hostnameVerified ? 'fact-ok' : 'fact-bad'}>{tls.hostnameVerified ? '✓ host name verified' : '✗ host name not verified'}</li>
    </ul>
  );
}

/** A session row; `current` when its tab is in front. */
export function SessionItem({ session, current }: { session: Session; current: boolean }) {
  const { closeSession } = useSessions();
  const { focusSession, closeSessionTabs } = useWorkspace();
  const { reportError } = useStatus();
  const { server, origin } = session;
  const role = useHostRole(session.sessionId, session.state.kind === 'open');
  const replicaName = origin.kind === 'profile' ? origin.replicaName : null;
  const close = async () => {
    closeSessionTabs(session.sessionId);
    const error = await closeSession(session.sessionId);
    if (error) reportError('Close session', error);
  };
  return (
    <li
      className={`session-item${current ? ' session-current' : ''}${session.state.kind === 'lost' ? ' session-lost' : ''}`}
      data-testid="session-item"
      data-dialect={server.dialect}
      data-session-id={session.sessionId}
      data-replica={replicaName !== null || undefined}
      aria-current={current || undefined}
    >
      <button type="button" className="session-main" onClick={() => focusSession(session.sessionId)} title={`Open a console on ${server.user}@${server.host}:${server.port}/${server.database}`}>
        <span className={`dialect-mark dialect-${server.dialect}`} aria-hidden="true">
          {dialectMark(server.dialect)}
        </span>
        <span className="session-text">
          <span className="session-title mono">
            {server.host}:{server.port}
          </span>
          <span className="session-sub">
            {replicaName !== null ? <span className="session-replica">{replicaName} · </span> : null}
            {server.database} <span className="dim">as</span> {server.user}
          </span>
        </span>
      </button>
      <button type="button" className="session-close" aria-label={`Close session ${server.host}:${server.port}`} onClick={() => void close()}>
        <CloseIcon width={12} height={12} />
      </button>
      <div className="session-details">
        <span className="session-version" data-testid="server-version" title={server.serverVersion}>
          {dialectName(server.dialect)} {server.serverVersion}
        </span>
        <TlsBadge tls={server.tls} />
        {role ? <RoleBadge role={role} /> : null}
        <TlsFacts session={session} />
        {session.state.kind === 'lost' ? <span className="fact-bad">Connection lost ({session.state.code})</span> : null}
        {server.warnings.map((w) => (
          <span key={w} className="session-warning">
            {w}
          </span>
        ))}
      </div>
    </li>
  );
}

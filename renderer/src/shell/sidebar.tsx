/** The left rail: the sessions open in this window, each with where it points and what TLS proved. */
import { dialectMark, dialectName } from '../components/dialect-name';
import { RoleBadge } from '../components/role-badge';
import { CloseIcon, PlusIcon } from '../components/icons';
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

function SessionItem({ session, current }: { session: Session; current: boolean }) {
  const { closeSession } = useSessions();
  const { focusSession, closeSessionTabs } = useWorkspace();
  const { reportError } = useStatus();
  const { server } = session;
  const role = useHostRole(session.sessionId, session.state.kind === 'open');
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

/** The sidebar; `currentSessionId` is the session of the tab in front. */
export function Sidebar({ currentSessionId }: { currentSessionId: string | null }) {
  const { sessions } = useSessions();
  const { openConnect } = useWorkspace();
  return (
    <aside className="sidebar" aria-label="Connections">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">≋</span> Sluice
      </div>
      <div className="sidebar-section-head">
        <span>Sessions</span>
        <button type="button" className="icon-button" onClick={openConnect} aria-label="New connection" title="New connection" data-testid="new-connection">
          <PlusIcon />
        </button>
      </div>
      {sessions.length === 0 ? (
        <p className="sidebar-empty">No open sessions. Connect to a database to start.</p>
      ) : (
        <ul className="session-list" data-testid="session-list">
          {sessions.map((s) => (
            <SessionItem key={s.sessionId} session={s} current={s.sessionId === currentSessionId} />
          ))}
        </ul>
      )}
    </aside>
  );
}

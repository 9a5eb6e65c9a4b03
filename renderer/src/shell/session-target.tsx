/** The session a tab works on, as its toolbar shows it, and the notice when its connection dropped. */
import { EnvironmentChip, type Environment } from '../components/environment';
import { TlsBadge } from '../components/tls-badge';
import { sessionLabel, type Session } from './sessions-context';

/** Environment chip (when known), user@host/database and the TLS badge; "Session closed" once it is gone. */
export function SessionTarget({ session, environment }: { session: Session | null | undefined; environment?: Environment | null }) {
  if (!session) return <span className="fact-bad">Session closed</span>;
  return (
    <>
      {environment ? <EnvironmentChip environment={environment} short /> : null}
      <span className="console-target mono" title={session.server.serverVersion}>
        {sessionLabel(session.server)}
      </span>
      <TlsBadge tls={session.server.tls} />
    </>
  );
}

/** Says the connection dropped and what will reconnect it; nothing while the session is fine. */
export function SessionLostNotice({ session, reconnectsOn }: { session: Session | null | undefined; reconnectsOn: string }) {
  if (session?.state.kind !== 'lost') return null;
  return (
    <div className="console-lost" role="status">
      The connection for this session was lost ({session.state.code}). Sluice reconnects {reconnectsOn}.
    </div>
  );
}

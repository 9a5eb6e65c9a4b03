/**
 * The left rail: saved connections grouped by environment (with their sessions), then the
 * sessions opened from a typed URL (or whose profile has since been deleted).
 */
import { PlugIcon } from '../components/icons';
import { ProfilesPanel } from '../features/profiles/profiles-panel';
import { useProfiles } from '../features/profiles/profiles-context';
import { SessionItem } from './session-item';
import { useSessions } from './sessions-context';
import { useWorkspace } from './workspace-context';

/** The sidebar; `currentSessionId` is the session of the tab in front. */
export function Sidebar({ currentSessionId }: { currentSessionId: string | null }) {
  const { sessions } = useSessions();
  const { findProfile } = useProfiles();
  const { openConnect } = useWorkspace();
  // Sessions shown under a profile are not repeated here.
  const loose = sessions.filter((s) => s.origin.kind !== 'profile' || findProfile(s.origin.profileId) === null);
  return (
    <aside className="sidebar" aria-label="Connections">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">≋</span> Sluice
      </div>
      <ProfilesPanel currentSessionId={currentSessionId} />
      <div className="sidebar-section-head">
        <span>Sessions by URL</span>
        <button type="button" className="icon-button" onClick={openConnect} aria-label="Quick connect by URL" title="Quick connect by URL" data-testid="new-connection">
          <PlugIcon />
        </button>
      </div>
      {loose.length === 0 ? (
        <p className="sidebar-empty">None open. Connect by URL without saving a profile.</p>
      ) : (
        <ul className="session-list" data-testid="session-list">
          {loose.map((s) => (
            <SessionItem key={s.sessionId} session={s} current={s.sessionId === currentSessionId} />
          ))}
        </ul>
      )}
    </aside>
  );
}

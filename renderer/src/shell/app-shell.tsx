/** The window's layout: sidebar, tab strip and work area, status bar, and the profile dialogs. */
import { Button } from '../components/button';
import { ErrorBanner } from '../components/error-banner';
import { ProfileDialogs } from '../features/profiles/profile-dialogs';
import { useProfiles } from '../features/profiles/profiles-context';
import { EnvironmentBanner } from './environment-banner';
import { panelId, TabStrip } from './tab-strip';
import { useSessions } from './sessions-context';
import { tabSessionId } from './tab';
import { viewOf } from './tab-views';
import { useAppInfo } from './use-app-info';
import { useWorkspace } from './workspace-context';
import { Sidebar } from './sidebar';
import { StatusBar } from './status-bar';

/** Lays out the shell; every open tab stays mounted so its editor and results survive a switch. */
export function AppShell() {
  const { tabs, activeTab, openConnect } = useWorkspace();
  const { findSession } = useSessions();
  const { environmentOf, openNewProfile } = useProfiles();
  const appInfo = useAppInfo();
  const currentSession = findSession(tabSessionId(activeTab));
  const environment = environmentOf(currentSession);
  return (
    <div className={`app-shell${environment ? ` app-env-${environment}` : ''}`}>
      <Sidebar currentSessionId={currentSession?.sessionId ?? null} />
      <main className={`workspace${environment ? ` workspace-env-${environment}` : ''}`} data-environment={environment ?? undefined} data-testid="workspace">
        {appInfo.kind === 'failed' ? (
          <div className="workspace-alert">
            <ErrorBanner error={appInfo.error} />
          </div>
        ) : null}
        <TabStrip currentSessionId={currentSession?.sessionId ?? null} />
        <div className="tab-panels">
          {tabs.map((tab) => {
            const { Body } = viewOf(tab);
            return (
              <section key={tab.id} id={panelId(tab)} role="tabpanel" aria-labelledby={`tab-${tab.id}`} className="tab-panel" hidden={tab.id !== activeTab?.id}>
                <EnvironmentBanner session={findSession(tabSessionId(tab))} />
                <Body tab={tab} />
              </section>
            );
          })}
          {tabs.length === 0 ? (
            <div className="workspace-empty">
              <p className="dim">Nothing open.</p>
              <div className="workspace-empty-actions">
                <Button variant="primary" onClick={() => openNewProfile()}>
                  New profile
                </Button>
                <Button onClick={openConnect}>Connect by URL</Button>
              </div>
            </div>
          ) : null}
        </div>
      </main>
      <StatusBar session={currentSession} appInfo={appInfo} />
      <ProfileDialogs />
    </div>
  );
}

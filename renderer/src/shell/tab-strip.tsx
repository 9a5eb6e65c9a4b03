/** The strip of work tabs, with keyboard-reachable close buttons and a "+" for a new console. */
import type { KeyboardEvent } from 'react';
import { CloseIcon, PlusIcon, ShieldIcon } from '../components/icons';
import { useProfiles } from '../features/profiles/profiles-context';
import { useSessions } from './sessions-context';
import { tabSessionId, type Tab } from './tab';
import { viewOf } from './tab-views';
import { useWorkspace } from './workspace-context';

/** The DOM id of a tab's panel, for aria-controls. */
export const panelId = (tab: Tab): string => `panel-${tab.id}`;

/** The tab strip over the work area. */
export function TabStrip({ currentSessionId }: { currentSessionId: string | null }) {
  const { tabs, activeTab, activate, close, openConsole, openConnect } = useWorkspace();
  const { findSession } = useSessions();
  const { environmentOf } = useProfiles();

  // Roving focus: only the front tab is in the Tab order; arrows, Home and End move between tabs.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.id === activeTab?.id);
    const target =
      event.key === 'ArrowRight' ? tabs[(index + 1) % tabs.length]
      : event.key === 'ArrowLeft' ? tabs[(index - 1 + tabs.length) % tabs.length]
      : event.key === 'Home' ? tabs[0]
      : event.key === 'End' ? tabs[tabs.length - 1]
      : undefined;
    if (!target || !(event.target instanceof HTMLElement) || event.target.getAttribute('role') !== 'tab') return;
    event.preventDefault();
    activate(target.id);
    document.getElementById(`tab-${target.id}`)?.focus();
  };

  return (
    <div className="tab-strip">
      <div className="tab-list" role="tablist" aria-label="Work tabs" onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const view = viewOf(tab);
          const session = findSession(tabSessionId(tab));
          const title = view.title(tab, session);
          const selected = tab.id === activeTab?.id;
          const environment = environmentOf(session);
          return (
            <div
              key={tab.id}
              className={`tab${selected ? ' tab-active' : ''}${environment ? ` tab-env-${environment}` : ''}`}
              data-testid={`tab-${tab.kind}`}
              data-environment={environment ?? undefined}
            >
              <button
                type="button"
                role="tab"
                id={`tab-${tab.id}`}
                aria-selected={selected}
                aria-controls={panelId(tab)}
                tabIndex={selected ? 0 : -1}
                className="tab-button"
                onClick={() => activate(tab.id)}
                title={title}
              >
                <span className="tab-icon">{environment === 'production' ? <ShieldIcon /> : view.icon}</span>
                {environment === 'production' ? <span className="visually-hidden">Production: </span> : null}
                <span className="tab-title">{title}</span>
              </button>
              <button type="button" className="tab-close" aria-label={`Close ${title}`} onClick={() => close(tab.id)}>
                <CloseIcon width={12} height={12} />
              </button>
            </div>
          );
        })}
      </div>
      <button
        type="button"
        className="tab-new"
        aria-label={currentSessionId ? 'New console' : 'New connection'}
        title={currentSessionId ? 'New console for the current session' : 'New connection'}
        onClick={() => (currentSessionId ? openConsole(currentSessionId) : openConnect())}
        data-testid="tab-new"
      >
        <PlusIcon />
      </button>
    </div>
  );
}

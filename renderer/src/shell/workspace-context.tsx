/** The open work tabs and which one is in front. Tab contents keep their own state. */
import { createContext, use, useCallback, useMemo, useReducer, type ReactNode } from 'react';
import { newTabId, tabSessionId, type ConsoleTab, type Tab } from './tab';

interface WorkspaceState {
  tabs: readonly Tab[];
  activeId: string | null;
}

type WorkspaceAction =
  | { type: 'open'; tab: Tab }
  | { type: 'replace'; id: string; tab: Tab }
  | { type: 'close'; id: string }
  | { type: 'activate'; id: string }
  | { type: 'closeWhere'; test: (tab: Tab) => boolean };

function withoutTabs(state: WorkspaceState, drop: (tab: Tab) => boolean): WorkspaceState {
  const index = state.tabs.findIndex((t) => t.id === state.activeId);
  const tabs = state.tabs.filter((t) => !drop(t));
  if (tabs.some((t) => t.id === state.activeId)) return { tabs, activeId: state.activeId };
  // The front tab went away: bring forward its nearest surviving neighbour.
  const neighbour = tabs[Math.min(Math.max(index, 0), tabs.length - 1)] ?? null;
  return { tabs, activeId: neighbour?.id ?? null };
}

function reduce(state: WorkspaceState, action: WorkspaceAction): WorkspaceState {
  switch (action.type) {
    case 'open':
      return { tabs: [...state.tabs, action.tab], activeId: action.tab.id };
    case 'replace':
      return {
        tabs: state.tabs.map((t) => (t.id === action.id ? action.tab : t)),
        activeId: state.activeId === action.id ? action.tab.id : state.activeId,
      };
    case 'close':
      return withoutTabs(state, (t) => t.id === action.id);
    case 'closeWhere':
      return withoutTabs(state, action.test);
    case 'activate':
      return state.tabs.some((t) => t.id === action.id) ? { ...state, activeId: action.id } : state;
  }
}

interface WorkspaceValue {
  tabs: readonly Tab[];
  activeTab: Tab | null;
  activate: (id: string) => void;
  close: (id: string) => void;
  /** Opens a connect form, or brings an open one forward. */
  openConnect: () => void;
  /** Opens a new console for a session; `replacing` swaps it in for an existing tab (the connect form). */
  openConsole: (sessionId: string, replacing?: string) => void;
  /** Brings the session's first console forward, or opens one. */
  focusSession: (sessionId: string) => void;
  /** Brings the session's Migrations tab forward, or opens one. */
  openMigrations: (sessionId: string) => void;
  /** Closes every tab bound to a session. */
  closeSessionTabs: (sessionId: string) => void;
}

const WorkspaceContext = createContext<WorkspaceValue | null>(null);

/** A new window starts on the connect form. */
function initialState(): WorkspaceState {
  const first: Tab = { kind: 'connect', id: newTabId() };
  return { tabs: [first], activeId: first.id };
}

/** Holds the tab strip's state. */
export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(reduce, undefined, initialState);

  const activate = useCallback((id: string) => dispatch({ type: 'activate', id }), []);
  const close = useCallback((id: string) => dispatch({ type: 'close', id }), []);

  const openConnect = useCallback(() => {
    const existing = state.tabs.find((t) => t.kind === 'connect');
    dispatch(existing ? { type: 'activate', id: existing.id } : { type: 'open', tab: { kind: 'connect', id: newTabId() } });
  }, [state.tabs]);

  const openConsole = useCallback(
    (sessionId: string, replacing?: string) => {
      const ordinal = 1 + Math.max(0, ...state.tabs.filter((t): t is ConsoleTab => t.kind === 'console' && t.sessionId === sessionId).map((t) => t.ordinal));
      const tab: ConsoleTab = { kind: 'console', id: newTabId(), sessionId, ordinal };
      dispatch(replacing ? { type: 'replace', id: replacing, tab } : { type: 'open', tab });
    },
    [state.tabs],
  );

  const focusSession = useCallback(
    (sessionId: string) => {
      const active = state.tabs.find((t) => t.id === state.activeId);
      if (active?.kind === 'console' && active.sessionId === sessionId) return;
      const existing = state.tabs.find((t) => t.kind === 'console' && t.sessionId === sessionId);
      if (existing) dispatch({ type: 'activate', id: existing.id });
      else openConsole(sessionId);
    },
    [state.tabs, state.activeId, openConsole],
  );

  const openMigrations = useCallback(
    (sessionId: string) => {
      const existing = state.tabs.find((t) => t.kind === 'migrations' && t.sessionId === sessionId);
      dispatch(existing ? { type: 'activate', id: existing.id } : { type: 'open', tab: { kind: 'migrations', id: newTabId(), sessionId } });
    },
    [state.tabs],
  );

  const closeSessionTabs = useCallback((sessionId: string) => dispatch({ type: 'closeWhere', test: (t) => tabSessionId(t) === sessionId }), []);

  const activeTab = state.tabs.find((t) => t.id === state.activeId) ?? null;
  const value = useMemo(
    () => ({ tabs: state.tabs, activeTab, activate, close, openConnect, openConsole, focusSession, openMigrations, closeSessionTabs }),
    [state.tabs, activeTab, activate, close, openConnect, openConsole, focusSession, openMigrations, closeSessionTabs],
  );
  return <WorkspaceContext value={value}>{children}</WorkspaceContext>;
}

/** The tab strip's state and actions. */
export function useWorkspace(): WorkspaceValue {
  const value = use(WorkspaceContext);
  if (!value) throw new Error('useWorkspace() used outside <WorkspaceProvider>.');
  return value;
}

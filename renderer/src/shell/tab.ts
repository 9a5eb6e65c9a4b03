/**
 * The kinds of work tab. A new kind (Migrations, Schema, JSON…) is one more member here and
 * one more entry in tab-views.tsx; the strip, the workspace and the status bar need no change.
 */

/** A tab that holds the connect form. */
export interface ConnectTab {
  kind: 'connect';
  id: string;
}

/** A SQL console bound to one session. */
export interface ConsoleTab {
  kind: 'console';
  id: string;
  sessionId: string;
  /** 1 for the first console of a session, 2 for the next… used in the title. */
  ordinal: number;
}

/** The Migrations view of one session: its linked folder, status, runs. */
export interface MigrationsTab {
  kind: 'migrations';
  id: string;
  sessionId: string;
}

/** Any work tab. */
export type Tab = ConnectTab | ConsoleTab | MigrationsTab;

/** A tab's kind name. */
export type TabKind = Tab['kind'];

/** The tab of one kind. */
export type TabOf<K extends TabKind> = Extract<Tab, { kind: K }>;

/** The session a tab works in, if any; the status bar and sidebar follow it. */
export function tabSessionId(tab: Tab | null): string | null {
  return tab && 'sessionId' in tab ? tab.sessionId : null;
}

let nextTabNumber = 1;

/** A fresh id for a new tab in this window. */
export function newTabId(): string {
  return `tab-${nextTabNumber++}`;
}

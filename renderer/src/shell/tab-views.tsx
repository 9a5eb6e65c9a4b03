/**
 * How each tab kind looks: its title, icon and body. Adding a kind (Migrations, Schema, JSON)
 * means adding its member to tab.ts and its entry here; the compiler lists any kind left out.
 */
import type { ComponentType, ReactNode } from 'react';
import { ConsoleIcon, PlugIcon } from '../components/icons';
import { ConnectTabView } from '../features/connect/connect-tab';
import { ConsoleTabView } from '../features/console/console-tab';
import { MigrationsIcon } from '../features/migrations/migrations-icon';
import { MigrationsTabView } from '../features/migrations/migrations-tab';
import type { Session } from './sessions-context';
import type { Tab, TabKind, TabOf } from './tab';

/** What the shell needs to show one kind of tab. */
export interface TabView<K extends TabKind> {
  title: (tab: TabOf<K>, session: Session | null) => string;
  icon: ReactNode;
  Body: ComponentType<{ tab: TabOf<K> }>;
}

/** Where a session points, for tab titles: the profile (and replica) name, or db@host:port. */
function sessionWhere(session: Session | null): string {
  if (!session) return 'closed';
  if (session.origin.kind === 'profile') return `${session.origin.profileName}${session.origin.replicaName ? ` (${session.origin.replicaName})` : ''}`;
  return `${session.server.database}@${session.server.host}:${session.server.port}`;
}

/** One entry per tab kind. */
export const TAB_VIEWS: { [K in TabKind]: TabView<K> } = {
  connect: {
    title: () => 'Connect by URL',
    icon: <PlugIcon />,
    Body: ConnectTabView,
  },
  console: {
    title: (tab, session) => {
      const where = sessionWhere(session);
      return tab.ordinal > 1 ? `Console ${tab.ordinal} · ${where}` : `Console · ${where}`;
    },
    icon: <ConsoleIcon />,
    Body: ConsoleTabView,
  },
  migrations: {
    title: (_tab, session) => `Migrations · ${sessionWhere(session)}`,
    icon: <MigrationsIcon />,
    Body: MigrationsTabView,
  },
};

/** The view entry for a tab. TypeScript cannot correlate `tab.kind` with the entry it picks; the mapped type above guarantees they match. */
export function viewOf(tab: Tab): TabView<TabKind> {
  return TAB_VIEWS[tab.kind] as unknown as TabView<TabKind>;
}

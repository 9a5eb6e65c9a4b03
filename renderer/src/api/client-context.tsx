/** Hands the one client to every component without a module-level singleton. */
import { createContext, use, type ReactNode } from 'react';
import type { SluiceClient } from './client';

const ClientContext = createContext<SluiceClient | null>(null);

/** Provides the client chosen at startup to the tree below. */
export function ClientProvider({ client, children }: { client: SluiceClient; children: ReactNode }) {
  return <ClientContext value={client}>{children}</ClientContext>;
}

/** The client for the current window. */
export function useClient(): SluiceClient {
  const client = use(ClientContext);
  if (!client) throw new Error('useClient() used outside <ClientProvider>.');
  return client;
}

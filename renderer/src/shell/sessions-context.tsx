/**
 * The sessions opened in this window. The core owns the real connections; this keeps the
 * facts the sidebar shows and listens for `session.lost` so a dropped session is marked.
 */
import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Environment } from '../../../app/api/calls/profile-schemas';
import type { ServerReport } from '../../../app/api/contract';
import type { ApiError } from '../../../app/api/errors';
import { useClient } from '../api';

/** Whether a session can still run statements. */
export type SessionState = { kind: 'open' } | { kind: 'lost'; code: string };

/**
 * Where a session came from: a URL typed in the connect form, or a saved profile (its primary
 * or one of its replicas). The profile's name and environment are kept as they were at connect
 * time, so the session stays labelled and guarded even if the profile is later deleted.
 */
export type SessionOrigin =
  | { kind: 'url' }
  | { kind: 'profile'; profileId: string; profileName: string; environment: Environment; replicaId: string | null; replicaName: string | null };

/** A session as the window knows it. */
export interface Session {
  sessionId: string;
  server: ServerReport;
  origin: SessionOrigin;
  openedAt: Date;
  state: SessionState;
}

interface SessionsValue {
  sessions: readonly Session[];
  /** Records a session the core just opened. */
  addSession: (sessionId: string, server: ServerReport, origin?: SessionOrigin) => void;
  /** Asks the core to close a session and forgets it; returns the error if the core refused. */
  closeSession: (sessionId: string) => Promise<ApiError | null>;
  findSession: (sessionId: string | null) => Session | null;
}

const SessionsContext = createContext<SessionsValue | null>(null);

/** Keeps the window's sessions. */
export function SessionsProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [sessions, setSessions] = useState<readonly Session[]>([]);

  useEffect(() => {
    const setState = (sessionId: string, state: SessionState) => setSessions((all) => all.map((s) => (s.sessionId === sessionId ? { ...s, state } : s)));
    const offLost = client.on('session.lost', ({ sessionId, code }) => setState(sessionId, { kind: 'lost', code }));
    const offRestored = client.on('session.restored', ({ sessionId }) => setState(sessionId, { kind: 'open' }));
    return () => {
      offLost();
      offRestored();
    };
  }, [client]);

  const addSession = useCallback((sessionId: string, server: ServerReport, origin: SessionOrigin = { kind: 'url' }) => {
    setSessions((all) => [...all.filter((s) => s.sessionId !== sessionId), { sessionId, server, origin, openedAt: new Date(), state: { kind: 'open' } }]);
  }, []);

  const closeSession = useCallback(
    async (sessionId: string) => {
      const result = await client.call('sessions.close', { sessionId });
      // A session the core no longer knows is as closed as it gets; forget it either way.
      setSessions((all) => all.filter((s) => s.sessionId !== sessionId));
      return result.ok || result.error.code === 'SESSION_NOT_FOUND' ? null : result.error;
    },
    [client],
  );

  const findSession = useCallback((sessionId: string | null) => sessions.find((s) => s.sessionId === sessionId) ?? null, [sessions]);

  const value = useMemo(() => ({ sessions, addSession, closeSession, findSession }), [sessions, addSession, closeSession, findSession]);
  return <SessionsContext value={value}>{children}</SessionsContext>;
}

/** The window's sessions and the actions on them. */
export function useSessions(): SessionsValue {
  const value = use(SessionsContext);
  if (!value) throw new Error('useSessions() used outside <SessionsProvider>.');
  return value;
}

/** `user@host:port/db`, the way a session is named everywhere in the UI. */
export function sessionLabel(server: ServerReport): string {
  return `${server.user}@${server.host}:${server.port}/${server.database}`;
}

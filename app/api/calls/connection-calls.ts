/** connections.* and sessions.* calls: reach a server, keep a session open. */
import { z } from 'zod';
import { HostRole, ServerReport, SessionId } from './shared';

const connectionTarget = z.object({
  /** A postgres://, postgresql://, mysql:// or mariadb:// URL, with SSL parameters. */
  url: z.string().min(1).max(4096),
  /** The password, when it is not in the URL; never echoed back. */
  password: z.string().max(1024).optional(),
  /** Ask the server for a read-only session (always on for replicas), so writes are refused by the server itself. */
  readOnly: z.boolean().optional(),
});

/** Calls in the connections domain. */
export const connectionCalls = {
  'connections.check': { input: connectionTarget.strict(), doc: 'Connect once, report server and TLS facts, disconnect.' },
  'sessions.open': { input: connectionTarget.strict(), doc: 'Open a session to run statements in.' },
  'sessions.close': { input: z.object({ sessionId: SessionId }).strict(), doc: 'Close a session.' },
  'sessions.role': { input: z.object({ sessionId: SessionId }).strict(), doc: 'Primary or replica, replication lag, read-only; polled for live lag badges.' },
} as const;

/** What connection calls return. */
export interface ConnectionOutputs {
  'connections.check': ServerReport;
  'sessions.open': { sessionId: string; server: ServerReport };
  'sessions.close': { closed: true };
  'sessions.role': HostRole;
}

/** Events in the connections domain. */
export const connectionEvents = {
  'session.lost': z.object({ sessionId: SessionId, code: z.string() }),
} as const;

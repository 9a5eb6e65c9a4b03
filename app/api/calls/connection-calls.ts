/** connections.* and sessions.* calls: reach a server, keep a session open. */
import { z } from 'zod';
import { ServerReport, SessionId } from './shared';

const connectionTarget = z.object({
  /** A postgres://, postgresql://, mysql:// or mariadb:// URL, with SSL parameters. */
  url: z.string().min(1).max(4096),
  /** The password, when it is not in the URL; never echoed back. */
  password: z.string().max(1024).optional(),
});

/** Calls in the connections domain. */
export const connectionCalls = {
  'connections.check': { input: connectionTarget.strict(), doc: 'Connect once, report server and TLS facts, disconnect.' },
  'sessions.open': { input: connectionTarget.strict(), doc: 'Open a session to run statements in.' },
  'sessions.close': { input: z.object({ sessionId: SessionId }).strict(), doc: 'Close a session.' },
} as const;

/** What connection calls return. */
export interface ConnectionOutputs {
  'connections.check': ServerReport;
  'sessions.open': { sessionId: string; server: ServerReport };
  'sessions.close': { closed: true };
}

/** Events in the connections domain. */
export const connectionEvents = {
  'session.lost': z.object({ sessionId: SessionId, code: z.string() }),
} as const;

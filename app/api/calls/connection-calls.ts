/** connections.* and sessions.* calls: reach a server, keep a session open. */
import { z } from 'zod';
import { ConnectTimeoutMs, Database, HostAddress, HostName, Port, ProfileDialect, ProfileId, ReplicaId, SslConfigSchema, UserName } from './profile-schemas';
import { HostRole, ServerReport, SessionId } from './shared';

const urlTarget = z
  .object({
    /** A postgres://, postgresql://, mysql:// or mariadb:// URL, with SSL parameters. */
    url: z.string().min(1).max(4096),
    /** The password, when it is not in the URL; never echoed back. */
    password: z.string().max(1024).optional(),
    /** Ask the server for a read-only session (always on for replicas), so writes are refused by the server itself. */
    readOnly: z.boolean().optional(),
  })
  .strict();

const profileTarget = z
  .object({
    /** A saved profile; its password comes from the secret store. */
    profileId: ProfileId,
    /** One of the profile's read replicas instead of the primary (always a read-only session). */
    replicaId: ReplicaId.optional(),
    /** A password for this connection only, when none is saved; never echoed back. */
    password: z.string().max(1024).optional(),
    readOnly: z.boolean().optional(),
  })
  .strict();

const draftTarget = z
  .object({
    /** The connection fields of a profile form that is not saved yet (a pasted PEM CA included). */
    draft: z
      .object({
        dialect: ProfileDialect,
        host: HostName,
        hostaddr: HostAddress.optional(),
        port: Port,
        database: Database,
        user: UserName,
        ssl: SslConfigSchema,
        connectTimeoutMs: ConnectTimeoutMs,
      })
      .strict(),
    /** A typed password; else the import's pending password; else the saved password of `profileId`. */
    password: z.string().max(1024).optional(),
    pendingPasswordId: z.string().min(1).max(100).optional(),
    /** The saved profile this draft edits, whose stored password is used when none is given. */
    profileId: ProfileId.optional(),
    readOnly: z.boolean().optional(),
  })
  .strict();

/** A server to reach: a URL (with an optional password), a saved profile, or an unsaved profile form. */
export const ConnectionTarget = z.union([urlTarget, profileTarget, draftTarget]);

/** Calls in the connections domain. */
export const connectionCalls = {
  'connections.check': { input: ConnectionTarget, doc: 'Connect once, report server and TLS facts, disconnect.' },
  'sessions.open': { input: ConnectionTarget, doc: 'Open a session to run statements in.' },
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
  /** A lost or idled-out session connected again by itself on its next call. */
  'session.restored': z.object({ sessionId: SessionId }),
} as const;

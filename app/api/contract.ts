/**
 * The one list of every call and event that crosses a door (Electron IPC or local HTTP).
 * Both doors validate input against these schemas before any handler runs, and the
 * renderer's client derives its types from here, so the two sides cannot drift apart.
 * This file must stay free of Node APIs: the renderer imports it.
 */
import { z } from 'zod';

const sessionId = z.string().min(1).max(100);

/** What a TLS handshake showed about the server certificate. */
export const TlsReport = z.object({
  protocol: z.string(),
  cipher: z.string(),
  caVerified: z.boolean(),
  hostnameVerified: z.boolean(),
  certificate: z
    .object({
      subject: z.string(),
      issuer: z.string(),
      subjectAltNames: z.array(z.string()),
      validFrom: z.string(),
      validTo: z.string(),
      daysLeft: z.number(),
      fingerprint256: z.string(),
    })
    .nullable(),
});
export type TlsReport = z.infer<typeof TlsReport>;

/** Facts about a server reached by a successful connection. */
export const ServerReport = z.object({
  dialect: z.enum(['postgres', 'mysql', 'mariadb']),
  serverVersion: z.string(),
  host: z.string(),
  port: z.number(),
  database: z.string(),
  user: z.string(),
  tls: TlsReport.nullable(),
  warnings: z.array(z.string()),
});
export type ServerReport = z.infer<typeof ServerReport>;

/** A result set as plain data: rows are arrays aligned with columns. */
export const QueryResult = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.array(z.unknown())),
  rowCount: z.number().nullable(),
  command: z.string(),
  durationMs: z.number(),
});
export type QueryResult = z.infer<typeof QueryResult>;

const connectionTarget = z.object({
  /** A postgres://, postgresql://, mysql:// or mariadb:// URL, with SSL parameters. */
  url: z.string().min(1).max(4096),
  /** The password, when it is not in the URL; never echoed back. */
  password: z.string().max(1024).optional(),
});

/** Every call: its input schema and a one-line purpose. Outputs are typed by CallOutputs. */
export const calls = {
  'app.info': { input: z.object({}).strict(), doc: 'Version and which door is serving.' },
  'connections.check': { input: connectionTarget.strict(), doc: 'Connect once, report server and TLS facts, disconnect.' },
  'sessions.open': { input: connectionTarget.strict(), doc: 'Open a session to run statements in.' },
  'sessions.close': { input: z.object({ sessionId }).strict(), doc: 'Close a session.' },
  'query.run': {
    input: z.object({ sessionId, sql: z.string().min(1).max(10_000_000) }).strict(),
    doc: 'Run one statement in a session and return its rows.',
  },
} as const;

/** What each call returns on success. */
export interface CallOutputs {
  'app.info': { name: 'sluice'; version: string; door: 'ipc' | 'http' | 'cli' };
  'connections.check': ServerReport;
  'sessions.open': { sessionId: string; server: ServerReport };
  'sessions.close': { closed: true };
  'query.run': QueryResult;
}

/** Every event the core pushes to the window, with its payload schema. */
export const events = {
  'session.lost': z.object({ sessionId, code: z.string() }),
} as const;

/** A call name, `domain.verbNoun`. */
export type Method = keyof typeof calls;
/** The validated input of a call. */
export type CallInput<M extends Method> = z.infer<(typeof calls)[M]['input']>;
/** The value a call returns on success. */
export type CallOutput<M extends Method> = CallOutputs[M];
/** An event name. */
export type EventName = keyof typeof events;
/** An event's payload. */
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** All call names, for allow-lists at the doors. */
export const METHODS = Object.keys(calls) as Method[];
/** All event names, for allow-lists at the doors. */
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** True when a string names a call in the contract. */
export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}

/** True when a string names an event in the contract. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

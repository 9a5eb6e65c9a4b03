/**
 * The one list of every call and event that crosses a door (Electron IPC or local HTTP),
 * assembled from one file per domain in ./calls. Both doors validate input against these
 * schemas before any handler runs, and the renderer's client derives its types from here,
 * so the two sides cannot drift apart. Node-free: the renderer imports it.
 */
import type { z } from 'zod';
import { appCalls, appEvents, type AppOutputs } from './calls/app-calls';
import { connectionCalls, connectionEvents, type ConnectionOutputs } from './calls/connection-calls';
import { profileCalls, profileEvents, type ProfileOutputs } from './calls/profile-calls';
import { migrationCalls, migrationEvents, type MigrationOutputs } from './calls/migration-calls';
import { queryCalls, queryEvents, type QueryOutputs } from './calls/query-calls';

export { QueryResult, ServerReport, TlsReport } from './calls/shared';

/** Every call: its input schema and a one-line purpose. */
export const calls = { ...appCalls, ...connectionCalls, ...profileCalls, ...queryCalls, ...migrationCalls } as const;

/** What each call returns on success. */
export interface CallOutputs extends AppOutputs, ConnectionOutputs, ProfileOutputs, QueryOutputs, MigrationOutputs {}

/** Every event the core pushes to the window, with its payload schema. */
export const events = { ...appEvents, ...connectionEvents, ...profileEvents, ...queryEvents, ...migrationEvents } as const;

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

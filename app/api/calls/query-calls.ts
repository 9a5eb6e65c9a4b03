/** query.* calls: run SQL in a session. */
import { z } from 'zod';
import { SessionId, type QueryResult } from './shared';

/** Calls in the query domain. */
export const queryCalls = {
  'query.run': {
    input: z.object({ sessionId: SessionId, sql: z.string().min(1).max(10_000_000) }).strict(),
    doc: 'Run one statement in a session and return its rows.',
  },
} as const;

/** What query calls return. */
export interface QueryOutputs {
  'query.run': QueryResult;
}

/** Events in the query domain. */
export const queryEvents = {} as const;

/** Handlers for query.* calls. */
import type { Handlers } from '../api/dispatch';
import type { SessionRegistry } from '../connections/session-registry';

/** Builds the query handlers over one session registry. */
export function queryHandlers(sessions: SessionRegistry): Pick<Handlers, 'query.run'> {
  return {
    async 'query.run'(input) {
      return sessions.run(input.sessionId, input.sql);
    },
  };
}

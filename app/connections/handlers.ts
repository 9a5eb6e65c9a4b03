/** Handlers for connections.* and sessions.* calls. */
import type { Handlers } from '../api/dispatch';
import { driverFor } from '../drivers';
import { resolveTarget } from './resolve-target';
import type { SessionRegistry } from './session-registry';

/** Builds the connection handlers over one session registry. `env` supplies PGPASSWORD/MYSQL_PWD for the CLI only. */
export function connectionHandlers(
  sessions: SessionRegistry,
  env: NodeJS.ProcessEnv | undefined,
): Pick<Handlers, 'connections.check' | 'sessions.open' | 'sessions.close' | 'sessions.role'> {
  return {
    async 'connections.check'(input) {
      const config = resolveTarget(input.url, { explicit: input.password, env, readOnly: input.readOnly });
      const session = await driverFor(config.dialect).connect(config);
      await session.close();
      return session.server;
    },
    async 'sessions.open'(input) {
      return sessions.open(resolveTarget(input.url, { explicit: input.password, env, readOnly: input.readOnly }));
    },
    async 'sessions.close'(input) {
      await sessions.close(input.sessionId);
      return { closed: true };
    },
    async 'sessions.role'(input) {
      return sessions.role(input.sessionId);
    },
  };
}

/** Handlers for connections.* and sessions.* calls. */
import type { Handlers } from '../api/dispatch';
import { driverFor } from '../drivers';
import type { ProfileService } from './profiles/profile-service';
import type { SessionRegistry } from './session-registry';

/**
 * Builds the connection handlers over one session registry. `targets` turns a URL or a saved
 * profile into a ConnectionConfig (passwords from the call, the secret store, or the CLI's
 * PGPASSWORD/MYSQL_PWD) and learns which engine answered.
 */
export function connectionHandlers(
  sessions: SessionRegistry,
  targets: Pick<ProfileService, 'resolve' | 'connected'>,
): Pick<Handlers, 'connections.check' | 'sessions.open' | 'sessions.close' | 'sessions.role'> {
  return {
    async 'connections.check'(input) {
      const config = await targets.resolve(input);
      const session = await driverFor(config.dialect).connect(config);
      await session.close();
      await targets.connected(input, session.server);
      return session.server;
    },
    async 'sessions.open'(input) {
      const opened = await sessions.open(await targets.resolve(input));
      await targets.connected(input, opened.server);
      return opened;
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

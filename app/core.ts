/**
 * The core: one set of handlers and one event hub, served by every door (Electron IPC,
 * the local HTTP server, the CLI). It imports neither electron nor react.
 */
import type { CallContext, Handlers } from './api/dispatch';
import { dispatch } from './api/dispatch';
import { EventHub } from './api/event-hub';
import type { Result } from './api/result';
import { connectionHandlers } from './connections/handlers';
import { SessionRegistry } from './connections/session-registry';
import { queryHandlers } from './query/handlers';

/** What a door passes when it creates the core. */
export interface CoreOptions {
  version: string;
  dataDir: string;
  /** Environment for password fallbacks (PGPASSWORD, MYSQL_PWD); only the CLI passes it. */
  env?: NodeJS.ProcessEnv;
}

/** A running core. */
export interface Core {
  dispatch(method: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
  readonly handlers: Handlers;
  readonly events: EventHub;
  close(): Promise<void>;
}

/** Creates the core with its handlers wired to fresh state. */
export function createCore(options: CoreOptions): Core {
  const events = new EventHub();
  const sessions = new SessionRegistry(events);
  const handlers: Handlers = {
    async 'app.info'(_input, ctx) {
      return { name: 'sluice', version: options.version, door: ctx.door };
    },
    ...connectionHandlers(sessions, options.env),
    ...queryHandlers(sessions),
  };
  return {
    handlers,
    events,
    dispatch: (method, input, ctx) => dispatch(handlers, method, input, ctx),
    close: () => sessions.closeAll(),
  };
}

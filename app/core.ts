/**
 * The core: one set of handlers and one event hub, served by every door (Electron IPC,
 * the local HTTP server, the CLI). It imports neither electron nor react.
 */
import type { CallContext, Handlers } from './api/dispatch';
import { dispatch } from './api/dispatch';
import { EventHub } from './api/event-hub';
import type { Result } from './api/result';
import { connectionHandlers } from './connections/handlers';
import { profileHandlers } from './connections/profiles/handlers';
import { createProfileService } from './connections/profiles/profile-service';
import { SessionRegistry } from './connections/session-registry';
import { migrationHandlers } from './migrations/handlers';
import { MigrationJobs } from './migrations/jobs';
import { queryHandlers } from './query/handlers';
import { logCall } from './logging/log-calls';
import { Logger } from './logging/logger';
import type { SecretStore } from './secrets/secret-store';

/** What a door passes when it creates the core. */
export interface CoreOptions {
  version: string;
  dataDir: string;
  /** Environment for password fallbacks (PGPASSWORD, MYSQL_PWD); only the CLI passes it. */
  env?: NodeJS.ProcessEnv;
  /** Where passwords live (Electron: safeStorage; CLI/web: an encrypted file when opted in). Default: memory only. */
  secretStore?: SecretStore;
  /** Where log lines go, each scrubbed of every secret the core has seen. Default: nowhere. */
  logger?: Logger;
  /** A session idle this long gives its connection back (default 10 minutes). */
  sessionIdleTimeoutMs?: number;
}

/** A running core. */
export interface Core {
  dispatch(method: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
  readonly handlers: Handlers;
  readonly events: EventHub;
  readonly logger: Logger;
  close(): Promise<void>;
}

/** Creates the core with its handlers wired to fresh state. */
export function createCore(options: CoreOptions): Core {
  const events = new EventHub();
  const sessions = new SessionRegistry(events, { idleTimeoutMs: options.sessionIdleTimeoutMs });
  const migrationJobs = new MigrationJobs(events);
  const logger = options.logger ?? new Logger();
  const profiles = createProfileService({ dataDir: options.dataDir, secretStore: options.secretStore, logger, events, env: options.env });
  const handlers: Handlers = {
    async 'app.info'(_input, ctx) {
      return { name: 'sluice', version: options.version, door: ctx.door };
    },
    ...connectionHandlers(sessions, profiles),
    ...profileHandlers(profiles),
    ...queryHandlers(sessions),
    ...migrationHandlers(sessions, migrationJobs, options.env),
  };
  return {
    handlers,
    events,
    logger,
    dispatch: async (method, input, ctx) => {
      const started = performance.now();
      const result = await dispatch(handlers, method, input, ctx);
      logCall(logger, method, ctx.door, result, performance.now() - started);
      return result;
    },
    close: async () => {
      await migrationJobs.close();
      await sessions.closeAll();
    },
  };
}

/** Handlers for migrations.* calls. Each run opens its own dedicated session from the session's config. */
import path from 'node:path';
import type { MigrationFormat } from '../api/calls/migration-calls';
import type { CallInput } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import type { SessionRegistry } from '../connections/session-registry';
import { djangoSource } from './formats/django/django-source';
import { detectFormat } from './formats/detect-format';
import { sqlFormat } from './formats/sql-formats';
import type { MigrationJobs } from './jobs';
import type { MigrationSource } from './source';
import { sqlSource } from './sql-source';

type FolderInput = CallInput<'migrations.status'>;

/** Builds the migration handlers. `env` is the environment manage.py inherits (the CLI's, or the app's). */
export function migrationHandlers(
  sessions: Pick<SessionRegistry, 'configOf'>,
  jobs: MigrationJobs,
  env: NodeJS.ProcessEnv = process.env,
): Pick<Handlers, 'migrations.status' | 'migrations.source' | 'migrations.apply' | 'migrations.resolve'> {
  async function sourceFor(input: FolderInput): Promise<MigrationSource> {
    const config = sessions.configOf(input.sessionId);
    const dir = path.resolve(input.dir);
    const format: MigrationFormat = input.format ?? (await detectFormat(dir));
    if (format === 'django') {
      return djangoSource(config, dir, { python: input.python, databaseUrlVar: input.databaseUrlVar, env: input.env, baseEnv: env });
    }
    return sqlSource(config, dir, sqlFormat(format));
  }
  return {
    async 'migrations.status'(input) {
      return (await sourceFor(input)).status();
    },
    async 'migrations.source'(input) {
      return (await sourceFor(input)).source(input.id);
    },
    async 'migrations.apply'(input) {
      const source = await sourceFor(input);
      const jobId = jobs.start(input.direction, (emit) =>
        source.apply(
          {
            direction: input.direction,
            to: input.to,
            allowModified: input.allowModified,
            lockWaitMs: input.lockWaitMs ?? 0,
            statementTimeoutMs: input.statementTimeoutMs,
            lockTimeoutMs: input.lockTimeoutMs,
          },
          emit,
        ),
      );
      return { jobId };
    },
    async 'migrations.resolve'(input) {
      return (await sourceFor(input)).resolve(input.id, input.as ?? 'pending', 0);
    },
  };
}

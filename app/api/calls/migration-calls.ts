/**
 * migrations.* calls: read a migration folder's state in its own tool's history table,
 * apply or roll back as a job with progress events, mark a dirty migration resolved.
 */
import { z } from 'zod';
import { SessionId } from './shared';

/** Formats Sluice detects in a linked folder. */
export const MigrationFormat = z.enum(['django', 'golang-migrate', 'dbmate', 'flyway']);
export type MigrationFormat = z.infer<typeof MigrationFormat>;

/** Where a migration stands against the database. */
export const MigrationStatus = z.enum(['applied', 'pending', 'modified', 'missing', 'dirty']);
export type MigrationStatus = z.infer<typeof MigrationStatus>;

/** One migration as the status view shows it. */
export const MigrationState = z.object({
  /** Django: `app.0001_initial`; SQL folders: the version. */
  id: z.string(),
  name: z.string(),
  status: MigrationStatus,
  /** Pending but older than the newest applied migration. */
  outOfOrder: z.boolean(),
  /** Flyway `R__` migrations: no version, run after the versioned ones whenever their checksum changes, never rolled back. */
  repeatable: z.boolean(),
  /** Can be rolled back (a down file exists; Django: always, by migrating to the previous one). */
  reversible: z.boolean(),
  /** Runs outside a transaction (marker comment, e.g. for CREATE INDEX CONCURRENTLY). */
  noTransaction: z.boolean(),
  file: z.string().nullable(),
  checksum: z.string().nullable(),
  appliedChecksum: z.string().nullable(),
  appliedAt: z.string().nullable(),
  appliedBy: z.string().nullable(),
  durationMs: z.number().nullable(),
  dependencies: z.array(z.string()),
  /** Why the migration is dirty: the direction that failed and, when known, the failing statement (1-based). */
  dirty: z
    .object({
      direction: z.enum(['up', 'down']),
      statementIndex: z.number().nullable(),
      statement: z.string().nullable(),
      error: z.string().nullable(),
    })
    .nullable(),
});
export type MigrationState = z.infer<typeof MigrationState>;

/** The state of a whole folder against one database. */
export interface MigrationStatusReport {
  format: MigrationFormat;
  dir: string;
  historyTable: string;
  migrations: MigrationState[];
}

/** How one migration run ended: a set of outcomes, one per migration attempted. */
export interface MigrationRunResult {
  direction: 'up' | 'down';
  outcomes: Array<
    | { id: string; status: 'success'; durationMs: number }
    | { id: string; status: 'error'; error: { code: string; message: string; hint?: string; statementIndex?: number; statement?: string } }
    | { id: string; status: 'not-executed' }
  >;
  ok: boolean;
}

const folder = z.object({
  sessionId: SessionId,
  dir: z.string().min(1).max(4096),
  format: MigrationFormat.optional(),
  /** Django: the interpreter (default: the project's .venv or venv, then SLUICE_PYTHON, then python3). */
  python: z.string().min(1).max(4096).optional(),
  /** Django: the variable the settings read the database URL from (default DATABASE_URL). */
  databaseUrlVar: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/).optional(),
  /** Django: extra environment for manage.py (the settings' other variables). */
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/), z.string().max(32_768)).optional(),
});

/** Safety settings for a run. */
export const ApplyOptions = z.object({
  direction: z.enum(['up', 'down']),
  /** Stop after (up) or roll back to just after (down) this migration id. */
  to: z.string().max(300).optional(),
  allowModified: z.boolean().optional(),
  /** Wait this long for another applier's lock before MIGRATION_LOCKED (0 = fail at once). */
  lockWaitMs: z.number().int().min(0).max(3_600_000).optional(),
  /** Per-statement server timeouts, so a migration stuck behind a long transaction fails fast. */
  statementTimeoutMs: z.number().int().min(0).max(86_400_000).optional(),
  lockTimeoutMs: z.number().int().min(0).max(86_400_000).optional(),
});

/** Calls in the migrations domain. */
export const migrationCalls = {
  'migrations.status': { input: folder.strict(), doc: 'Every migration in the folder with its status, from the tool’s own history table.' },
  'migrations.source': {
    input: folder.extend({ id: z.string().min(1).max(300) }).strict(),
    doc: 'A migration’s text: SQL up/down, or for Django the Python source and sqlmigrate SQL.',
  },
  'migrations.apply': {
    input: folder.extend(ApplyOptions.shape).strict(),
    doc: 'Start applying or rolling back; returns a job id at once, progress comes as events.',
  },
  'migrations.resolve': {
    input: folder
      .extend({
        /** The dirty migration (default: the only one). */
        id: z.string().min(1).max(300).optional(),
        /** What the user made of it: finished by hand (`applied`) or undone (`pending`, the default, like `flyway repair`). */
        as: z.enum(['applied', 'pending']).optional(),
      })
      .strict(),
    doc: 'Clear the dirty mark after the user fixed a failed migration by hand.',
  },
} as const;

/** What migration calls return. */
export interface MigrationOutputs {
  'migrations.status': MigrationStatusReport;
  'migrations.source': {
    id: string;
    format: MigrationFormat;
    file: string | null;
    up: string | null;
    down: string | null;
    python: string | null;
    /** Why up or down has no text although the migration has one (Django could not render it yet); null otherwise. */
    unavailable: { up: string | null; down: string | null };
  };
  'migrations.apply': { jobId: string };
  'migrations.resolve': MigrationStatusReport;
}

/** Events in the migrations domain: one stream per job, ending with exactly one `finished`. */
export const migrationEvents = {
  'migrations.progress': z.discriminatedUnion('kind', [
    z.object({ jobId: z.string(), kind: z.literal('locked'), holder: z.string() }),
    z.object({ jobId: z.string(), kind: z.literal('migration-started'), id: z.string(), index: z.number(), total: z.number() }),
    z.object({ jobId: z.string(), kind: z.literal('statement'), id: z.string(), index: z.number(), total: z.number(), sql: z.string() }),
    z.object({ jobId: z.string(), kind: z.literal('output'), id: z.string().nullable(), line: z.string() }),
    z.object({ jobId: z.string(), kind: z.literal('migration-finished'), id: z.string(), durationMs: z.number() }),
  ]),
  'migrations.finished': z.object({
    jobId: z.string(),
    result: z.custom<MigrationRunResult>(),
    error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() }).nullable(),
  }),
} as const;

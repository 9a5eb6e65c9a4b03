/** The migration types the feature uses, taken from the contract so a renamed field is a compile error. */
import type { MigrationFormat, MigrationRunResult, MigrationState, MigrationStatus, MigrationStatusReport } from '../../../../app/api/calls/migration-calls';
import type { CallOutput, EventPayload } from '../../../../app/api/contract';

export type { MigrationFormat, MigrationRunResult, MigrationState, MigrationStatus, MigrationStatusReport };

/** What `migrations.source` returns. */
export type MigrationSourceText = CallOutput<'migrations.source'>;

/** One `migrations.progress` event. */
export type ProgressEvent = EventPayload<'migrations.progress'>;

/** The one `migrations.finished` event of a job. */
export type FinishedEvent = EventPayload<'migrations.finished'>;

/** One outcome of a run. */
export type RunOutcome = MigrationRunResult['outcomes'][number];

/** The error a run or the `migrations.finished` event carries (a code the catalog may not list yet). */
export interface RunError {
  code: string;
  message: string;
  hint?: string;
  details?: Record<string, unknown>;
}

/** Safety settings the user picks in the confirmation dialog. */
export interface RunOptions {
  lockWaitMs: number;
  statementTimeoutMs?: number;
  lockTimeoutMs?: number;
  allowModified: boolean;
}

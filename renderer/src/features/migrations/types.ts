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

/** How Sluice runs a Django project's manage.py (ignored for SQL folders). */
export interface DjangoSettings {
  /** The interpreter; empty: the project's .venv or venv, then SLUICE_PYTHON, then python3. */
  python: string;
  /** The variable the settings read the database URL from; empty: DATABASE_URL. */
  databaseUrlVar: string;
  /** Extra environment for manage.py (the settings' other variables); kept in memory only. */
  env: Record<string, string>;
}

/** What the migrations calls need to reach a linked folder: the path, and for Django how to run it. */
export interface FolderLink {
  dir: string;
  python?: string;
  databaseUrlVar?: string;
  env?: Record<string, string>;
}

/** The link for `dir` with the Django settings that are set. */
export function folderLink(dir: string, django: DjangoSettings): FolderLink {
  return {
    dir,
    ...(django.python.trim() ? { python: django.python.trim() } : {}),
    ...(django.databaseUrlVar.trim() ? { databaseUrlVar: django.databaseUrlVar.trim() } : {}),
    ...(Object.keys(django.env).length > 0 ? { env: django.env } : {}),
  };
}

/**
 * Planning a run: which migrations to apply or roll back, in which order, after checking the
 * history's integrity. Pure, so a preview (on a shadow database) can plan exactly like a run.
 */
import type { MigrationState } from '../api/calls/migration-calls';
import { SluiceError } from '../api/errors';
import { ZERO_TARGET, type LocalMigration, type PlanStep } from './model';

/** What the user asked for. */
export interface PlanRequest {
  direction: 'up' | 'down';
  /** Up: the last migration to apply. Down: the migration to keep (everything after it is rolled back); `zero` rolls back all. */
  to?: string | undefined;
  allowModified?: boolean | undefined;
}

/** Refuses to run over a dirty or (unless allowed) modified history. */
export function checkIntegrity(states: readonly MigrationState[], allowModified: boolean): void {
  const dirty = states.find((s) => s.status === 'dirty');
  if (dirty) {
    throw new SluiceError('MIGRATION_DIRTY', {
      message: `Migration ${dirty.id} failed part-way and is marked dirty.`,
      details: { id: dirty.id },
    });
  }
  const modified = states.filter((s) => s.status === 'modified');
  if (modified.length > 0 && !allowModified) {
    throw new SluiceError('MIGRATION_MODIFIED', {
      message: `Applied migration${modified.length > 1 ? 's' : ''} ${modified.map((s) => s.id).join(', ')} changed since ${modified.length > 1 ? 'they were' : 'it was'} applied.`,
      details: { ids: modified.map((s) => s.id) },
    });
  }
}

function notFound(id: string): SluiceError {
  return new SluiceError('MIGRATION_NOT_FOUND', { message: `No migration "${id.slice(0, 200)}" in the folder or the history.`, details: { id } });
}

/** The steps of a run, in execution order. Throws MIGRATION_DIRTY, MIGRATION_MODIFIED, MIGRATION_NOT_FOUND or MIGRATION_IRREVERSIBLE. */
export function planRun(states: readonly MigrationState[], local: readonly LocalMigration[], request: PlanRequest): PlanStep[] {
  checkIntegrity(states, request.allowModified ?? false);
  const byId = new Map(local.map((m) => [m.id, m]));
  // Repeatable migrations are never rolled back (Flyway has no undo for them).
  const isApplied = (s: MigrationState) => !s.repeatable && (s.status === 'applied' || s.status === 'modified' || s.status === 'missing');
  if (request.direction === 'up') {
    let last = states.length - 1;
    if (request.to !== undefined) {
      last = states.findIndex((s) => s.id === request.to);
      if (last === -1) throw notFound(request.to);
    }
    return states
      .slice(0, last + 1)
      .filter((s) => s.status === 'pending')
      .map((s) => ({ migration: byId.get(s.id) as LocalMigration, direction: 'up' as const }));
  }
  const applied = states.filter(isApplied);
  let range: MigrationState[];
  if (request.to === undefined) range = applied.slice(-1);
  else if (request.to === ZERO_TARGET) range = applied;
  else {
    const keep = states.findIndex((s) => s.id === request.to);
    if (keep === -1) throw notFound(request.to);
    range = applied.filter((s) => states.indexOf(s) > keep);
  }
  const steps = range.reverse().map((s) => {
    const migration = byId.get(s.id);
    if (!migration || !migration.reversible || !migration.down) {
      throw new SluiceError('MIGRATION_IRREVERSIBLE', {
        message: migration ? `Migration ${s.id} has no down script.` : `Migration ${s.id} is applied but its file is gone.`,
        details: { id: s.id },
      });
    }
    return { migration, direction: 'down' as const };
  });
  return steps;
}

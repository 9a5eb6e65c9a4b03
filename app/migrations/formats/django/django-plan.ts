/**
 * What `manage.py migrate` to run for a request, and which migrations it will touch (for the
 * outcome set and the reversibility check). Django plans the run itself; this only chooses the
 * target the way a user would type it. Pure.
 */
import type { MigrationState } from '../../../api/calls/migration-calls';
import { SluiceError } from '../../../api/errors';
import { ZERO_TARGET } from '../../model';
import type { PlanRequest } from '../../plan';
import { withDependencies, type DjangoMigration } from './django-project';

/** A migrate command and the migrations it is expected to apply or unapply, in order. */
export interface DjangoRun {
  args: string[];
  expected: DjangoMigration[];
}

const isApplied = (s: MigrationState | undefined) => s?.status === 'applied' || s?.status === 'modified';

function badTarget(message: string): SluiceError {
  return new SluiceError('BAD_INPUT', { message, hint: 'Django targets are app.migration_name, or app.zero to roll an app back entirely.' });
}

/** Applied migrations that would be unapplied to bring `app` back to `keep` (null: zero), dependents in other apps included, newest first. */
function toUnapply(migrations: readonly DjangoMigration[], states: ReadonlyMap<string, MigrationState>, app: string, keep: string | null): DjangoMigration[] {
  const kept = new Set(keep ? withDependencies(migrations, keep).map((m) => m.id) : []);
  const out = new Set(migrations.filter((m) => m.app === app && !kept.has(m.id) && isApplied(states.get(m.id))).map((m) => m.id));
  let grew = true;
  while (grew) {
    grew = false;
    for (const m of migrations) {
      if (!out.has(m.id) && isApplied(states.get(m.id)) && m.dependencies.some((d) => out.has(d))) {
        out.add(m.id);
        grew = true;
      }
    }
  }
  return migrations.filter((m) => out.has(m.id)).reverse();
}

/** The migrate command for a request, or null when there is nothing to do. */
export function planDjangoRun(migrations: readonly DjangoMigration[], statesList: readonly MigrationState[], request: PlanRequest): DjangoRun | null {
  const states = new Map(statesList.map((s) => [s.id, s]));
  const byId = new Map(migrations.map((m) => [m.id, m]));
  const to = request.to;
  if (request.direction === 'up') {
    if (to === undefined) {
      const expected = migrations.filter((m) => states.get(m.id)?.status === 'pending');
      return expected.length ? { args: ['migrate', '--no-input'], expected } : null;
    }
    const target = byId.get(to);
    if (!target) throw new SluiceError('MIGRATION_NOT_FOUND', { message: `Django knows no migration "${to.slice(0, 200)}".`, details: { id: to } });
    const expected = withDependencies(migrations, to).filter((m) => states.get(m.id)?.status === 'pending');
    return expected.length ? { args: ['migrate', target.app, target.migrationName, '--no-input'], expected } : null;
  }
  let app: string;
  let keep: DjangoMigration | null;
  if (to === undefined) {
    const last = [...migrations].reverse().find((m) => isApplied(states.get(m.id)));
    if (!last) return null;
    app = last.app;
    keep = [...migrations].reverse().find((m) => m.app === app && last.dependencies.includes(m.id)) ?? null;
  } else if (to === ZERO_TARGET) {
    throw badTarget('For a Django project, name the app to roll back: app.zero.');
  } else if (to.endsWith(`.${ZERO_TARGET}`)) {
    app = to.slice(0, -ZERO_TARGET.length - 1);
    keep = null;
    if (!migrations.some((m) => m.app === app)) throw badTarget(`Django knows no app "${app.slice(0, 100)}".`);
  } else {
    const target = byId.get(to);
    if (!target) throw new SluiceError('MIGRATION_NOT_FOUND', { message: `Django knows no migration "${to.slice(0, 200)}".`, details: { id: to } });
    if (!isApplied(states.get(to))) throw badTarget(`${to} is not applied; rolling back to it would apply it.`);
    app = target.app;
    keep = target;
  }
  const expected = toUnapply(migrations, states, app, keep?.id ?? null);
  if (expected.length === 0) return null;
  const irreversible = expected.find((m) => !m.reversible);
  if (irreversible) {
    throw new SluiceError('MIGRATION_IRREVERSIBLE', { message: `Django migration ${irreversible.id} cannot be reversed.`, details: { id: irreversible.id } });
  }
  return { args: ['migrate', app, keep ? keep.migrationName : ZERO_TARGET, '--no-input'], expected };
}

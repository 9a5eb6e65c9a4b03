/**
 * Which migrations a request will run, in order, so the confirmation can name them before
 * anything happens. It mirrors the core's planners (app/migrations/plan.ts for SQL folders,
 * formats/django/django-plan.ts for Django) over the status the view already holds; the core
 * plans again under the lock and is the one that decides. Pure.
 */
import type { MigrationFormat, MigrationState } from './types';

/** What the user asked for. `to` is the core's target: up, the last one to apply; down, the one to keep. */
export type RunRequest = { direction: 'up'; to?: string } | { direction: 'down'; to: string };

/** A request with what it will run and, when it cannot run, why. */
export interface PlannedRun {
  request: RunRequest;
  steps: MigrationState[];
  /** Set when the core would refuse: nothing to do, or a migration with no way back. */
  blocked: string | null;
}

/** Rolls everything back in a SQL folder. */
const ZERO = 'zero';

const appOf = (id: string) => id.slice(0, Math.max(0, id.indexOf('.')));
const sqlApplied = (s: MigrationState) => !s.repeatable && (s.status === 'applied' || s.status === 'modified' || s.status === 'missing');
const djangoApplied = (s: MigrationState | undefined) => s?.status === 'applied' || s?.status === 'modified';

/** `id` and everything it depends on, transitively, as ids. */
function withDependencies(states: ReadonlyMap<string, MigrationState>, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const dep of states.get(next)?.dependencies ?? []) stack.push(dep);
  }
  return seen;
}

function djangoSteps(states: readonly MigrationState[], request: RunRequest): MigrationState[] {
  const byId = new Map(states.map((s) => [s.id, s]));
  if (request.direction === 'up') {
    if (request.to === undefined) return states.filter((s) => s.status === 'pending');
    const wanted = withDependencies(byId, request.to);
    return states.filter((s) => wanted.has(s.id) && s.status === 'pending');
  }
  const zero = request.to.endsWith(`.${ZERO}`);
  const app = zero ? request.to.slice(0, -ZERO.length - 1) : appOf(request.to);
  const kept = zero ? new Set<string>() : withDependencies(byId, request.to);
  const out = new Set(states.filter((s) => appOf(s.id) === app && !kept.has(s.id) && djangoApplied(s)).map((s) => s.id));
  // Dependents in other apps go back too, as Django unapplies them first.
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of states) {
      if (!out.has(s.id) && djangoApplied(s) && s.dependencies.some((d) => out.has(d))) {
        out.add(s.id);
        grew = true;
      }
    }
  }
  return states.filter((s) => out.has(s.id)).reverse();
}

function sqlSteps(states: readonly MigrationState[], request: RunRequest): MigrationState[] {
  if (request.direction === 'up') {
    const last = request.to === undefined ? states.length - 1 : states.findIndex((s) => s.id === request.to);
    return states.slice(0, last + 1).filter((s) => s.status === 'pending');
  }
  const keep = request.to === ZERO ? -1 : states.findIndex((s) => s.id === request.to);
  return states.filter((s, i) => i > keep && sqlApplied(s)).reverse();
}

/** Plans `request` over the current status. */
export function planRun(format: MigrationFormat, states: readonly MigrationState[], request: RunRequest): PlannedRun {
  const dirty = states.find((s) => s.status === 'dirty');
  const steps = format === 'django' ? djangoSteps(states, request) : sqlSteps(states, request);
  let blocked: string | null = null;
  if (dirty) blocked = `${dirty.id} is dirty: mark it resolved before running anything else.`;
  else if (steps.length === 0) blocked = request.direction === 'up' ? 'Nothing to apply.' : 'Nothing to roll back.';
  else if (request.direction === 'down') {
    const stuck = steps.find((s) => !s.reversible || (s.status === 'missing' && format !== 'django'));
    if (stuck) blocked = stuck.status === 'missing' ? `${stuck.id} is applied but its file is gone, so it cannot be rolled back.` : `${stuck.id} has no way back (no down script).`;
  }
  return { request, steps, blocked };
}

/**
 * The target that rolls back `id` itself (and what came after it): the migration before it
 * (in its app, for Django), or zero when it is the first.
 */
export function rollbackThroughTarget(format: MigrationFormat, states: readonly MigrationState[], id: string): string {
  const index = states.findIndex((s) => s.id === id);
  if (format === 'django') {
    const app = appOf(id);
    const before = states.slice(0, Math.max(0, index)).filter((s) => appOf(s.id) === app);
    return before.at(-1)?.id ?? `${app}.${ZERO}`;
  }
  return index > 0 ? (states[index - 1] as MigrationState).id : ZERO;
}

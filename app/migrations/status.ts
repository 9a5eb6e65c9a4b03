/** Status of every migration: the folder and the history tables side by side. Pure. */
import type { MigrationState } from '../api/calls/migration-calls';
import type { AppliedRecord, LocalMigration } from './model';

/** The id of a Flyway repeatable migration (`R__` files, whose history rows have no version). */
export function isRepeatableId(id: string): boolean {
  return id.startsWith('R__');
}

/**
 * Merges the folder's migrations (in order) with the history's records into one ordered status
 * list. A repeatable migration whose checksum changed is pending again (it reruns), not modified.
 */
export function computeStatus(local: readonly LocalMigration[], applied: readonly AppliedRecord[], compare: (a: string, b: string) => number): MigrationState[] {
  const records = new Map(applied.map((r) => [r.id, r]));
  const localIds = new Set(local.map((m) => m.id));
  const states: MigrationState[] = local.map((m) => {
    const record = records.get(m.id);
    const changed = record?.checksum !== null && record?.checksum !== undefined && record.checksum !== m.checksum;
    const status = !record ? 'pending' : record.dirty ? 'dirty' : changed ? (m.repeatable ? 'pending' : 'modified') : 'applied';
    return {
      id: m.id,
      name: m.name,
      status,
      outOfOrder: false,
      repeatable: m.repeatable ?? false,
      reversible: m.reversible,
      noTransaction: (m.up?.noTransaction ?? false) || (m.down?.noTransaction ?? false),
      file: m.file,
      checksum: m.checksum,
      appliedChecksum: record?.checksum ?? null,
      appliedAt: record?.appliedAt ?? null,
      appliedBy: record?.appliedBy ?? null,
      durationMs: record?.durationMs ?? null,
      dependencies: m.dependencies,
      dirty: record?.dirty ?? null,
    };
  });
  for (const record of applied) {
    if (localIds.has(record.id)) continue;
    const repeatable = isRepeatableId(record.id);
    const missing: MigrationState = {
      id: record.id,
      name: record.id,
      status: record.dirty ? 'dirty' : 'missing',
      outOfOrder: false,
      repeatable,
      reversible: false,
      noTransaction: false,
      file: null,
      checksum: null,
      appliedChecksum: record.checksum,
      appliedAt: record.appliedAt,
      appliedBy: record.appliedBy,
      durationMs: record.durationMs,
      dependencies: [],
      dirty: record.dirty,
    };
    // Repeatable migrations come after every versioned one, in id order; versions compare as the tool does.
    const at = repeatable ? states.findIndex((s) => s.repeatable && s.id > record.id) : states.findIndex((s) => s.repeatable || compare(s.id, record.id) > 0);
    if (at === -1) states.push(missing);
    else states.splice(at, 0, missing);
  }
  // A pending migration is out of order when something after it is already applied (repeatable ones have no order to keep).
  let seenApplied = false;
  for (let i = states.length - 1; i >= 0; i--) {
    const s = states[i] as MigrationState;
    if (s.repeatable) continue;
    if (s.status === 'pending') s.outOfOrder = seenApplied;
    else seenApplied = true;
  }
  return states;
}

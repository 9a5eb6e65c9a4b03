import { describe, expect, it } from 'vitest';
import { inlinePg, pgLiteral, ELAPSED_IN_TRANSACTION } from '../../../app/migrations/db';
import type { AppliedRecord, LocalMigration } from '../../../app/migrations/model';
import { planRun } from '../../../app/migrations/plan';
import { compareDigits } from '../../../app/migrations/source-files';
import { computeStatus } from '../../../app/migrations/status';

function local(id: string, opts: { reversible?: boolean; checksum?: string } = {}): LocalMigration {
  const reversible = opts.reversible ?? true;
  return {
    id,
    name: `m${id}`,
    file: `${id}.up.sql`,
    downFile: reversible ? `${id}.down.sql` : null,
    checksum: opts.checksum ?? `c${id}`,
    up: { sql: 'SELECT 1', noTransaction: false },
    down: reversible ? { sql: 'SELECT 2', noTransaction: false } : null,
    reversible,
    dependencies: [],
  };
}

function applied(id: string, extra: Partial<AppliedRecord> = {}): AppliedRecord {
  return { id, checksum: `c${id}`, appliedAt: null, appliedBy: null, durationMs: null, dirty: null, ...extra };
}

const ids = (steps: ReturnType<typeof planRun>) => steps.map((s) => `${s.direction}:${s.migration.id}`);

describe('status', () => {
  it('marks applied, pending, modified, missing and dirty migrations, and out-of-order pending ones', () => {
    const files = [local('1'), local('2'), local('3', { checksum: 'new' }), local('5')];
    const states = computeStatus(files, [applied('1'), applied('3'), applied('4'), applied('6', { dirty: { direction: 'up', statementIndex: 3, statement: 'x', error: 'e' } })], compareDigits);
    expect(states.map((s) => [s.id, s.status, s.outOfOrder])).toEqual([
      ['1', 'applied', false],
      ['2', 'pending', true],
      ['3', 'modified', false],
      ['4', 'missing', false],
      ['5', 'pending', true],
      ['6', 'dirty', false],
    ]);
  });
});

describe('planning', () => {
  const files = [local('1'), local('2'), local('3'), local('4')];
  const states = computeStatus(files, [applied('1'), applied('2')], compareDigits);

  it('applies every pending migration in order, or up to a target', () => {
    expect(ids(planRun(states, files, { direction: 'up' }))).toEqual(['up:3', 'up:4']);
    expect(ids(planRun(states, files, { direction: 'up', to: '3' }))).toEqual(['up:3']);
    expect(ids(planRun(states, files, { direction: 'up', to: '2' }))).toEqual([]);
  });

  it('rolls back the last migration, down to a target, or everything', () => {
    expect(ids(planRun(states, files, { direction: 'down' }))).toEqual(['down:2']);
    expect(ids(planRun(states, files, { direction: 'down', to: '1' }))).toEqual(['down:2']);
    expect(ids(planRun(states, files, { direction: 'down', to: 'zero' }))).toEqual(['down:2', 'down:1']);
  });

  it('refuses an unknown target', () => {
    expect(() => planRun(states, files, { direction: 'up', to: '9' })).toThrow(expect.objectContaining({ code: 'MIGRATION_NOT_FOUND' }));
  });

  it('refuses to run over a dirty migration', () => {
    const dirty = computeStatus(files, [applied('1', { dirty: { direction: 'up', statementIndex: 2, statement: 's', error: 'e' } })], compareDigits);
    expect(() => planRun(dirty, files, { direction: 'up' })).toThrow(expect.objectContaining({ code: 'MIGRATION_DIRTY' }));
  });

  it('refuses a modified applied migration unless allowed', () => {
    const modified = computeStatus(files, [applied('1', { checksum: 'old' })], compareDigits);
    expect(() => planRun(modified, files, { direction: 'up' })).toThrow(expect.objectContaining({ code: 'MIGRATION_MODIFIED' }));
    expect(ids(planRun(modified, files, { direction: 'up', allowModified: true }))).toEqual(['up:2', 'up:3', 'up:4']);
  });

  it('refuses to roll back a migration without a down script', () => {
    const oneWay = [local('1', { reversible: false }), local('2')];
    const st = computeStatus(oneWay, [applied('1'), applied('2')], compareDigits);
    expect(() => planRun(st, oneWay, { direction: 'down', to: 'zero' })).toThrow(expect.objectContaining({ code: 'MIGRATION_IRREVERSIBLE' }));
  });
});

describe('PostgreSQL literals for batched history rows', () => {
  it('quotes safely whatever standard_conforming_strings says', () => {
    expect(pgLiteral("it's")).toBe("'it''s'");
    expect(pgLiteral('a\\b')).toBe("E'a\\\\b'");
    expect(pgLiteral(null)).toBe('NULL');
    expect(pgLiteral(true)).toBe('TRUE');
    expect(pgLiteral(42)).toBe('42');
  });

  it('inlines parameters and the in-transaction duration', () => {
    expect(inlinePg({ sql: 'INSERT INTO t VALUES ($1, $2::int, $1)', params: ["o'k", ELAPSED_IN_TRANSACTION] })).toBe(
      "INSERT INTO t VALUES ('o''k', (extract(epoch FROM clock_timestamp() - now()) * 1000)::int::int, 'o''k')",
    );
  });
});

describe('Flyway repeatable migrations', () => {
  const repeatable = (id: string, checksum: string): LocalMigration => ({ ...local(id, { reversible: false, checksum }), id, name: id.slice(3).replace(/_/g, ' '), repeatable: true });
  const files = [local('1'), local('2'), repeatable('R__a_views', 'v2'), repeatable('R__b_procs', 'p1'), repeatable('R__c_new', 'n1')];

  it('are pending when new or changed (they run again), applied when unchanged, missing at the end, and never make others out of order', () => {
    const states = computeStatus(
      files,
      [applied('1'), applied('R__a_views', { checksum: 'v1' }), applied('R__b_procs', { checksum: 'p1' }), applied('R__0_gone', { checksum: 'g' }), applied('R__z_gone', { checksum: 'z' })],
      compareDigits,
    );
    expect(states.map((s) => [s.id, s.status, s.outOfOrder, s.repeatable])).toEqual([
      ['1', 'applied', false, false],
      ['2', 'pending', false, false],
      ['R__0_gone', 'missing', false, true],
      ['R__a_views', 'pending', false, true],
      ['R__b_procs', 'applied', false, true],
      ['R__c_new', 'pending', false, true],
      ['R__z_gone', 'missing', false, true],
    ]);
  });

  it('run after the versioned ones, up to a target only when the target is one of them, and are never rolled back', () => {
    const states = computeStatus(files, [applied('1'), applied('R__b_procs', { checksum: 'p0' })], compareDigits);
    expect(ids(planRun(states, files, { direction: 'up' }))).toEqual(['up:2', 'up:R__a_views', 'up:R__b_procs', 'up:R__c_new']);
    expect(ids(planRun(states, files, { direction: 'up', to: '2' }))).toEqual(['up:2']);
    expect(ids(planRun(states, files, { direction: 'up', to: 'R__a_views' }))).toEqual(['up:2', 'up:R__a_views']);
    const after = computeStatus(files, [applied('1'), applied('2'), applied('R__a_views', { checksum: 'v2' })], compareDigits);
    expect(ids(planRun(after, files, { direction: 'down', to: 'zero' }))).toEqual(['down:2', 'down:1']);
    expect(ids(planRun(after, files, { direction: 'down' }))).toEqual(['down:2']);
  });
});

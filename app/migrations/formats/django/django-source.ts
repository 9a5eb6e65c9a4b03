/**
 * A Django project against one database. Django plans and applies (its own `manage.py migrate`,
 * with the project's interpreter and the profile as DATABASE_URL); Sluice adds what Django lacks:
 * the wrong-database guard, one lock around the run, checksums, and a dirty mark written before
 * each migration that cannot roll back as a whole (MySQL, or `atomic = False`).
 */
import { readFile } from 'node:fs/promises';
import type { MigrationRunResult, MigrationStatusReport } from '../../../api/calls/migration-calls';
import { SluiceError } from '../../../api/errors';
import type { ConnectionConfig } from '../../../connections/connection-config';
import { existingTables, exec, type Db, type SqlCommand } from '../../db';
import { runAtomically } from '../../execute-plan';
import { checkIntegrity } from '../../plan';
import type { ProgressSink } from '../../progress';
import { appliedBy, openRunSession } from '../../run-session';
import { createSluiceTable, forgetRow, recordApplied, recordDirty, SLUICE_TABLE } from '../../sluice-history';
import type { ApplyRequest, MigrationSource } from '../../source';
import { computeStatus } from '../../status';
import { underLock } from '../../under-lock';
import { databaseUrl } from './database-url';
import { guardDatabase } from './django-guard';
import { DJANGO_TABLE, forgetDjangoApplied, readDjangoHistory, recordDjangoApplied } from './django-history';
import { planDjangoRun } from './django-plan';
import { planOrder, probeProject, type DjangoMigration, type DjangoProject } from './django-project';
import { djangoFailed, runManagePy, type Announcement, type ManagePyOptions } from './manage-py';
import { pickPython } from './python-interpreter';

type Outcome = MigrationRunResult['outcomes'][number];

/** How the project is run. */
export interface DjangoOptions {
  python?: string | undefined;
  databaseUrlVar?: string | undefined;
  env?: Record<string, string> | undefined;
  /** The environment manage.py inherits. */
  baseEnv: NodeJS.ProcessEnv;
}

/** PostgreSQL timeouts reach Django's own connection through libpq's PGOPTIONS. */
function pgOptions(base: string | undefined, request: ApplyRequest): string | undefined {
  const extra = [
    ...(request.lockTimeoutMs ? [`-c lock_timeout=${request.lockTimeoutMs}`] : []),
    ...(request.statementTimeoutMs ? [`-c statement_timeout=${request.statementTimeoutMs}`] : []),
  ];
  return extra.length ? [base, ...extra].filter(Boolean).join(' ') : base;
}

/** Builds the source for a Django project. */
export function djangoSource(config: ConnectionConfig, dir: string, options: DjangoOptions): MigrationSource {
  const variable = options.databaseUrlVar ?? 'DATABASE_URL';
  const python = pickPython(dir, options.python, options.baseEnv);
  const secrets = config.password ? [config.password] : [];

  async function withManage<T>(extraEnv: NodeJS.ProcessEnv, work: (manage: Omit<ManagePyOptions, 'gate' | 'onAnnounce'>) => Promise<T>): Promise<T> {
    const url = await databaseUrl(config);
    try {
      return await work({ python, dir, secrets, env: { ...options.baseEnv, ...options.env, ...extraEnv, [variable]: url.url } });
    } finally {
      await url.cleanup();
    }
  }

  async function readState(db: Db, project: DjangoProject) {
    const tables = await existingTables(db, [DJANGO_TABLE, SLUICE_TABLE]);
    const applied = await readDjangoHistory(db, tables);
    return { states: computeStatus(project.migrations, applied, planOrder(project.migrations)), tables };
  }

  const report = (migrations: MigrationStatusReport['migrations']): MigrationStatusReport => ({ format: 'django', dir, historyTable: DJANGO_TABLE, migrations });

  async function runMigrate(db: Db, project: DjangoProject, args: string[], expected: readonly DjangoMigration[], manage: Omit<ManagePyOptions, 'gate' | 'onAnnounce'>, emit: ProgressSink): Promise<MigrationRunResult> {
    const byId = new Map(project.migrations.map((m) => [m.id, m]));
    const by = appliedBy();
    const outcomes = new Map<string, Outcome>(expected.map((m) => [m.id, { id: m.id, status: 'not-executed' }]));
    let current: { id: string; direction: 'up' | 'down'; started: number; marked: boolean } | null = null;
    let index = 0;
    const write = async (commands: SqlCommand[]) => {
      for (const command of commands) await exec(db, command);
    };
    const onAnnounce = async ({ kind, id }: Announcement) => {
      const m = byId.get(id);
      const checksum = m?.checksum ?? null;
      if (kind === 'apply' || kind === 'unapply') {
        const dir = kind === 'apply' ? 'up' : 'down';
        const marked = config.dialect === 'mysql' || m?.atomic === false;
        if (marked) await write([recordDirty(db, 'django', id, checksum, by, { direction: dir, statementIndex: null, statement: null, error: null })]);
        current = { id, direction: dir, started: performance.now(), marked };
        emit({ kind: 'migration-started', id, index: ++index, total: Math.max(expected.length, index) });
        return;
      }
      const durationMs = current?.id === id ? performance.now() - current.started : 0;
      await write([kind === 'applied' ? recordApplied(db, 'django', id, checksum, by, durationMs) : forgetRow(db, 'django', id)]);
      outcomes.set(id, { id, status: 'success', durationMs });
      emit({ kind: 'migration-finished', id, durationMs });
      current = null;
    };
    const result = await runManagePy(args, {
      ...manage,
      gate: true,
      onAnnounce,
      onLine: (_stream, line) => emit({ kind: 'output', id: (current as { id: string } | null)?.id ?? null, line }),
    });
    const failedRun = current as { id: string; direction: 'up' | 'down'; marked: boolean } | null;
    if (result.code === 0 && !failedRun) return { direction: 'up', outcomes: [...outcomes.values()], ok: true };
    if (!failedRun) throw djangoFailed(args, result);
    const last = [...result.tail].reverse().find((l) => l.trim() !== '') ?? `manage.py exited with ${result.code ?? result.signal}`;
    if (failedRun.marked) {
      await write([recordDirty(db, 'django', failedRun.id, byId.get(failedRun.id)?.checksum ?? null, by, { direction: failedRun.direction, statementIndex: null, statement: null, error: last.slice(0, 4000) })]).catch(() => undefined);
    }
    outcomes.set(failedRun.id, {
      id: failedRun.id,
      status: 'error',
      error: {
        code: 'MIGRATION_FAILED',
        message: `Django migration ${failedRun.id} failed: ${last.slice(0, 500)}`,
        hint: failedRun.marked ? 'The database may be half-migrated (MySQL cannot roll back DDL): fix it by hand, then mark the migration resolved.' : 'Django rolled the migration back; fix it and run again.',
      },
    });
    return { direction: failedRun.direction, outcomes: [...outcomes.values()], ok: false };
  }

  return {
    status: () =>
      withManage({}, async (manage) => {
        const project = await probeProject(manage);
        const db = await openRunSession(config);
        try {
          return report((await readState(db, project)).states);
        } finally {
          await db.session.close();
        }
      }),
    source: (id) =>
      withManage({}, async (manage) => {
        const project = await probeProject(manage);
        const m = project.migrations.find((x) => x.id === id);
        if (!m) throw new SluiceError('MIGRATION_NOT_FOUND', { message: `Django knows no migration "${id.slice(0, 200)}".`, details: { id } });
        // sqlmigrate can fail for one direction only (on MySQL, --backwards inspects tables a pending
        // migration has not created yet): keep the other panes and say why this one is empty.
        const sql = async (extra: string[]): Promise<{ text: string | null; reason: string | null }> => {
          const args = ['sqlmigrate', m.app, m.migrationName, ...extra];
          const result = await runManagePy(args, manage);
          if (result.code === 0) return { text: result.stdout.join('\n'), reason: null };
          return { text: null, reason: djangoFailed(args, result).message };
        };
        const up = await sql([]);
        const down = m.reversible ? await sql(['--backwards']) : { text: null, reason: null };
        return {
          id,
          format: 'django' as const,
          file: m.file,
          python: m.path ? await readFile(m.path, 'utf8') : null,
          up: up.text,
          down: down.text,
          unavailable: { up: up.reason, down: down.reason },
        };
      }),
    apply: (request, emit) =>
      withManage({ PGOPTIONS: config.dialect === 'postgres' ? pgOptions(options.baseEnv.PGOPTIONS, request) : options.baseEnv.PGOPTIONS }, (manage) =>
        underLock(config, request.lockWaitMs, (holder) => emit({ kind: 'locked', holder }), async (db) => {
          const project = await probeProject(manage);
          guardDatabase(project.database, config, variable);
          const { states, tables } = await readState(db, project);
          checkIntegrity(states, request.allowModified ?? false);
          const run = planDjangoRun(project.migrations, states, request);
          if (!run) return { direction: request.direction, outcomes: [], ok: true };
          if (!tables.has(SLUICE_TABLE)) await exec(db, createSluiceTable(db));
          const result = await runMigrate(db, project, run.args, run.expected, manage, emit);
          return { ...result, direction: request.direction };
        }),
      ),
    resolve: (id, as, lockWaitMs) =>
      withManage({}, (manage) =>
        underLock(config, lockWaitMs, undefined, async (db) => {
          const project = await probeProject(manage);
          const { states } = await readState(db, project);
          const dirty = states.filter((s) => s.status === 'dirty');
          if (id === undefined && dirty.length !== 1) {
            throw new SluiceError(dirty.length === 0 ? 'MIGRATION_NOT_DIRTY' : 'BAD_INPUT', {
              message: dirty.length === 0 ? 'No migration is marked dirty.' : `Several migrations are dirty (${dirty.map((d) => d.id).join(', ')}); name one.`,
            });
          }
          const target = id === undefined ? dirty[0] : states.find((s) => s.id === id);
          if (!target) throw new SluiceError('MIGRATION_NOT_FOUND', { message: `No migration "${String(id).slice(0, 200)}".`, details: { id } });
          if (target.status !== 'dirty') throw new SluiceError('MIGRATION_NOT_DIRTY', { message: `Migration ${target.id} is not marked dirty.`, details: { id: target.id } });
          const dot = target.id.indexOf('.');
          const [app, name] = [target.id.slice(0, dot), target.id.slice(dot + 1)];
          const checksum = project.migrations.find((m) => m.id === target.id)?.checksum ?? null;
          await runAtomically(
            db,
            as === 'applied'
              ? [recordDjangoApplied(db, app, name), recordApplied(db, 'django', target.id, checksum, appliedBy(), null)]
              : [forgetDjangoApplied(db, app, name), forgetRow(db, 'django', target.id)],
          );
          return report((await readState(db, project)).states);
        }),
      ),
  };
}

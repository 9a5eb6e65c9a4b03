/** What Django says about a project: its database settings and its migrations in plan order, as Sluice's model. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SluiceError } from '../../../api/errors';
import { sluiceChecksum } from '../../checksum';
import type { LocalMigration } from '../../model';
import type { DjangoDatabase } from './django-guard';
import { djangoFailed, runManagePy, type ManagePyOptions } from './manage-py';
import { PROBE_CODE } from './python-snippets';

/** One Django migration beyond the common model. */

/** A migration file as the user knows it: relative inside the project, absolute outside (Django's own apps live in site-packages). */
function shownPath(projectDir: string, file: string): string {
  const relative = path.relative(projectDir, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
export interface DjangoMigration extends LocalMigration {
  app: string;
  migrationName: string;
  /** Runs in one transaction where the database allows it (Django's Migration.atomic). */
  atomic: boolean;
  /** Absolute path of the migration module. */
  path: string | null;
}

/** The probe's answer. */
export interface DjangoProject {
  database: DjangoDatabase;
  migrations: DjangoMigration[];
}

interface ProbeMigration {
  app: string;
  name: string;
  file: string | null;
  dependencies: string[];
  reversible: boolean;
  atomic: boolean;
}

/** Runs the probe through manage.py and reads each migration file for its checksum. */
export async function probeProject(options: Omit<ManagePyOptions, 'gate' | 'onAnnounce'>): Promise<DjangoProject> {
  const args = ['shell', '-c', PROBE_CODE];
  const result = await runManagePy(args, options);
  const json = result.markers.find((m) => m.startsWith('json '));
  if (result.code !== 0 || !json) throw djangoFailed(['shell', '-c', '<sluice probe>'], result);
  const answer = JSON.parse(json.slice(5)) as { database: DjangoDatabase; migrations: ProbeMigration[] };
  const migrations = await Promise.all(
    answer.migrations.map(async (m): Promise<DjangoMigration> => {
      const source = m.file ? await readFile(m.file, 'utf8').catch(() => null) : null;
      if (m.file && source === null) throw new SluiceError('MIGRATION_SOURCE_INVALID', { message: `Django migration ${m.app}.${m.name} could not be read.`, details: { file: m.file } });
      return {
        id: `${m.app}.${m.name}`,
        name: m.name,
        app: m.app,
        migrationName: m.name,
        file: m.file ? shownPath(options.dir, m.file) : null,
        path: m.file,
        downFile: null,
        checksum: sluiceChecksum(source ?? ''),
        up: null,
        down: null,
        reversible: m.reversible,
        dependencies: m.dependencies,
        atomic: m.atomic,
      };
    }),
  );
  return { database: answer.database, migrations };
}

/** Orders ids by Django's plan; ids Django no longer knows go last, by name. */
export function planOrder(migrations: readonly DjangoMigration[]): (a: string, b: string) => number {
  const index = new Map(migrations.map((m, i) => [m.id, i]));
  return (a, b) => (index.get(a) ?? Number.MAX_SAFE_INTEGER) - (index.get(b) ?? Number.MAX_SAFE_INTEGER) || a.localeCompare(b);
}

/** The migration and every migration it depends on, in plan order. */
export function withDependencies(migrations: readonly DjangoMigration[], id: string): DjangoMigration[] {
  const byId = new Map(migrations.map((m) => [m.id, m]));
  const needed = new Set<string>();
  const visit = (current: string) => {
    if (needed.has(current)) return;
    needed.add(current);
    for (const dep of byId.get(current)?.dependencies ?? []) visit(dep);
  };
  visit(id);
  return migrations.filter((m) => needed.has(m.id));
}

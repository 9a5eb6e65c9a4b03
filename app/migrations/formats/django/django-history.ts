/** Django's `django_migrations(id, app, name, applied)`, written by Django itself; Sluice adds checksums and dirty marks in its own table. */
import { exec, plain, rowsOf, sqlFor, type Db, type SqlCommand } from '../../db';
import type { AppliedRecord } from '../../model';
import { readSluiceRows, SLUICE_TABLE, withSluiceRow } from '../../sluice-history';

/** Django's table. */
export const DJANGO_TABLE = 'django_migrations';

/** Applied and dirty migrations: Django's rows, with Sluice's checksum, who and how long, and dirty marks. */
export async function readDjangoHistory(db: Db, tables: ReadonlySet<string>): Promise<AppliedRecord[]> {
  const sluice = tables.has(SLUICE_TABLE) ? await readSluiceRows(db, 'django') : new Map();
  const rows = tables.has(DJANGO_TABLE) ? rowsOf(await exec(db, plain(`SELECT app, name, applied FROM ${DJANGO_TABLE} ORDER BY id`))) : [];
  const records: AppliedRecord[] = rows.map((row) => {
    const id = `${String(row.app)}.${String(row.name)}`;
    const applied = row.applied === null ? null : db.dialect === 'postgres' ? String(row.applied) : `${String(row.applied).replace(' ', 'T')}Z`;
    return withSluiceRow({ id, checksum: null, appliedAt: applied, appliedBy: null, durationMs: null, dirty: null }, sluice.get(id));
  });
  const seen = new Set(records.map((r) => r.id));
  for (const row of sluice.values()) {
    if (row.status === 'dirty' && !seen.has(row.id)) {
      records.push({ id: row.id, checksum: row.checksum, appliedAt: null, appliedBy: row.appliedBy, durationMs: null, dirty: row.dirty });
    }
  }
  return records;
}

/** Records a migration as applied the way Django's MigrationRecorder does (for "resolved as applied"). */
export function recordDjangoApplied(db: Db, app: string, name: string): SqlCommand {
  const q = sqlFor(db.dialect);
  return db.dialect === 'postgres'
    ? q`INSERT INTO django_migrations (app, name, applied) SELECT ${app}::varchar, ${name}::varchar, now() WHERE NOT EXISTS (SELECT 1 FROM django_migrations WHERE app = ${app} AND name = ${name})`
    : q`INSERT INTO django_migrations (app, name, applied) SELECT ${app}, ${name}, UTC_TIMESTAMP(6) FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM django_migrations WHERE app = ${app} AND name = ${name})`;
}

/** Removes Django's row (for "resolved as rolled back"). */
export function forgetDjangoApplied(db: Db, app: string, name: string): SqlCommand {
  return sqlFor(db.dialect)`DELETE FROM django_migrations WHERE app = ${app} AND name = ${name}`;
}

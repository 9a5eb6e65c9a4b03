/**
 * golang-migrate and dbmate both keep their history in a table named `schema_migrations`.
 * Reading one tool's table as the other's would misread every version, and writing it would
 * break the other tool, so the table's shape is checked first: golang-migrate's has `dirty`.
 */
import { SluiceError } from '../../api/errors';
import { exec, plain, type Db } from '../db';

/** Which tool wrote a `schema_migrations` table, from its columns. */
export type SchemaMigrationsOwner = 'golang-migrate' | 'dbmate';

/** Throws MIGRATION_HISTORY_MISMATCH unless the existing `schema_migrations` is `expected`'s. */
export async function assertSchemaMigrationsOwner(db: Db, expected: SchemaMigrationsOwner): Promise<void> {
  const columns = (await exec(db, plain('SELECT * FROM schema_migrations WHERE 1 = 0'))).columns.map((c) => c.name.toLowerCase());
  const owner: SchemaMigrationsOwner = columns.includes('dirty') ? 'golang-migrate' : 'dbmate';
  if (owner !== expected) {
    throw new SluiceError('MIGRATION_HISTORY_MISMATCH', {
      message: `This database's schema_migrations table belongs to ${owner}, but the folder is a ${expected} folder.`,
      details: { table: 'schema_migrations', owner, folder: expected, columns },
    });
  }
}

/** Recognises a linked folder's format from its files, as each tool would find its own. */
import type { MigrationFormat } from '../../api/calls/migration-calls';
import { SluiceError } from '../../api/errors';
import { listFiles } from '../source-files';
import { SQL_FORMATS } from './sql-formats';

/** Detects the format from the folder's file names (relative, recursive); null when none fits. */
export function detectFormatFromFiles(files: readonly string[]): MigrationFormat | null {
  if (files.includes('manage.py')) return 'django';
  return SQL_FORMATS.find((f) => f.detect(files))?.name ?? null;
}

/** Detects the format of `dir`, or throws MIGRATION_FORMAT_UNKNOWN. */
export async function detectFormat(dir: string): Promise<MigrationFormat> {
  // A Django project may hold a virtualenv: look for manage.py before walking the tree.
  if ((await listFiles(dir)).includes('manage.py')) return 'django';
  const files = await listFiles(dir, true);
  const format = detectFormatFromFiles(files.filter((f) => !f.split('/').some((part) => part.startsWith('.') || part === 'node_modules')));
  if (!format) throw new SluiceError('MIGRATION_FORMAT_UNKNOWN', { details: { dir } });
  return format;
}

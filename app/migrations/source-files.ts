/** Reading a linked folder: file names and texts, with errors that name the file. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SluiceError } from '../api/errors';

/*
 * Synchronous on purpose: a folder of a few hundred small files reads in a few milliseconds
 * synchronously, while one promise per file costs several times that in scheduling.
 */

/** File names directly in `dir` (or below it when `recursive`), as paths relative to `dir` with `/`. */
export async function listFiles(dir: string, recursive = false): Promise<string[]> {
  try {
    const entries = readdirSync(dir, { withFileTypes: true, recursive });
    return entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath ?? dir, e.name)).split(path.sep).join('/'))
      .sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    throw new SluiceError('MIGRATION_SOURCE_INVALID', { message: `The migration folder could not be read (${code}).`, details: { dir, code } });
  }
}

/** The UTF-8 text of a migration file. */
export async function readText(dir: string, file: string): Promise<string> {
  try {
    return readFileSync(path.join(dir, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    throw new SluiceError('MIGRATION_SOURCE_INVALID', { message: `The migration file ${file} could not be read (${code}).`, details: { file, code } });
  }
}

/** A source error naming the file and what is wrong with it. */
export function invalidSource(file: string, problem: string): SluiceError {
  return new SluiceError('MIGRATION_SOURCE_INVALID', { message: `${file}: ${problem}`, details: { file } });
}

/** Compares two digit strings as unsigned integers (versions can exceed 2^53). */
export function compareDigits(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

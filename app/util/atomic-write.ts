/**
 * Replaces a file so that a reader (or a crash at any moment) sees either the old content or
 * the new one, never a mix: write a temp file in the same folder, fsync it, rename it over
 * the target, fsync the folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Test seams: run between "temp file durable" and "rename". */
export interface AtomicWriteHooks {
  beforeRename?: (tempPath: string) => Promise<void> | void;
}

/** Options for writeFileAtomic. */
export interface AtomicWriteOptions {
  /** Permissions of the new file; default 0o600 (only this user: it may name hosts and users). */
  mode?: number;
  hooks?: AtomicWriteHooks;
}

/** Temp files look like `.profiles.json.<pid>.<random>.tmp`, next to the target. */
export function isTempFileOf(target: string, candidate: string): boolean {
  const base = path.basename(target);
  const name = path.basename(candidate);
  return name.startsWith(`.${base}.`) && name.endsWith('.tmp');
}

async function fsyncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Atomically replaces `target` with `data`, creating its folder (0o700) when missing. */
export async function writeFileAtomic(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.hooks?.beforeRename?.(temp);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await fsyncDir(dir);
}

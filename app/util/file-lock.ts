/**
 * A lock on a file that other processes respect (proper-lockfile: a `<file>.lock` directory whose
 * time the holder refreshes; a crashed holder's lock counts as stale after 10 s). Guards a
 * read-modify-write of a file that the app, the web door and the CLI may all change at once.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { lock } from 'proper-lockfile';

/** How long to wait for another process's lock, and how stale a dead holder's lock may get. */
export interface FileLockOptions {
  waitMs?: number;
  staleMs?: number;
}

/** Thrown when another process held the lock for the whole wait. */
export class FileLockBusy extends Error {
  constructor(readonly file: string) {
    super(`${file} is locked by another process`);
  }
}

/** Runs `fn` while holding the lock of `file` (which need not exist yet); releases it after. */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const waitMs = options.waitMs ?? 10_000;
  const staleMs = Math.max(2_000, options.staleMs ?? 10_000);
  await mkdir(path.dirname(file), { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lock(file, {
      realpath: false,
      stale: staleMs,
      // Retries 25 ms apart at first, then up to 250 ms apart, for about `waitMs` in all.
      retries: { retries: Math.ceil(waitMs / 200), factor: 1.5, minTimeout: 25, maxTimeout: 250 },
      // The default throws from a timer (and so ends the process) when the lock is lost; the
      // write that follows is atomic anyway, so losing the lock late only loses exclusivity.
      onCompromised: () => undefined,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new FileLockBusy(file);
    throw err;
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

/**
 * Changes to one file, one at a time: within this process through a queue, across processes
 * through withFileLock. `busy` makes the error a caller sees when another process kept the lock.
 */
export class ExclusiveFile {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly busy: () => Error,
    private readonly waitMs = 10_000,
  ) {}

  /** Runs `change` once every earlier change here, and any other process's, is done. */
  run<T>(change: () => Promise<T>): Promise<T> {
    const locked = () =>
      withFileLock(this.path, change, { waitMs: this.waitMs }).catch((err: unknown) => {
        throw err instanceof FileLockBusy ? this.busy() : err;
      });
    const run = this.queue.then(locked, locked);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * profiles.json in the data dir: `{ "version": 1, "profiles": [...] }`. Writes are atomic
 * (temp file, fsync, rename) and serialized within the process and across processes (the app,
 * the web door and the CLI share the data dir: each change reads and writes under a file lock,
 * so none overwrites another's). A missing file is an empty
 * store; a corrupt file or one from a newer Sluice is a typed error and is never replaced:
 * every write reads the file first, so saving refuses until the user resolves it.
 */
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SluiceError } from '../../api/errors';
import { writeFileAtomic, type AtomicWriteHooks } from '../../util/atomic-write';
import { ExclusiveFile } from '../../util/file-lock';
import { Profile } from './profile';

/** The file name in the data dir. */
export const PROFILES_FILE = 'profiles.json';

/** The format this Sluice reads and writes. Bump it (and migrate) on any incompatible change. */
export const PROFILES_VERSION = 1;

const MAX_FILE_BYTES = 16 * 1024 * 1024;

const StoreFile = z.object({ version: z.literal(PROFILES_VERSION), profiles: z.array(Profile).max(10_000) });

/** Reads and writes the profile file of one data dir. */
export class ProfileStore {
  readonly path: string;
  private readonly file: ExclusiveFile;

  constructor(
    dataDir: string,
    private readonly hooks: AtomicWriteHooks = {},
    /** How long a change waits for another process's lock before PROFILE_STORE_BUSY. */
    private readonly lockWaitMs = 10_000,
  ) {
    this.path = path.join(dataDir, PROFILES_FILE);
    this.file = new ExclusiveFile(this.path, () => new SluiceError('PROFILE_STORE_BUSY', { details: { path: this.path } }), lockWaitMs);
  }

  /** Every profile, in the order saved. */
  async list(): Promise<Profile[]> {
    return this.read();
  }

  /** One profile; PROFILE_NOT_FOUND when there is none with this id. */
  async get(id: string): Promise<Profile> {
    const profile = (await this.read()).find((p) => p.id === id);
    if (!profile) throw new SluiceError('PROFILE_NOT_FOUND', { details: { id } });
    return profile;
  }

  /**
   * Reads the current list, applies `change` and writes the result atomically, all under the
   * store's lock so concurrent changes in this process never lose each other.
   */
  mutate<T>(change: (profiles: Profile[]) => { profiles: Profile[]; result: T }): Promise<T> {
    return this.file.run(async () => {
      const { profiles, result } = change(await this.read());
      const file = StoreFile.parse({ version: PROFILES_VERSION, profiles });
      await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, hooks: this.hooks });
      return result;
    });
  }

  /**
   * Moves an unreadable file aside (`profiles.json.unreadable-<time>`) so the user can start
   * afresh; only ever on the user's request. Returns the new path, or null when the file was fine.
   */
  setAside(now = new Date()): Promise<string | null> {
    return this.file.run(async () => {
      try {
        await this.read();
        return null;
      } catch (err) {
        if (!(err instanceof SluiceError) || (err.code !== 'PROFILE_STORE_CORRUPT' && err.code !== 'PROFILE_STORE_TOO_NEW')) throw err;
      }
      const target = `${this.path}.unreadable-${now.toISOString().replace(/[:.]/g, '-')}`;
      await rename(this.path, target);
      return target;
    });
  }

  private corrupt(reason: string, issues?: Array<{ path: string; message: string }>): SluiceError {
    return new SluiceError('PROFILE_STORE_CORRUPT', {
      message: `The saved connection profiles could not be read: ${reason}.`,
      details: { path: this.path, reason, ...(issues ? { issues } : {}) },
    });
  }

  private async read(): Promise<Profile[]> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return [];
      throw this.corrupt(`the file could not be opened (${code ?? 'EIO'})`);
    }
    if (bytes.length > MAX_FILE_BYTES) throw this.corrupt('the file is too large');
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw this.corrupt('it is not valid JSON');
    }
    const version = (parsed as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && Number.isInteger(version) && version > PROFILES_VERSION) {
      throw new SluiceError('PROFILE_STORE_TOO_NEW', {
        message: `The saved connection profiles use format ${version}; this Sluice reads format ${PROFILES_VERSION}.`,
        details: { path: this.path, version, supported: PROFILES_VERSION },
      });
    }
    const result = StoreFile.safeParse(parsed);
    if (!result.success) {
      const issues = result.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw this.corrupt('its content does not match the profile format', issues);
    }
    const ids = new Set<string>();
    for (const profile of result.data.profiles) {
      if (ids.has(profile.id)) throw this.corrupt(`the id ${profile.id} appears twice`);
      ids.add(profile.id);
    }
    return result.data.profiles;
  }
}

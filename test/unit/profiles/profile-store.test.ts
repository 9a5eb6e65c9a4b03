import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lock } from 'proper-lockfile';
import { beforeEach, describe, expect, it } from 'vitest';
import { SluiceError } from '../../../app/api/errors';
import { PROFILES_FILE, ProfileStore } from '../../../app/connections/profiles/profile-store';
import { isTempFileOf } from '../../../app/util/atomic-write';
import { makeProfile } from './fixtures/profiles';

const here = path.dirname(fileURLToPath(import.meta.url));

async function errorOf(promise: Promise<unknown>): Promise<SluiceError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof SluiceError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

const add = (store: ProfileStore, id: string, name = id) =>
  store.mutate((list) => ({ profiles: [...list, makeProfile({ id, name })], result: null }));

describe('ProfileStore', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-profiles-'));
    file = path.join(dir, PROFILES_FILE);
  });

  it('treats a missing file as an empty store', async () => {
    expect(await new ProfileStore(dir).list()).toEqual([]);
  });

  it('round-trips profiles through a versioned file, including every SSL and CA kind', async () => {
    const profiles = [
      makeProfile({ id: 'a-1', ssl: { mode: 'verify-full', ca: { kind: 'system' } } }),
      makeProfile({ id: 'b-1', ssl: { mode: 'verify-ca', ca: { kind: 'pem', pem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' }, clientCert: { certPath: '/c.pem', keyPath: '/k.pem' } } }),
      makeProfile({ id: 'c-1', dialect: 'mysql', detectedEngine: 'mariadb', ssl: { mode: 'require' }, hostaddr: '10.0.0.5' }),
      makeProfile({ id: 'd-1', ssl: { mode: 'disable' }, replicas: [{ id: 'r-1', name: 'read-1', host: '10.0.0.6', port: 5432, user: 'ro', secretRef: 'secret_x' }] }),
    ];
    const store = new ProfileStore(dir);
    await store.mutate(() => ({ profiles, result: null }));
    expect(await new ProfileStore(dir).list()).toEqual(profiles);
    const onDisk = JSON.parse(await readFile(file, 'utf8'));
    expect(onDisk.version).toBe(1);
    expect(onDisk.profiles).toHaveLength(4);
  });

  it('writes the file readable by this user only', async () => {
    await add(new ProfileStore(dir), 'a-1');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('serializes concurrent writes so none is lost', async () => {
    const store = new ProfileStore(dir);
    await Promise.all(Array.from({ length: 40 }, (_, i) => add(store, `p-${i}`)));
    const ids = (await store.list()).map((p) => p.id).sort();
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
  });

  it('loses no change when several processes write the same data dir at once', { timeout: 60_000 }, async () => {
    const run = (tag: string) =>
      new Promise<void>((resolve, reject) =>
        execFile(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures', 'add-profiles.ts'), dir, tag, '15'], { timeout: 50_000 }, (err, _stdout, stderr) =>
          err ? reject(new Error(`${tag}: ${stderr || err.message}`)) : resolve(),
        ),
      );
    await Promise.all(['p1', 'p2', 'p3', 'p4'].map(run));
    const ids = (await new ProfileStore(dir).list()).map((p) => p.id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    // The lock is given back: nothing of it is left next to the file.
    expect((await readdir(dir)).sort()).toEqual([PROFILES_FILE]);
  });

  it('answers PROFILE_STORE_BUSY while another process holds the lock, and takes over a dead holder’s stale lock', async () => {
    await add(new ProfileStore(dir), 'first');
    const release = await lock(file, { realpath: false });
    const busy = await errorOf(add(new ProfileStore(dir, {}, 300), 'blocked'));
    expect(busy.code).toBe('PROFILE_STORE_BUSY');
    expect(busy.details?.path).toBe(file);
    await release();
    await add(new ProfileStore(dir, {}, 300), 'after');
    // A holder that died without giving the lock back: its lock stops being refreshed and goes stale.
    await mkdir(`${file}.lock`);
    const old = new Date(Date.now() - 60_000);
    await utimes(`${file}.lock`, old, old);
    await add(new ProfileStore(dir, {}, 300), 'stale');
    expect((await new ProfileStore(dir).list()).map((p) => p.id)).toEqual(['first', 'after', 'stale']);
  });

  it('keeps the old file intact when the process is killed between temp write and rename', async () => {
    await add(new ProfileStore(dir), 'kept-1', 'Kept');
    const before = await readFile(file);
    const child = await new Promise<{ signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures', 'crash-mid-write.ts'), dir], { timeout: 30_000 }, (err, _stdout, stderr) =>
        resolve({ signal: (err as { signal?: NodeJS.Signals } | null)?.signal ?? null, stderr }),
      );
    });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    // The crash happened after the temp file was written: it is still there, next to an untouched target.
    const leftovers = (await readdir(dir)).filter((name) => isTempFileOf(file, name));
    expect(leftovers).toHaveLength(1);
    expect(await readFile(path.join(dir, leftovers[0] as string), 'utf8')).toContain('never-saved-0000');
    expect(await readFile(file)).toEqual(before);
    const store = new ProfileStore(dir);
    expect((await store.list()).map((p) => p.id)).toEqual(['kept-1']);
    // The killed writer held the lock; nobody refreshes it any more, so after 10 s it is stale. Age it instead of waiting.
    expect((await stat(`${file}.lock`)).isDirectory()).toBe(true);
    const old = new Date(Date.now() - 60_000);
    await utimes(`${file}.lock`, old, old);
    // And the store keeps working beside the leftover.
    await add(store, 'after-1');
    expect((await store.list()).map((p) => p.id)).toEqual(['kept-1', 'after-1']);
  });

  it('removes its temp file and keeps the old file when a write fails before the rename', async () => {
    await add(new ProfileStore(dir), 'kept-1');
    const before = await readFile(file);
    const failing = new ProfileStore(dir, {
      beforeRename: () => {
        throw new Error('disk full');
      },
    });
    await expect(add(failing, 'lost-1')).rejects.toThrow('disk full');
    expect(await readFile(file)).toEqual(before);
    expect((await readdir(dir)).filter((name) => isTempFileOf(file, name))).toEqual([]);
  });

  it('reports a corrupt file as PROFILE_STORE_CORRUPT, keeps it byte for byte, and refuses to save over it', async () => {
    const garbage = '{"version": 1, "profiles": [ {"id": "x" ';
    await writeFile(file, garbage);
    const store = new ProfileStore(dir);
    const err = await errorOf(store.list());
    expect(err.code).toBe('PROFILE_STORE_CORRUPT');
    expect(err.details).toMatchObject({ path: file });
    expect(err.hint).toMatch(/untouched/);
    expect((await errorOf(add(store, 'new-1'))).code).toBe('PROFILE_STORE_CORRUPT');
    expect(await readFile(file, 'utf8')).toBe(garbage);
  });

  it('reports a file whose profiles break the schema as corrupt, naming the field', async () => {
    const bad = JSON.stringify({ version: 1, profiles: [{ ...makeProfile(), port: 70000 }] });
    await writeFile(file, bad);
    const err = await errorOf(new ProfileStore(dir).list());
    expect(err.code).toBe('PROFILE_STORE_CORRUPT');
    expect(JSON.stringify(err.details)).toContain('profiles.0.port');
    expect(await readFile(file, 'utf8')).toBe(bad);
  });

  it('reports duplicate ids as corrupt', async () => {
    await writeFile(file, JSON.stringify({ version: 1, profiles: [makeProfile(), makeProfile()] }));
    expect((await errorOf(new ProfileStore(dir).list())).code).toBe('PROFILE_STORE_CORRUPT');
  });

  it('reports a file from a newer Sluice as PROFILE_STORE_TOO_NEW, keeps it and refuses to save', async () => {
    const newer = JSON.stringify({ version: 2, profiles: [{ id: 'from-the-future', shape: 'unknown' }] });
    await writeFile(file, newer);
    const store = new ProfileStore(dir);
    const err = await errorOf(store.list());
    expect(err.code).toBe('PROFILE_STORE_TOO_NEW');
    expect(err.details).toMatchObject({ version: 2, supported: 1 });
    expect((await errorOf(add(store, 'new-1'))).code).toBe('PROFILE_STORE_TOO_NEW');
    expect(await readFile(file, 'utf8')).toBe(newer);
  });

  it('sets an unreadable file aside only when asked, then starts empty', async () => {
    await writeFile(file, 'not json');
    const store = new ProfileStore(dir);
    const moved = await store.setAside(new Date('2025-02-03T04:05:06.007Z'));
    expect(moved).toBe(`${file}.unreadable-2025-02-03T04-05-06-007Z`);
    expect(await readFile(moved as string, 'utf8')).toBe('not json');
    expect(await store.list()).toEqual([]);
    await add(store, 'fresh-1');
    expect(await store.setAside()).toBeNull();
    expect((await store.list()).map((p) => p.id)).toEqual(['fresh-1']);
  });

  it('answers PROFILE_NOT_FOUND for an unknown id', async () => {
    expect((await errorOf(new ProfileStore(dir).get('nope'))).code).toBe('PROFILE_NOT_FOUND');
  });
});

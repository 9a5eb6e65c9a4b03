import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { SluiceError } from '../../../app/api/errors';
import { EncryptedFileSecretStore, ENCRYPTED_SECRETS_FILE } from '../../../app/secrets/encrypted-file-secret-store';
import { secretStoreFromEnv } from '../../../app/secrets/secret-store-from-env';
import { MemorySecretStore } from '../../../app/secrets/memory-secret-store';

/** Cheap scrypt for tests; the file records its own parameters. */
const FAST = { N: 1024, r: 8, p: 1 };
const SECRET = 'AVNS_pa55-w0rd:with/odd@chars"and\\quotes';

async function errorOf(promise: Promise<unknown>): Promise<SluiceError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof SluiceError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

describe('EncryptedFileSecretStore', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-secrets-'));
    file = path.join(dir, ENCRYPTED_SECRETS_FILE);
  });
  const open = (passphrase?: string) => new EncryptedFileSecretStore({ path: file, scrypt: FAST, ...(passphrase !== undefined ? { passphrase } : {}) });

  it('round-trips secrets across instances with the same key', async () => {
    const store = open('correct horse');
    await store.set('secret_a', SECRET);
    await store.set('secret_b', 'second');
    expect(await open('correct horse').get('secret_a')).toBe(SECRET);
    expect(await open('correct horse').get('secret_b')).toBe('second');
    expect(await open('correct horse').get('secret_missing')).toBeUndefined();
  });

  it('never writes a secret or a reference in clear text', async () => {
    await open('k').set('secret_ref_name', SECRET);
    const bytes = await readFile(file, 'utf8');
    expect(bytes).not.toContain(SECRET);
    expect(bytes).not.toContain('pa55');
    expect(bytes).not.toContain('secret_ref_name');
    expect(JSON.parse(bytes)).toMatchObject({ format: 'sluice-secrets', version: 1, cipher: 'aes-256-gcm', kdf: { name: 'scrypt', N: 1024 } });
  });

  it('uses a fresh IV for every write', async () => {
    const store = open('k');
    await store.set('a', 'x');
    const first = JSON.parse(await readFile(file, 'utf8')).iv;
    await store.set('a', 'x');
    expect(JSON.parse(await readFile(file, 'utf8')).iv).not.toBe(first);
  });

  it('answers a wrong key with SECRET_KEY_WRONG and leaves the file untouched', async () => {
    await open('right').set('a', SECRET);
    const before = await readFile(file);
    const wrong = open('wrong');
    const err = await errorOf(wrong.get('a'));
    expect(err.code).toBe('SECRET_KEY_WRONG');
    expect(JSON.stringify(err.toApiError())).not.toContain('right');
    expect((await errorOf(wrong.set('b', 'y'))).code).toBe('SECRET_KEY_WRONG');
    expect((await errorOf(wrong.delete('a'))).code).toBe('SECRET_KEY_WRONG');
    expect(await readFile(file)).toEqual(before);
  });

  it('is locked without a key: SECRET_STORE_LOCKED, and describe says so', async () => {
    const locked = open();
    expect((await errorOf(locked.get('a'))).code).toBe('SECRET_STORE_LOCKED');
    expect((await locked.describe()).warning).toMatch(/SLUICE_SECRET_KEY/);
  });

  it('unlocks with the right passphrase and stays locked after a wrong one', async () => {
    await open('right').set('a', SECRET);
    const store = open();
    expect((await errorOf(store.unlock('wrong'))).code).toBe('SECRET_KEY_WRONG');
    expect((await errorOf(store.get('a'))).code).toBe('SECRET_STORE_LOCKED');
    await store.unlock('right');
    expect(await store.get('a')).toBe(SECRET);
  });

  it('detects tampering with the ciphertext or the header (authenticated as associated data)', async () => {
    await open('k').set('a', SECRET);
    const original = JSON.parse(await readFile(file, 'utf8'));
    const flipped = Buffer.from(original.data, 'base64');
    flipped[0] = (flipped[0] as number) ^ 1;
    await writeFile(file, JSON.stringify({ ...original, data: flipped.toString('base64') }));
    expect((await errorOf(open('k').get('a'))).code).toBe('SECRET_KEY_WRONG');
    await writeFile(file, JSON.stringify({ ...original, kdf: { ...original.kdf, salt: Buffer.alloc(16, 7).toString('base64') } }));
    expect((await errorOf(open('k').get('a'))).code).toBe('SECRET_KEY_WRONG');
  });

  it('reports a damaged file as SECRET_STORE_CORRUPT and keeps it', async () => {
    await writeFile(file, '{"format":"sluice-secrets"');
    expect((await errorOf(open('k').get('a'))).code).toBe('SECRET_STORE_CORRUPT');
    expect((await errorOf(open('k').set('a', 'x'))).code).toBe('SECRET_STORE_CORRUPT');
    expect(await readFile(file, 'utf8')).toBe('{"format":"sluice-secrets"');
  });

  it('refuses key parameters that would exhaust memory', async () => {
    await writeFile(file, JSON.stringify({ format: 'sluice-secrets', version: 1, kdf: { name: 'scrypt', N: 2 ** 30, r: 8, p: 1, salt: 'AA==' }, cipher: 'aes-256-gcm', iv: '', tag: '', data: '' }));
    const err = await errorOf(open('k').get('a'));
    expect(err.code).toBe('SECRET_STORE_CORRUPT');
    expect(err.message).toMatch(/key parameters/);
  });

  it('reports a file from a newer Sluice as corrupt without touching it', async () => {
    const newer = JSON.stringify({ format: 'sluice-secrets', version: 9 });
    await writeFile(file, newer);
    expect((await errorOf(open('k').get('a'))).message).toMatch(/newer Sluice/);
    expect(await readFile(file, 'utf8')).toBe(newer);
  });

  it('deletes secrets and serializes concurrent writes', async () => {
    const store = open('k');
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`s${i}`, `v${i}`)));
    await store.delete('s3');
    await store.delete('never-there');
    const again = open('k');
    expect(await again.get('s3')).toBeUndefined();
    for (const i of [0, 1, 2, 4, 19]) expect(await again.get(`s${i}`)).toBe(`v${i}`);
  });

  it('describes itself as persistent and protected', async () => {
    expect(await open('k').describe()).toEqual({ kind: 'encrypted-file', persistent: true, protected: true });
  });

  it('derives the default key cost in well under a second', async () => {
    const store = new EncryptedFileSecretStore({ path: file, passphrase: 'k' });
    const started = performance.now();
    await store.set('a', 'x');
    expect(await store.get('a')).toBe('x');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(JSON.parse(await readFile(file, 'utf8')).kdf.N).toBe(2 ** 15);
  });
});

describe('secretStoreFromEnv', () => {
  it('keeps passwords in memory unless SLUICE_SECRET_KEY is set', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-secrets-'));
    expect(secretStoreFromEnv({}, dir)).toBeInstanceOf(MemorySecretStore);
    const store = secretStoreFromEnv({ SLUICE_SECRET_KEY: 'from-env' }, dir);
    expect(store).toBeInstanceOf(EncryptedFileSecretStore);
    expect((store as EncryptedFileSecretStore).path).toBe(path.join(dir, ENCRYPTED_SECRETS_FILE));
  });
});

describe('MemorySecretStore', () => {
  it('holds secrets for this process only', async () => {
    const store = new MemorySecretStore();
    await store.set('a', 'x');
    expect(await store.get('a')).toBe('x');
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    expect(await store.describe()).toEqual({ kind: 'memory', persistent: false, protected: true });
  });
});

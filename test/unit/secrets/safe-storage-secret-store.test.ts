import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { SluiceError } from '../../../app/api/errors';
import { BASIC_TEXT_WARNING, SAFE_STORAGE_FILE, SafeStorageSecretStore, UNAVAILABLE_WARNING, type SafeStorageLike } from '../../../app/secrets/safe-storage-secret-store';

/** A stand-in for Electron's safeStorage: XOR "encryption" with a key, plus switches for each platform state. */
class FakeSafeStorage implements SafeStorageLike {
  available = true;
  backend: string | undefined = 'gnome_libsecret';
  key = 0x5a;
  reEncrypt = false;
  encryptions = 0;
  async isEncryptionAvailable() {
    return this.available;
  }
  async encryptString(plain: string) {
    this.encryptions++;
    return Buffer.from([this.key, ...Buffer.from(plain, 'utf8').map((b) => b ^ this.key)]);
  }
  async decryptString(encrypted: Uint8Array) {
    const bytes = Buffer.from(encrypted);
    if (bytes[0] !== this.key) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return { result: Buffer.from(bytes.subarray(1).map((b) => b ^ this.key)).toString('utf8'), shouldReEncrypt: this.reEncrypt };
  }
  selectedBackend() {
    return this.backend;
  }
}

describe('SafeStorageSecretStore', () => {
  let file: string;
  let fake: FakeSafeStorage;
  const open = () => new SafeStorageSecretStore({ path: file, safeStorage: fake });
  beforeEach(async () => {
    file = path.join(await mkdtemp(path.join(os.tmpdir(), 'sluice-safe-')), SAFE_STORAGE_FILE);
    fake = new FakeSafeStorage();
  });

  it('stores only ciphertext on disk and reads it back in a new instance', async () => {
    await open().set('secret_a', 'hunter2-but-longer');
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain('hunter2');
    expect(JSON.parse(onDisk)).toMatchObject({ format: 'sluice-safe-storage', version: 1 });
    expect(await open().get('secret_a')).toBe('hunter2-but-longer');
    await open().delete('secret_a');
    expect(await open().get('secret_a')).toBeUndefined();
  });

  it('describes a real keychain as protected', async () => {
    expect(await open().describe()).toEqual({ kind: 'os-keychain', persistent: true, protected: true });
  });

  it('warns that Linux basic_text is not protected by a keychain', async () => {
    fake.backend = 'basic_text';
    const description = await open().describe();
    expect(description).toMatchObject({ kind: 'os-keychain', persistent: true, protected: false });
    expect(description.warning).toBe(BASIC_TEXT_WARNING);
    expect(description.warning).toMatch(/not secret/);
  });

  it('keeps passwords in memory only, and says so, when the OS offers no encryption', async () => {
    fake.available = false;
    const store = open();
    await store.set('a', 'x-secret');
    expect(await store.get('a')).toBe('x-secret');
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await store.describe()).toEqual({ kind: 'os-keychain', persistent: false, protected: true, warning: UNAVAILABLE_WARNING });
  });

  it('answers a keychain that can no longer decrypt with a typed error, not a crash', async () => {
    await open().set('a', 'x-secret');
    fake.key = 0x11;
    const err = await open()
      .get('a')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SluiceError);
    expect((err as SluiceError).code).toBe('SECRET_KEY_WRONG');
  });

  it('re-encrypts a secret when the keychain rotated its key', async () => {
    await open().set('a', 'x-secret');
    fake.reEncrypt = true;
    const before = fake.encryptions;
    expect(await open().get('a')).toBe('x-secret');
    expect(fake.encryptions).toBe(before + 1);
  });
});

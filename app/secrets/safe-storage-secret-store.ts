/**
 * The desktop SecretStore: each secret encrypted by the OS keychain through Electron's
 * safeStorage, the ciphertexts kept in one file in userData. Electron itself is injected
 * (main/secrets.ts adapts it), so this logic is tested without Electron.
 */
import { readFile } from 'node:fs/promises';
import { SluiceError } from '../api/errors';
import { writeFileAtomic, type AtomicWriteHooks } from '../util/atomic-write';
import { ExclusiveFile } from '../util/file-lock';
import type { SecretStore, SecretStoreDescription } from './secret-store';

/** The file name in userData. */
export const SAFE_STORAGE_FILE = 'secrets.safe-storage.json';

const FORMAT = 'sluice-safe-storage';
const VERSION = 1;

/** What the store needs from Electron's safeStorage (the async API; the sync one is deprecated). */
export interface SafeStorageLike {
  isEncryptionAvailable(): Promise<boolean>;
  encryptString(plain: string): Promise<Uint8Array>;
  decryptString(encrypted: Uint8Array): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only: the password manager Chromium picked; `basic_text` means there is none. */
  selectedBackend(): string | undefined;
}

/** How a safeStorage store is opened. */
export interface SafeStorageSecretStoreOptions {
  path: string;
  safeStorage: SafeStorageLike;
  hooks?: AtomicWriteHooks;
}

/** Shown when Linux falls back to a hard-coded key. */
export const BASIC_TEXT_WARNING =
  'No keychain was found (Linux reports the basic_text backend): saved passwords are encrypted with a key that is not secret. Install and unlock GNOME Keyring or KWallet, then restart Sluice.';

/** Shown when the OS offers no encryption at all. */
export const UNAVAILABLE_WARNING = 'No OS keychain is available: passwords are kept only until Sluice quits.';

type Entries = Record<string, string>;

function corrupt(path: string, reason: string): SluiceError {
  return new SluiceError('SECRET_STORE_CORRUPT', { message: `The saved passwords could not be read: ${reason}.`, details: { path, reason } });
}

/** SecretStore over the OS keychain; falls back to memory (and says so) when the OS offers no encryption. */
export class SafeStorageSecretStore implements SecretStore {
  private readonly fallback = new Map<string, string>();
  // Writes from the app, the web door and the CLI, one at a time (they share the data dir).
  private readonly file: ExclusiveFile;

  constructor(private readonly options: SafeStorageSecretStoreOptions) {
    this.file = new ExclusiveFile(options.path, () => new SluiceError('SECRET_STORE_BUSY', { details: { path: options.path } }));
  }

  async get(ref: string): Promise<string | undefined> {
    if (this.fallback.has(ref)) return this.fallback.get(ref);
    const entries = await this.read();
    const encrypted = entries[ref];
    if (encrypted === undefined) return undefined;
    if (!(await this.options.safeStorage.isEncryptionAvailable())) {
      throw new SluiceError('SECRET_STORE_UNAVAILABLE', { message: 'The OS keychain is not available to decrypt the saved password.' });
    }
    let decrypted: { result: string; shouldReEncrypt: boolean };
    try {
      decrypted = await this.options.safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
    } catch {
      throw new SluiceError('SECRET_KEY_WRONG', {
        message: 'The OS keychain could not decrypt the saved password.',
        hint: 'The keychain key may have changed (a new user profile or keyring). Enter the password again.',
        details: { path: this.options.path },
      });
    }
    // The keychain rotated its key: store the secret again under the new one (best effort).
    if (decrypted.shouldReEncrypt) await this.set(ref, decrypted.result).catch(() => undefined);
    return decrypted.result;
  }

  async set(ref: string, secret: string): Promise<void> {
    if (!(await this.options.safeStorage.isEncryptionAvailable())) {
      this.fallback.set(ref, secret);
      return;
    }
    const encrypted = Buffer.from(await this.options.safeStorage.encryptString(secret)).toString('base64');
    await this.file.run(async () => {
      const entries = await this.read();
      await this.write({ ...entries, [ref]: encrypted });
    });
    this.fallback.delete(ref);
  }

  async delete(ref: string): Promise<void> {
    this.fallback.delete(ref);
    await this.file.run(async () => {
      const entries = await this.read();
      if (!Object.hasOwn(entries, ref)) return;
      const rest = { ...entries };
      delete rest[ref];
      await this.write(rest);
    });
  }

  async describe(): Promise<SecretStoreDescription> {
    if (!(await this.options.safeStorage.isEncryptionAvailable())) {
      return { kind: 'os-keychain', persistent: false, protected: true, warning: UNAVAILABLE_WARNING };
    }
    if (this.options.safeStorage.selectedBackend() === 'basic_text') {
      return { kind: 'os-keychain', persistent: true, protected: false, warning: BASIC_TEXT_WARNING };
    }
    return { kind: 'os-keychain', persistent: true, protected: true };
  }

  private async read(): Promise<Entries> {
    let text: string;
    try {
      text = await readFile(this.options.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw corrupt(this.options.path, `it could not be opened (${(err as NodeJS.ErrnoException).code ?? 'EIO'})`);
    }
    let parsed: { format?: unknown; version?: unknown; entries?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw corrupt(this.options.path, 'it is not valid JSON');
    }
    if (parsed?.format !== FORMAT || typeof parsed.version !== 'number') throw corrupt(this.options.path, 'not a Sluice secrets file');
    if (parsed.version > VERSION) throw corrupt(this.options.path, 'written by a newer Sluice');
    const entries = parsed.entries;
    if (!entries || typeof entries !== 'object' || Object.values(entries).some((v) => typeof v !== 'string')) {
      throw corrupt(this.options.path, 'the entries are not valid');
    }
    return entries as Entries;
  }

  private async write(entries: Entries): Promise<void> {
    const text = `${JSON.stringify({ format: FORMAT, version: VERSION, entries }, null, 2)}\n`;
    await writeFileAtomic(this.options.path, text, { mode: 0o600, ...(this.options.hooks ? { hooks: this.options.hooks } : {}) });
  }
}

/**
 * Secrets in one file encrypted with AES-256-GCM, the key derived by scrypt from a passphrase
 * or SLUICE_SECRET_KEY (opt-in for the web door and the CLI). The whole map is one ciphertext,
 * so the file reveals neither secrets nor which references exist. The header (format, version,
 * KDF parameters) is authenticated as associated data. A wrong key or a damaged file is a typed
 * error and the file is left exactly as it was.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { SluiceError } from '../api/errors';
import { writeFileAtomic, type AtomicWriteHooks } from '../util/atomic-write';
import { ExclusiveFile } from '../util/file-lock';
import type { SecretStore, SecretStoreDescription } from './secret-store';

/** The file name in the data dir. */
export const ENCRYPTED_SECRETS_FILE = 'secrets.enc.json';

const FORMAT = 'sluice-secrets';
const VERSION = 1;
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** scrypt cost. The default follows current guidance for interactive logins (N=2^15, r=8, p=1). */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** The default cost: about 0.1 s and 32 MiB per unlock. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

/** How an encrypted-file store is opened. */
export interface EncryptedFileSecretStoreOptions {
  path: string;
  /** The passphrase (or SLUICE_SECRET_KEY); without it the store is locked until unlock(). */
  passphrase?: string;
  /** Cost for files this store creates; files keep their own parameters. */
  scrypt?: ScryptParams;
  hooks?: AtomicWriteHooks;
}

interface Header {
  format: typeof FORMAT;
  version: number;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: 'aes-256-gcm';
}

interface FileShape extends Header {
  iv: string;
  tag: string;
  data: string;
}

interface Loaded {
  header: Header | null;
  entries: Record<string, string>;
}

function scrypt(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scryptCb(passphrase, salt, 32, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** The header's bytes as associated data, in a fixed field order. */
function aad(header: Header): Buffer {
  const { format, version, kdf, cipher } = header;
  return Buffer.from(JSON.stringify([format, version, kdf.name, kdf.N, kdf.r, kdf.p, kdf.salt, cipher]));
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;

/** Structural check of a parsed file; bounds the KDF cost so a crafted file cannot exhaust memory. */
function asFile(value: unknown): FileShape | string {
  if (!value || typeof value !== 'object') return 'not a JSON object';
  const v = value as Partial<FileShape>;
  if (v.format !== FORMAT) return 'not a Sluice secrets file';
  if (typeof v.version !== 'number') return 'no version';
  if (v.version > VERSION) return 'written by a newer Sluice';
  if (v.version !== VERSION) return 'unknown version';
  const kdf = v.kdf;
  if (!kdf || kdf.name !== 'scrypt' || !isPowerOfTwo(kdf.N) || kdf.N > 2 ** 20 || !Number.isInteger(kdf.r) || kdf.r < 1 || kdf.r > 32) return 'bad key parameters';
  if (!Number.isInteger(kdf.p) || kdf.p < 1 || kdf.p > 16 || typeof kdf.salt !== 'string') return 'bad key parameters';
  if (v.cipher !== 'aes-256-gcm' || typeof v.iv !== 'string' || typeof v.tag !== 'string' || typeof v.data !== 'string') return 'bad cipher fields';
  return v as FileShape;
}

function corrupt(path: string, reason: string): SluiceError {
  return new SluiceError('SECRET_STORE_CORRUPT', { message: `The encrypted password file could not be read: ${reason}.`, details: { path, reason } });
}

/** A SecretStore in an encrypted file; safe for concurrent calls, within one process and across processes. */
export class EncryptedFileSecretStore implements SecretStore {
  private passphrase: string | undefined;
  private readonly keys = new Map<string, Buffer>();
  // Writes from the app, the web door and the CLI, one at a time (they share the data dir).
  private readonly file: ExclusiveFile;

  constructor(private readonly options: EncryptedFileSecretStoreOptions) {
    this.file = new ExclusiveFile(options.path, () => new SluiceError('SECRET_STORE_BUSY', { details: { path: options.path } }));
    this.passphrase = options.passphrase || undefined;
  }

  /** The file this store reads and writes. */
  get path(): string {
    return this.options.path;
  }

  /** Sets the passphrase; when the file exists it must open it (SECRET_KEY_WRONG otherwise, and the store stays locked). */
  async unlock(passphrase: string): Promise<void> {
    const previous = this.passphrase;
    this.passphrase = passphrase;
    this.keys.clear();
    try {
      await this.load();
    } catch (err) {
      this.passphrase = previous;
      this.keys.clear();
      throw err;
    }
  }

  async get(ref: string): Promise<string | undefined> {
    const { entries } = await this.load();
    return Object.hasOwn(entries, ref) ? entries[ref] : undefined;
  }

  async set(ref: string, secret: string): Promise<void> {
    await this.file.run(async () => {
      const loaded = await this.load();
      await this.save(loaded, { ...loaded.entries, [ref]: secret });
    });
  }

  async delete(ref: string): Promise<void> {
    await this.file.run(async () => {
      const loaded = await this.load();
      if (!Object.hasOwn(loaded.entries, ref)) return;
      const entries = { ...loaded.entries };
      delete entries[ref];
      await this.save(loaded, entries);
    });
  }

  async describe(): Promise<SecretStoreDescription> {
    if (this.passphrase === undefined) {
      return { kind: 'encrypted-file', persistent: true, protected: true, warning: 'The password file is locked: set SLUICE_SECRET_KEY or give the passphrase.' };
    }
    return { kind: 'encrypted-file', persistent: true, protected: true };
  }

  private requirePassphrase(): string {
    if (this.passphrase === undefined) throw new SluiceError('SECRET_STORE_LOCKED', { details: { path: this.options.path } });
    return this.passphrase;
  }

  private async key(header: Header): Promise<Buffer> {
    const passphrase = this.requirePassphrase();
    const id = `${header.kdf.salt}:${header.kdf.N}:${header.kdf.r}:${header.kdf.p}`;
    let key = this.keys.get(id);
    if (!key) {
      key = await scrypt(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf);
      this.keys.set(id, key);
    }
    return key;
  }

  /** Reads and decrypts the file; a missing file is an empty store. Never modifies the file. */
  private async load(): Promise<Loaded> {
    this.requirePassphrase();
    let text: string;
    try {
      const bytes = await readFile(this.options.path);
      if (bytes.length > MAX_FILE_BYTES) throw corrupt(this.options.path, 'the file is too large');
      text = bytes.toString('utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { header: null, entries: {} };
      if (err instanceof SluiceError) throw err;
      throw corrupt(this.options.path, `it could not be opened (${(err as NodeJS.ErrnoException).code ?? 'EIO'})`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw corrupt(this.options.path, 'it is not valid JSON');
    }
    const file = asFile(parsed);
    if (typeof file === 'string') throw corrupt(this.options.path, file);
    const header: Header = { format: file.format, version: file.version, kdf: file.kdf, cipher: file.cipher };
    const key = await this.key(header);
    let plain: string;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64'));
      decipher.setAAD(aad(header));
      decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
      plain = Buffer.concat([decipher.update(Buffer.from(file.data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      // GCM cannot tell a wrong key from a tampered file; a wrong key is by far the likelier.
      throw new SluiceError('SECRET_KEY_WRONG', { details: { path: this.options.path } });
    }
    let entries: unknown;
    try {
      entries = (JSON.parse(plain) as { entries?: unknown }).entries;
    } catch {
      throw corrupt(this.options.path, 'the decrypted content is not valid');
    }
    if (!entries || typeof entries !== 'object' || Object.values(entries).some((s) => typeof s !== 'string')) {
      throw corrupt(this.options.path, 'the decrypted content is not valid');
    }
    return { header, entries: entries as Record<string, string> };
  }

  private async save(loaded: Loaded, entries: Record<string, string>): Promise<void> {
    const params = this.options.scrypt ?? DEFAULT_SCRYPT;
    const header: Header = loaded.header ?? {
      format: FORMAT,
      version: VERSION,
      kdf: { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: randomBytes(16).toString('base64') },
      cipher: 'aes-256-gcm',
    };
    const key = await this.key(header);
    // A fresh 96-bit IV per write: GCM must never reuse one under the same key.
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aad(header));
    const data = Buffer.concat([cipher.update(JSON.stringify({ entries }), 'utf8'), cipher.final()]);
    const file: FileShape = { ...header, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    await writeFileAtomic(this.options.path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, ...(this.options.hooks ? { hooks: this.options.hooks } : {}) });
  }
}

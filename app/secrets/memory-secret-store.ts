/** Secrets kept in this process only: the default for tests, the web door and the CLI. */
import type { SecretStore, SecretStoreDescription } from './secret-store';

/** A SecretStore that persists nothing: everything is forgotten when the process ends. */
export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  async get(ref: string): Promise<string | undefined> {
    return this.secrets.get(ref);
  }

  async set(ref: string, secret: string): Promise<void> {
    this.secrets.set(ref, secret);
  }

  async delete(ref: string): Promise<void> {
    this.secrets.delete(ref);
  }

  async describe(): Promise<SecretStoreDescription> {
    return { kind: 'memory', persistent: false, protected: true };
  }
}

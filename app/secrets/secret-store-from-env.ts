/** The SecretStore the CLI and the web door use: memory, unless the user opted in with SLUICE_SECRET_KEY. */
import path from 'node:path';
import { EncryptedFileSecretStore, ENCRYPTED_SECRETS_FILE } from './encrypted-file-secret-store';
import { MemorySecretStore } from './memory-secret-store';
import type { SecretStore } from './secret-store';

/** The environment variable whose value keys the encrypted password file. */
export const SECRET_KEY_ENV = 'SLUICE_SECRET_KEY';

/** An encrypted file in `dataDir` keyed by SLUICE_SECRET_KEY when it is set; otherwise nothing is persisted. */
export function secretStoreFromEnv(env: NodeJS.ProcessEnv, dataDir: string): SecretStore {
  const key = env[SECRET_KEY_ENV];
  if (key) return new EncryptedFileSecretStore({ path: path.join(dataDir, ENCRYPTED_SECRETS_FILE), passphrase: key });
  return new MemorySecretStore();
}

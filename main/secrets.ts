/**
 * The desktop SecretStore: Electron's safeStorage (the OS keychain) adapted to the interface
 * app/secrets/safe-storage-secret-store.ts expects. Thin on purpose: all logic that can be
 * tested without Electron lives there.
 */
import { safeStorage } from 'electron';
import path from 'node:path';
import { SAFE_STORAGE_FILE, SafeStorageSecretStore, type SafeStorageLike } from '../app/secrets/safe-storage-secret-store';

/** safeStorage's async API (the sync one is deprecated in Electron 45 and removed in 46). */
export function electronSafeStorage(): SafeStorageLike {
  return {
    isEncryptionAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    encryptString: (plain) => safeStorage.encryptStringAsync(plain),
    decryptString: (encrypted) => safeStorage.decryptStringAsync(Buffer.from(encrypted)),
    selectedBackend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined),
  };
}

/** The store the desktop core uses; call after app `ready`, with app.getPath('userData'). */
export function createDesktopSecretStore(userDataDir: string): SafeStorageSecretStore {
  return new SafeStorageSecretStore({ path: path.join(userDataDir, SAFE_STORAGE_FILE), safeStorage: electronSafeStorage() });
}

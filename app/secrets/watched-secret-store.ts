/** Wraps a SecretStore so every secret that passes through it is registered with the log scrubber. */
import type { Scrubber } from '../logging/scrubber';
import type { SecretStore } from './secret-store';

/** The same store, but any secret it is given or hands out is masked in every later log line. */
export function watchSecrets(store: SecretStore, scrubber: Scrubber): SecretStore {
  return {
    async get(ref) {
      const secret = await store.get(ref);
      scrubber.register(secret);
      return secret;
    },
    async set(ref, secret) {
      scrubber.register(secret);
      await store.set(ref, secret);
    },
    delete: (ref) => store.delete(ref),
    describe: () => store.describe(),
  };
}

/** Where passwords live: behind this interface, never in a profile file, never sent to the renderer. */

import type { SecretStoreDescription } from '../api/calls/profile-schemas';

export type { SecretStoreDescription };

/** Which implementation is behind a SecretStore. */
export type SecretStoreKind = SecretStoreDescription['kind'];

/** Stores secrets by an opaque reference (profiles hold the reference, never the secret). */
export interface SecretStore {
  /** The secret, or undefined when this store does not hold `ref`. */
  get(ref: string): Promise<string | undefined>;
  /** Stores or replaces the secret under `ref`. */
  set(ref: string, secret: string): Promise<void>;
  /** Forgets `ref`; no error when it is not held. */
  delete(ref: string): Promise<void>;
  /** Where secrets go and how well they are protected there. */
  describe(): Promise<SecretStoreDescription>;
}

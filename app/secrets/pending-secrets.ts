/**
 * Passwords found in an imported URL or Django setting, held in the core for a few minutes
 * under a random id. The import answer carries the id, never the password, so the form can
 * save it without the secret ever reaching the renderer.
 */
import { randomBytes } from 'node:crypto';
import { SluiceError } from '../api/errors';

/** How long an imported password waits for its profile to be saved. */
export const PENDING_TTL_MS = 30 * 60_000;
const MAX_PENDING = 64;

interface Pending {
  secret: string;
  expires: number;
}

/** Short-lived, in-memory only. */
export class PendingSecrets {
  private readonly entries = new Map<string, Pending>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Holds `secret` and returns the id that stands for it. */
  put(secret: string): string {
    this.sweep();
    while (this.entries.size >= MAX_PENDING) this.entries.delete(this.entries.keys().next().value as string);
    const id = `pending_${randomBytes(16).toString('base64url')}`;
    this.entries.set(id, { secret, expires: this.now() + PENDING_TTL_MS });
    return id;
  }

  /** The secret behind `id`; SECRET_NOT_FOUND once it expired or was used. */
  get(id: string): string {
    this.sweep();
    const entry = this.entries.get(id);
    if (!entry) {
      throw new SluiceError('SECRET_NOT_FOUND', {
        message: 'The password from the import is no longer held.',
        hint: 'Import the URL or settings again, or type the password.',
      });
    }
    return entry.secret;
  }

  /** Forgets `id` (after the profile was saved). */
  delete(id: string): void {
    this.entries.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) if (entry.expires <= now) this.entries.delete(id);
  }
}

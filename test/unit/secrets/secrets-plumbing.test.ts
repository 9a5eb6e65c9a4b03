import { describe, expect, it } from 'vitest';
import { Scrubber } from '../../../app/logging/scrubber';
import { MemorySecretStore } from '../../../app/secrets/memory-secret-store';
import { PENDING_TTL_MS, PendingSecrets } from '../../../app/secrets/pending-secrets';
import { watchSecrets } from '../../../app/secrets/watched-secret-store';

describe('watchSecrets', () => {
  it('registers every secret it is given or returns with the scrubber', async () => {
    const inner = new MemorySecretStore();
    await inner.set('old', 'stored-before-watching');
    const scrubber = new Scrubber();
    const store = watchSecrets(inner, scrubber);
    await store.set('new', 'set-through-the-watch');
    expect(scrubber.scrub('a set-through-the-watch b')).toBe('a *** b');
    expect(scrubber.scrub('stored-before-watching')).toBe('stored-before-watching');
    expect(await store.get('old')).toBe('stored-before-watching');
    expect(scrubber.scrub('x stored-before-watching')).toBe('x ***');
  });
});

describe('PendingSecrets', () => {
  it('holds an imported password under a random id until used or expired', () => {
    let now = 1_000;
    const pending = new PendingSecrets(() => now);
    const id = pending.put('from-the-url');
    expect(id).toMatch(/^pending_[A-Za-z0-9_-]{20,}$/);
    expect(id).not.toContain('from-the-url');
    expect(pending.get(id)).toBe('from-the-url');
    now += PENDING_TTL_MS + 1;
    expect(() => pending.get(id)).toThrow(expect.objectContaining({ code: 'SECRET_NOT_FOUND' }));
  });

  it('forgets an id once deleted', () => {
    const pending = new PendingSecrets();
    const id = pending.put('x');
    pending.delete(id);
    expect(() => pending.get(id)).toThrow(expect.objectContaining({ code: 'SECRET_NOT_FOUND' }));
  });
});

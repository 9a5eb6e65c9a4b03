/**
 * The web door served by `sluice serve`: POST /rpc/<method> with a bearer token, and named
 * Server-Sent Events on /events. The server answers every call, also 401/403, with the
 * envelope; anything else (no answer, HTML, a proxy page) becomes an envelope here.
 */
import { doorFailure, doorUnreachable, isEnvelope } from './envelope';
import type { Transport } from './transport';

/** Builds the HTTP door for a token (null when the page was opened without one). */
export function createHttpTransport(token: string | null): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  // One EventSource for the page, opened on the first subscription; it reconnects by itself.
  const ensureSource = (): EventSource => {
    if (source) return source;
    const query = token ? `?token=${encodeURIComponent(token)}` : '';
    source = new EventSource(`/events${query}`);
    return source;
  };

  const dispatchEvent = (name: string) => (message: MessageEvent<string>) => {
    let payload: unknown;
    try {
      payload = JSON.parse(message.data);
    } catch {
      return; // A malformed frame is dropped rather than crashing every listener.
    }
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };

  return {
    door: 'http',
    async call(method, input) {
      let response: Response;
      try {
        response = await fetch(`/rpc/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json',
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(input ?? {}),
          cache: 'no-store',
          credentials: 'same-origin',
        });
      } catch (err) {
        return doorUnreachable('http', err);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return doorFailure('INTERNAL', `The Sluice server answered ${response.status} without a readable body.`, { door: 'http', status: response.status, method });
      }
      if (isEnvelope(body)) return body;
      return doorFailure('INTERNAL', 'The Sluice server sent an answer Sluice could not read.', { door: 'http', status: response.status, method });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        ensureSource().addEventListener(event, dispatchEvent(event) as EventListener);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
}

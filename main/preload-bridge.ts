/**
 * What the page sees as `window.sluice`: two functions, nothing else. Built from an `invoke`
 * and a `subscribe` supplied by main/preload.ts, so it is pure and tested without Electron.
 * Names are checked against the contract here, before anything crosses IPC, and only plain
 * data comes back: never an IpcRendererEvent, never ipcRenderer itself.
 */
import { isEventName, isMethod, type Method } from '../app/api/contract';
import { ERROR_CATALOG } from '../app/api/errors';
import type { Result } from '../app/api/result';

/** Sends one call to main and resolves to main's Result envelope. */
export type Invoke = (method: Method, input: unknown) => Promise<unknown>;

/** Receives every event main forwards as (name, payload); returns the function that stops it. */
export type Subscribe = (listener: (name: string, payload: unknown) => void) => () => void;

/** The API exposed to the renderer as `window.sluice`. */
export interface SluiceBridge {
  /** Runs a contract call; always resolves to an envelope, never rejects. */
  call(method: string, input?: unknown): Promise<Result<unknown>>;
  /**
   * Listens to one contract event; the listener gets only the payload (see EventPayload).
   * Throws a TypeError for a name outside the contract. Returns the unsubscribe function.
   */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Builds the bridge; unknown methods never reach `invoke`, unknown events never subscribe. */
export function createBridge(invoke: Invoke, subscribe: Subscribe): SluiceBridge {
  async function call(method: string, input?: unknown): Promise<Result<unknown>> {
    if (!isMethod(method)) {
      return {
        ok: false,
        error: { ...ERROR_CATALOG.UNKNOWN_METHOD, code: 'UNKNOWN_METHOD', details: { method: String(method).slice(0, 100) } },
      };
    }
    try {
      return (await invoke(method, input)) as Result<unknown>;
    } catch (err) {
      // IPC itself failed (input not cloneable, main gone): still an envelope, not a rejection.
      const raw = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { ...ERROR_CATALOG.INTERNAL, code: 'INTERNAL', details: { raw } } };
    }
  }

  function on(event: string, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new TypeError(`Unknown Sluice event: ${String(event).slice(0, 100)}`);
    if (typeof listener !== 'function') throw new TypeError('A Sluice event listener must be a function.');
    const unsubscribe = subscribe((name, payload) => {
      if (name === event) listener(payload);
    });
    return () => {
      unsubscribe();
    };
  }

  return Object.freeze({ call, on });
}

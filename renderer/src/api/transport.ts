/** One way of reaching the core. The client picks one at startup and never mixes them. */
import type { Result } from '../../../app/api/result';

/** Which door the page talks through; shown in the status bar. */
export type DoorKind = 'ipc' | 'http';

/** Untyped wire; the typed surface lives in client.ts, which is the only caller. */
export interface Transport {
  readonly door: DoorKind;
  /** Sends one call; always resolves with an envelope, never rejects. */
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** Listens for one named event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

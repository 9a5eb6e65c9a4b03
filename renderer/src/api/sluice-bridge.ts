/**
 * The shape the Electron preload puts on `window.sluice`. It is deliberately tiny: one
 * call function and one event subscription, both checked against the contract in main/.
 */
import type { Result } from '../../../app/api/result';

/** What the preload exposes; everything else in Electron stays out of reach of the page. */
export interface SluiceBridge {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    /** Present only inside the desktop app (set by main/preload.ts). */
    sluice?: SluiceBridge;
  }
}

/** The preload bridge when running inside Electron, or null in a plain browser. */
export function findBridge(): SluiceBridge | null {
  const candidate = window.sluice;
  if (candidate && typeof candidate.call === 'function' && typeof candidate.on === 'function') return candidate;
  return null;
}

/**
 * The typed client: the only way the renderer reaches the core. Method names, inputs,
 * outputs and event payloads all come from app/api/contract.ts, so a call that does not
 * exist or a field that was renamed is a compile error here, not a runtime surprise.
 */
import type { CallInput, CallOutput, EventName, EventPayload, Method } from '../../../app/api/contract';
import type { Result } from '../../../app/api/result';
import { takeAccessToken } from './access-token';
import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';
import { findBridge } from './sluice-bridge';
import type { DoorKind, Transport } from './transport';

/** What features use to talk to the core. */
export interface SluiceClient {
  /** The door chosen at startup. */
  readonly door: DoorKind;
  /** Runs one call; resolves with the envelope and never rejects. */
  call<M extends Method>(method: M, input: CallInput<M>): Promise<Result<CallOutput<M>>>;
  /** Subscribes to one event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, fn: (payload: EventPayload<E>) => void): () => void;
}

/** Puts the contract's types over a transport. The doors validate payloads; the page trusts the contract. */
export function createClient(transport: Transport): SluiceClient {
  return {
    door: transport.door,
    call: <M extends Method>(method: M, input: CallInput<M>) =>
      transport.call(method, input) as Promise<Result<CallOutput<M>>>,
    on: <E extends EventName>(event: E, fn: (payload: EventPayload<E>) => void) =>
      transport.on(event, (payload) => fn(payload as EventPayload<E>)),
  };
}

/** Chooses the door once: the Electron bridge when the preload put one there, otherwise HTTP. */
export function connectToCore(): SluiceClient {
  const bridge = findBridge();
  return createClient(bridge ? createIpcTransport(bridge) : createHttpTransport(takeAccessToken()));
}

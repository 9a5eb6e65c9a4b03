/** Fan-out of core events to every listener a door registers (windows, SSE clients). */
import type { EventName, EventPayload } from './contract';

/** A listener receives every event; doors filter nothing, the contract already bounds them. */
export type EventListener = (name: EventName, payload: unknown) => void;

/** Holds the listeners of one core instance. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends an event to every listener; a failing listener never stops the others. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch {
        // A broken window or closed stream must not break the core.
      }
    }
  }
}

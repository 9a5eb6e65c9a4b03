/** A connection's "lost" moment, reported once to every listener, whether the socket or a statement noticed first. */

/** What a driver connection emits when the server goes away. */
interface ConnectionEvents {
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
}

/** Fires at most once, and never after the session was closed on purpose. */
export class LostSignal {
  private readonly listeners: Array<(err: Error) => void> = [];
  private fired = false;

  constructor(
    connection: ConnectionEvents,
    endMessage: string,
    private readonly closedOnPurpose: () => boolean,
  ) {
    connection.on('error', (err) => this.fire(err));
    connection.on('end', () => this.fire(new Error(endMessage)));
  }

  /** Adds a listener for the one time the connection is lost. */
  add(listener: (err: Error) => void): void {
    this.listeners.push(listener);
  }

  /** Reports the loss (a statement found the connection dead, or the socket ended). */
  fire(err: Error): void {
    if (this.fired || this.closedOnPurpose()) return;
    this.fired = true;
    for (const listener of this.listeners) listener(err);
  }
}

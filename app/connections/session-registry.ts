/**
 * Open sessions by id. A session remembers its config (password only in memory), so when
 * the server drops it the call in flight reports CONNECTION_LOST and the next call reconnects.
 */
import { randomUUID } from 'node:crypto';
import type { HostRole } from '../api/calls/shared';
import type { QueryResult, ServerReport } from '../api/contract';
import { SluiceError } from '../api/errors';
import type { EventHub } from '../api/event-hub';
import { driverFor } from '../drivers';
import type { DriverSession } from '../drivers/driver';
import type { ConnectionConfig } from './connection-config';

interface Entry {
  config: ConnectionConfig;
  live: DriverSession | null;
  server: ServerReport;
}

/** Holds the sessions of one core instance. */
export class SessionRegistry {
  private readonly sessions = new Map<string, Entry>();

  constructor(private readonly events: EventHub) {}

  /** Connects and registers a new session. */
  async open(config: ConnectionConfig): Promise<{ sessionId: string; server: ServerReport }> {
    const sessionId = randomUUID();
    const live = await this.connect(sessionId, config);
    this.sessions.set(sessionId, { config, live, server: live.server });
    return { sessionId, server: live.server };
  }

  /** Runs a statement, reconnecting first if the previous connection was lost. */
  async run(sessionId: string, sql: string): Promise<QueryResult> {
    return (await this.live(sessionId)).run(sql);
  }

  /** Role and lag of the host behind a session. */
  async role(sessionId: string): Promise<HostRole> {
    return (await this.live(sessionId)).role();
  }

  /** The session's connection, reconnected if the server dropped the previous one. */
  private async live(sessionId: string): Promise<DriverSession> {
    const entry = this.entry(sessionId);
    if (!entry.live) {
      entry.live = await this.connect(sessionId, entry.config);
      entry.server = entry.live.server;
    }
    return entry.live;
  }

  /** Closes and forgets a session. */
  async close(sessionId: string): Promise<void> {
    const entry = this.entry(sessionId);
    this.sessions.delete(sessionId);
    await entry.live?.close();
  }

  /** Closes every session (shutdown). */
  async closeAll(): Promise<void> {
    const entries = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(entries.map((e) => e.live?.close()));
  }

  private entry(sessionId: string): Entry {
    const entry = this.sessions.get(sessionId);
    if (!entry) throw new SluiceError('SESSION_NOT_FOUND', { details: { sessionId } });
    return entry;
  }

  private async connect(sessionId: string, config: ConnectionConfig): Promise<DriverSession> {
    const live = await driverFor(config.dialect).connect(config);
    live.onLost(() => {
      const entry = this.sessions.get(sessionId);
      if (entry?.live === live) entry.live = null;
      this.events.emit('session.lost', { sessionId, code: 'CONNECTION_LOST' });
    });
    return live;
  }
}

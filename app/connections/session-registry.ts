/**
 * Open sessions by id. A session remembers its config (password only in memory), so when
 * the server drops it the call in flight reports CONNECTION_LOST and the next call reconnects.
 * A session idle for longer than the idle timeout gives its connection back to the server
 * (managed clusters cap connections) and reconnects on its next call.
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
  /** A reconnect in progress, shared by calls that arrive meanwhile. */
  connecting: Promise<DriverSession> | null;
  server: ServerReport;
  busy: number;
  idleTimer: NodeJS.Timeout | null;
}

/** Tuning for a registry. */
export interface SessionRegistryOptions {
  /** Close a session's connection after this long without calls (default 10 minutes). */
  idleTimeoutMs?: number;
}

/** Holds the sessions of one core instance. */
export class SessionRegistry {
  private readonly sessions = new Map<string, Entry>();
  private readonly idleTimeoutMs: number;

  constructor(
    private readonly events: EventHub,
    options: SessionRegistryOptions = {},
  ) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 10 * 60_000;
  }

  /** Connects and registers a new session. */
  async open(config: ConnectionConfig): Promise<{ sessionId: string; server: ServerReport }> {
    const sessionId = randomUUID();
    const live = await this.connect(sessionId, config);
    const entry: Entry = { config, live, connecting: null, server: live.server, busy: 0, idleTimer: null };
    this.sessions.set(sessionId, entry);
    this.armIdleTimer(entry);
    return { sessionId, server: live.server };
  }

  /** Runs a statement, reconnecting first if the previous connection was lost or idled out. */
  async run(sessionId: string, sql: string): Promise<QueryResult> {
    return this.using(sessionId, (live) => live.run(sql));
  }

  /** Role and lag of the host behind a session. */
  async role(sessionId: string): Promise<HostRole> {
    return this.using(sessionId, (live) => live.role());
  }

  /** True while the session holds an open connection (false after an idle close or a drop). */
  isConnected(sessionId: string): boolean {
    return this.entry(sessionId).live !== null;
  }

  /** Runs `work` on the session's connection, keeping the idle timer off while it runs. */
  private async using<T>(sessionId: string, work: (live: DriverSession) => Promise<T>): Promise<T> {
    const entry = this.entry(sessionId);
    entry.busy++;
    try {
      return await work(await this.live(sessionId, entry));
    } finally {
      entry.busy--;
      this.armIdleTimer(entry);
    }
  }

  /** The session's connection, reconnected (once, however many calls wait) if it was closed. */
  private async live(sessionId: string, entry: Entry): Promise<DriverSession> {
    if (entry.live) return entry.live;
    const first = entry.connecting === null;
    entry.connecting ??= this.connect(sessionId, entry.config).finally(() => {
      entry.connecting = null;
    });
    const live = await entry.connecting;
    entry.live = live;
    entry.server = live.server;
    if (first) this.events.emit('session.restored', { sessionId });
    return live;
  }

  private armIdleTimer(entry: Entry): void {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = setTimeout(() => {
      entry.idleTimer = null;
      if (entry.busy > 0 || !entry.live) return;
      const live = entry.live;
      entry.live = null;
      void live.close();
    }, this.idleTimeoutMs);
    entry.idleTimer.unref();
  }

  /** Closes and forgets a session. */
  async close(sessionId: string): Promise<void> {
    const entry = this.entry(sessionId);
    this.sessions.delete(sessionId);
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    await entry.live?.close();
  }

  /** Closes every session (shutdown). */
  async closeAll(): Promise<void> {
    const entries = [...this.sessions.values()];
    this.sessions.clear();
    for (const e of entries) if (e.idleTimer) clearTimeout(e.idleTimer);
    await Promise.all(entries.map((e) => e.live?.close()));
  }

  /** The session's connection config, password included (in memory only), for dedicated connections such as a migration run. */
  configOf(sessionId: string): ConnectionConfig {
    return this.entry(sessionId).config;
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

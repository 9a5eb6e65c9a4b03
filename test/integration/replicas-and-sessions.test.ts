/**
 * Replicas and session resilience against real servers: a streaming PostgreSQL standby and a
 * MariaDB binlog replica report their role and lag, refuse writes through the server itself,
 * and a session whose connection the server kills reconnects on the next call.
 */
import os from 'node:os';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { HostRole } from '../../app/api/calls/shared';
import { createCore } from '../../app/core';
import { adminQuery, terminateSessions } from '../support/admin';
import type { DbServerInfo } from '../support/harness-info';
import { urlFor } from './support/urls';

const harness = inject('harness');
const core = createCore({ version: 'test', dataDir: os.tmpdir() });
afterAll(() => core.close());

async function open(server: DbServerInfo, readOnly = false): Promise<string> {
  const res = await core.dispatch('sessions.open', { url: urlFor(server, { ca: harness.certs.ca }), password: server.password, readOnly }, { door: 'ipc' });
  if (!res.ok) throw new Error(`open failed: ${res.error.code} ${JSON.stringify(res.error.details)}`);
  return (res.value as { sessionId: string }).sessionId;
}

async function run(sessionId: string, sql: string) {
  return core.dispatch('query.run', { sessionId, sql }, { door: 'ipc' });
}

async function role(sessionId: string): Promise<HostRole> {
  const res = await core.dispatch('sessions.role', { sessionId }, { door: 'ipc' });
  if (!res.ok) throw new Error(res.error.code);
  return res.value as HostRole;
}

for (const [primary, replica] of [
  [harness.postgres, harness.postgresReplica],
  [harness.mariadb, harness.mariadbReplica],
] as const) {
  describe(`replicas on ${primary.engine}`, () => {
    it('reports the primary as primary, taking writes', async () => {
      const id = await open(primary);
      expect(await role(id)).toMatchObject({ role: 'primary', lagSeconds: null, readOnly: false });
    });

    it('reports the replica as a replica with a measured lag', async () => {
      const id = await open(replica, true);
      const r = await role(id);
      expect(r.role).toBe('replica');
      expect(r.readOnly).toBe(true);
      expect(r.replicating).toBe(true);
      expect(typeof r.lagSeconds).toBe('number');
      expect(r.lagSeconds).toBeGreaterThanOrEqual(0);
      expect(r.lagSeconds).toBeLessThan(60);
    });

    it('refuses a write through the replica session, enforced by the server', async () => {
      const id = await open(replica, true);
      const res = await run(id, 'CREATE TABLE sluice_should_not_exist (id int)');
      expect(res.ok ? 'ok' : res.error.code).toBe('READ_ONLY_SESSION');
    });

    it('refuses writes in a read-only session even on the primary', async () => {
      const id = await open(primary, true);
      const res = await run(id, 'CREATE TABLE sluice_read_only_probe (id int)');
      expect(res.ok ? 'ok' : res.error.code).toBe('READ_ONLY_SESSION');
    });

    it('sees on the replica what the primary wrote', async () => {
      const writer = await open(primary);
      const table = `sluice_repl_${primary.engine}_${Date.now()}`;
      expect((await run(writer, `CREATE TABLE ${table} (id int primary key)`)).ok).toBe(true);
      expect((await run(writer, `INSERT INTO ${table} VALUES (42)`)).ok).toBe(true);
      const reader = await open(replica, true);
      let seen = false;
      for (let i = 0; i < 50 && !seen; i++) {
        const res = await run(reader, `SELECT id FROM ${table}`);
        seen = res.ok && JSON.stringify(res.value).includes('42');
        if (!seen) await new Promise((r) => setTimeout(r, 100));
      }
      expect(seen).toBe(true);
      await run(writer, `DROP TABLE ${table}`);
    });
  });

  describe(`dropped connections on ${primary.engine}`, () => {
    it('reports CONNECTION_LOST for the call in flight and reconnects on the next call', async () => {
      const id = await open(primary);
      const seen: string[] = [];
      const stop = core.events.subscribe((name, payload) => {
        if ((payload as { sessionId?: string }).sessionId === id) seen.push(name);
      });
      const sleep = primary.engine === 'postgres' ? 'SELECT pg_sleep(20)' : 'SELECT SLEEP(20)';
      const inFlight = run(id, sleep);
      await new Promise((r) => setTimeout(r, 500));
      await terminateSessions(primary);
      const res = await inFlight;
      expect(res.ok ? 'ok' : res.error.code).toBe('CONNECTION_LOST');
      const next = await run(id, 'SELECT 1');
      expect(next.ok).toBe(true);
      stop();
      // The window is told both: the drop, then the reconnect.
      expect(seen).toEqual(['session.lost', 'session.restored']);
    });

    it('reconnects when the server ended an idle session', async () => {
      const id = await open(primary);
      await terminateSessions(primary);
      await new Promise((r) => setTimeout(r, 300));
      const res = await run(id, 'SELECT 2');
      expect(res.ok).toBe(true);
      const rows = await adminQuery(primary, primary.engine === 'postgres' ? 'SELECT 1 AS one' : 'SELECT 1 AS one');
      expect(rows.length).toBe(1);
    });
  });
}

describe('idle sessions', () => {
  const idleCore = createCore({ version: 'test', dataDir: os.tmpdir(), sessionIdleTimeoutMs: 400 });
  afterAll(() => idleCore.close());

  for (const server of [harness.postgres, harness.mariadb]) {
    it(`gives an idle ${server.engine} connection back to the server and reconnects on the next call`, async () => {
      const opened = await idleCore.dispatch('sessions.open', { url: urlFor(server, { ca: harness.certs.ca }), password: server.password }, { door: 'ipc' });
      if (!opened.ok) throw new Error(opened.error.code);
      const sessionId = (opened.value as { sessionId: string }).sessionId;
      const idSql = server.engine === 'postgres' ? 'SELECT pg_backend_pid()' : 'SELECT CONNECTION_ID()';
      const first = await idleCore.dispatch('query.run', { sessionId, sql: idSql }, { door: 'ipc' });
      if (!first.ok) throw new Error(first.error.code);
      const pid = Number((first.value as { rows: unknown[][] }).rows[0]?.[0]);
      await new Promise((r) => setTimeout(r, 1200));
      const alive =
        server.engine === 'postgres'
          ? await adminQuery(server, 'SELECT 1 FROM pg_stat_activity WHERE pid = $1', { params: [pid] })
          : await adminQuery(server, 'SELECT 1 FROM information_schema.processlist WHERE id = ?', { params: [pid] });
      expect(alive).toHaveLength(0);
      const second = await idleCore.dispatch('query.run', { sessionId, sql: idSql }, { door: 'ipc' });
      if (!second.ok) throw new Error(second.error.code);
      expect(Number((second.value as { rows: unknown[][] }).rows[0]?.[0])).not.toBe(pid);
    });
  }
});

/**
 * The password never leaves the core: a realistic run against the real servers — import a URL
 * and Django settings holding the password, save profiles, open sessions, run queries, lose a
 * connection, fail every way a user can (wrong password, wrong CA, wrong host name, unknown
 * database, bad SQL, broken imports), export — while recording every byte the web door sends
 * (responses and Server-Sent Events, through a TCP proxy), every reply and event the Electron
 * door sends a window, every log line, and every file in the data dir. The passwords (the
 * harness's, and a hostile one with @ : / % " ' \ and non-ASCII characters) appear in none of
 * them, in any encoding. For PostgreSQL and MariaDB, through both doors.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';

// The IPC door imports electron for its defaults; the test injects a fake window instead.
vi.mock('electron', () => ({ BrowserWindow: {}, ipcMain: {} }));

import type { Profile } from '../../app/api/calls/profile-schemas';
import type { Result } from '../../app/api/result';
import type { ProfileImport } from '../../app/connections/profiles/profile';
import { createCore, type Core } from '../../app/core';
import { Logger } from '../../app/logging/logger';
import { EncryptedFileSecretStore, ENCRYPTED_SECRETS_FILE } from '../../app/secrets/encrypted-file-secret-store';
import { startHttpDoor, type HttpDoor } from '../../app/server/http-door';
import { bindIpc, type DoorElectron, type DoorWindow } from '../../main/ipc';
import { CALL_CHANNEL } from '../../main/ipc-channels';
import type { SenderEventLike } from '../../main/trusted-sender';
import { adminQuery, terminateSessions } from '../support/admin';
import type { DbServerInfo } from '../support/harness-info';
import { urlFor } from './support/urls';

const harness = inject('harness');
const SECRET_KEY = 'leak-test passphrase';
const APP = 'file:///opt/Sluice/out/renderer/index.html';

/** Every way a password could be spelled in a recording. */
function spellings(secret: string): string[] {
  return [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), Buffer.from(secret, 'utf8').toString('base64')];
}

/** A TCP proxy in front of the web door that keeps every byte the door sends back. */
async function recordingProxy(targetPort: number): Promise<{ port: number; received(): Buffer; close(): Promise<void> }> {
  const chunks: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) sockets.add(s);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) {
      s.on('error', end);
      s.on('close', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    received: () => Buffer.concat(chunks),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One way for the "renderer" to reach the core, recording all it receives. */
interface Door {
  name: 'http' | 'ipc';
  call<T>(method: string, input: unknown): Promise<Result<T>>;
  /** Everything sent towards the renderer so far. */
  received(): Buffer;
  /** Resolves once an event named `name` has reached the renderer. */
  eventSeen(name: string): Promise<void>;
  close(): Promise<void>;
}

async function httpDoor(core: Core, staticDir: string): Promise<Door> {
  const door: HttpDoor = await startHttpDoor({ core, staticDir });
  const proxy = await recordingProxy(door.port);
  const headers = { host: `127.0.0.1:${door.port}`, authorization: `Bearer ${door.token}` };
  let sseText = '';
  const sse = http.get({ host: '127.0.0.1', port: proxy.port, path: '/events', headers, agent: false });
  const sseResponse = await new Promise<http.IncomingMessage>((resolve, reject) => {
    sse.on('response', resolve);
    sse.on('error', reject);
  });
  sseResponse.on('data', (chunk: Buffer) => (sseText += chunk.toString('utf8')));
  return {
    name: 'http',
    call: (method, input) =>
      new Promise((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port: proxy.port, method: 'POST', path: `/rpc/${method}`, headers: { ...headers, 'content-type': 'application/json' }, agent: false },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString('utf8')));
            res.on('end', () => resolve(JSON.parse(body)));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify(input));
      }),
    received: () => proxy.received(),
    eventSeen: (name) => vi.waitFor(() => expect(sseText).toContain(`event: ${name}\n`), { timeout: 10_000, interval: 50 }).then(() => undefined),
    close: async () => {
      sse.destroy();
      await proxy.close();
      await door.close();
    },
  };
}

function ipcDoor(core: Core): Door {
  const sent: string[] = [];
  const mainFrame = { url: APP, parent: null };
  const webContents = {
    mainFrame,
    isDestroyed: () => false,
    getURL: () => APP,
    send: (_channel: string, ...args: unknown[]) => void sent.push(JSON.stringify(args)),
  };
  const window: DoorWindow = { isDestroyed: () => false, webContents };
  let handler: ((event: SenderEventLike, ...args: unknown[]) => Promise<unknown>) | undefined;
  const electron: DoorElectron = {
    ipcMain: { handle: (channel, listener) => void (channel === CALL_CHANNEL && (handler = listener)), removeHandler: () => undefined },
    windows: () => [window],
    warn: (message) => sent.push(message),
  };
  const unbind = bindIpc(core, APP, electron);
  return {
    name: 'ipc',
    call: async <T,>(method: string, input: unknown) => {
      const reply = (await handler?.({ sender: webContents, senderFrame: mainFrame }, method, input)) as Result<T>;
      sent.push(JSON.stringify(reply));
      return reply;
    },
    received: () => Buffer.from(sent.join('\n'), 'utf8'),
    eventSeen: (name) => vi.waitFor(() => expect(sent.some((s) => s.startsWith(`["${name}"`))).toBe(true), { timeout: 10_000, interval: 50 }).then(() => undefined),
    close: async () => unbind(),
  };
}

/** A login with a password built to break naive encoding: @ : / % " ' \ space and non-ASCII. */
async function hostileLogin(server: DbServerInfo): Promise<{ user: string; password: string }> {
  const user = `sluice_leak_${randomBytes(4).toString('hex')}`;
  const password = `Ünï p@ss:w/rd%25"'\\é<&>#?=+${randomBytes(6).toString('hex')}`;
  if (server.engine === 'postgres') {
    await adminQuery(server, `CREATE ROLE ${user} LOGIN PASSWORD '${password.replace(/'/g, "''")}'`);
    await adminQuery(server, `GRANT CONNECT ON DATABASE sluice TO ${user}`);
  } else {
    await adminQuery(server, `CREATE USER '${user}'@'%' IDENTIFIED BY '${password.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`);
    await adminQuery(server, `GRANT ALL ON sluice.* TO '${user}'@'%'`);
  }
  return { user, password };
}

async function filesUnder(dir: string): Promise<Array<{ file: string; bytes: Buffer }>> {
  const out: Array<{ file: string; bytes: Buffer }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push({ file: full, bytes: await readFile(full) });
  }
  return out;
}

function djangoSettings(server: DbServerInfo, user: string, password: string, ca: string): string {
  const quoted = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const options =
    server.engine === 'postgres'
      ? `{'sslmode': 'verify-full', 'sslrootcert': ${quoted(ca)}}`
      : `{'ssl_mode': 'VERIFY_IDENTITY', 'ssl': {'ca': ${quoted(ca)}}}`;
  return `import os

DATABASES = {
    "default": {
        "ENGINE": "${server.engine === 'postgres' ? 'django.db.backends.postgresql' : 'django.db.backends.mysql'}",
        "NAME": "sluice",
        "USER": ${quoted(user)},
        "PASSWORD": ${quoted(password)},  # rotate quarterly
        "HOST": "${server.host}",
        "PORT": ${server.port},
        "OPTIONS": ${options},
    },
}
`;
}

for (const server of [harness.postgres, harness.mariadb]) {
  for (const doorKind of ['http', 'ipc'] as const) {
    describe(`secrets never leak: ${server.engine} through the ${doorKind} door`, () => {
      const logs: string[] = [];
      let dataDir: string;
      let core: Core;
      let door: Door;
      let hostile: { user: string; password: string };
      const { certs } = harness;

      beforeAll(async () => {
        dataDir = await mkdtemp(path.join(os.tmpdir(), 'sluice-leak-data-'));
        const staticDir = await mkdtemp(path.join(os.tmpdir(), 'sluice-leak-static-'));
        await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Sluice</title>');
        core = createCore({
          version: 'test',
          dataDir,
          secretStore: new EncryptedFileSecretStore({ path: path.join(dataDir, ENCRYPTED_SECRETS_FILE), passphrase: SECRET_KEY }),
          logger: new Logger({ sink: (line) => logs.push(line), level: 'debug' }),
        });
        door = doorKind === 'http' ? await httpDoor(core, staticDir) : ipcDoor(core);
        hostile = await hostileLogin(server);
      });
      afterAll(async () => {
        await door?.close();
        await core?.close();
      });

      const value = async <T,>(method: string, input: unknown): Promise<T> => {
        const res = await door.call<T>(method, input);
        if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message} ${JSON.stringify(res.error.details)}`);
        return res.value;
      };
      const code = async (method: string, input: unknown): Promise<string> => {
        const res = await door.call(method, input);
        return res.ok ? 'ok' : res.error.code;
      };

      it('uses the passwords for real work and failures, and they appear in no recording', async () => {
        const passwords = [server.password, hostile.password];
        const pg = server.engine === 'postgres';

        // 1. Import a URL holding the hostile password; the answer carries a pending id, not the password.
        const fromUrl = await value<ProfileImport>('profiles.import', {
          text: urlFor(server, { user: hostile.user, password: hostile.password, ca: certs.ca }),
        });
        expect(fromUrl.pendingPasswordId).toMatch(/^pending_/);
        const { profile } = await value<{ profile: Profile }>('profiles.save', {
          ...fromUrl.draft,
          name: 'Hostile password',
          environment: 'production',
          pendingPasswordId: fromUrl.pendingPasswordId,
        });
        expect(profile.secretRef).not.toBeNull();

        // 2. Import Django settings holding the harness password.
        const fromDjango = await value<ProfileImport>('profiles.import', { text: djangoSettings(server, server.user, server.password, certs.ca) });
        expect(fromDjango.draft).toMatchObject({ host: server.host, port: server.port, ssl: { mode: 'verify-full' } });
        const django = (await value<{ profile: Profile }>('profiles.save', { ...fromDjango.draft, pendingPasswordId: fromDjango.pendingPasswordId })).profile;

        // 3. Profiles that fail: a wrong password typed in the form, the wrong CA, a host name not in the certificate, an unknown database.
        const base = { ...fromDjango.draft, replicas: [] };
        const wrongPassword = (await value<{ profile: Profile }>('profiles.save', { ...base, name: 'wrong password', password: `wrong-${randomBytes(8).toString('hex')}` })).profile;
        const wrongCa = (
          await value<{ profile: Profile }>('profiles.save', { ...base, name: 'wrong CA', ssl: { mode: 'verify-full', ca: { kind: 'file', path: certs.wrongCa } }, password: server.password })
        ).profile;
        const wrongName = (await value<{ profile: Profile }>('profiles.save', { ...base, name: 'wrong name', host: server.altHost, password: server.password })).profile;
        const noDatabase = (await value<{ profile: Profile }>('profiles.save', { ...base, name: 'no database', database: 'no_such_db', password: server.password })).profile;

        // 4. Real work: check, open, query, a bad statement, a dropped connection, reconnect.
        const checked = await value<{ dialect: string; tls: { hostnameVerified: boolean } }>('connections.check', { profileId: profile.id });
        expect(checked.dialect).toBe(pg ? 'postgres' : 'mariadb');
        expect(checked.tls.hostnameVerified).toBe(true);
        expect(await code('connections.check', { profileId: django.id })).toBe('ok');
        const { sessionId } = await value<{ sessionId: string }>('sessions.open', { profileId: profile.id });
        const one = await value<{ rows: unknown[][] }>('query.run', { sessionId, sql: 'SELECT 1 AS one' });
        expect(one.rows).toEqual([[1]]);
        expect(await code('query.run', { sessionId, sql: 'SELEKT password FROM nowhere' })).toBe('QUERY_FAILED');
        expect(await code('query.run', { sessionId, sql: 'SELECT * FROM table_that_does_not_exist' })).toBe('QUERY_FAILED');
        await terminateSessions(server, hostile.user);
        await door.eventSeen('session.lost');
        expect(await value<{ rows: unknown[][] }>('query.run', { sessionId, sql: 'SELECT 2' })).toMatchObject({ rows: [[2]] });
        await value('sessions.close', { sessionId });

        // 5. Every failure a user meets, each with its code.
        expect(await code('connections.check', { profileId: wrongPassword.id })).toBe('AUTH_FAILED');
        expect(await code('sessions.open', { profileId: wrongCa.id })).toBe('TLS_UNTRUSTED_CA');
        expect(await code('connections.check', { profileId: wrongName.id })).toBe('TLS_HOSTNAME_MISMATCH');
        expect(await code('connections.check', { profileId: noDatabase.id })).toBe('DATABASE_NOT_FOUND');
        expect(await code('connections.check', { profileId: profile.id, password: server.password })).toBe('AUTH_FAILED');
        expect(await code('connections.check', { url: urlFor(server, { user: hostile.user, password: hostile.password, ca: certs.wrongCa }) })).toBe('TLS_UNTRUSTED_CA');
        expect(await code('connections.check', { url: urlFor(server, { ca: certs.ca }), password: server.password })).toBe('ok');
        expect(await code('profiles.import', { text: `postgres://u:${encodeURIComponent(hostile.password)}@host:99999/db` })).toBe('INVALID_URL');
        expect(await code('profiles.import', { text: `{'ENGINE': 'django.db.backends.mysql', 'PASSWORD': '${server.password}` })).toBe('DJANGO_SETTINGS_INVALID');

        // 6. Look, change, export without the password, delete.
        const listed = await value<{ profiles: Profile[] }>('profiles.list', {});
        expect(listed.profiles.map((p) => p.name)).toContain('Hostile password');
        expect(await value('profiles.save', { ...fromUrl.draft, id: profile.id, name: 'Renamed' })).toMatchObject({ profile: { secretRef: profile.secretRef } });
        const exported = await value<{ url: string; includesPassword: boolean }>('profiles.export', { id: profile.id });
        expect(exported.includesPassword).toBe(false);
        expect(await value('profiles.describeSecretStore', {})).toMatchObject({ kind: 'encrypted-file', persistent: true });
        await value('profiles.delete', { id: wrongPassword.id });

        // Positive controls: the recordings did capture the run, and the password is really stored, encrypted.
        const received = door.received();
        for (const marker of ['AUTH_FAILED', 'TLS_UNTRUSTED_CA', 'TLS_HOSTNAME_MISMATCH', 'DATABASE_NOT_FOUND', 'QUERY_FAILED', 'session.lost', 'pending_']) {
          expect(received.includes(marker), `the recording shows ${marker}`).toBe(true);
        }
        expect(logs.some((l) => l.includes('failed AUTH_FAILED'))).toBe(true);
        expect(logs.some((l) => l.includes('failed QUERY_FAILED'))).toBe(true);
        const stored = new EncryptedFileSecretStore({ path: path.join(dataDir, ENCRYPTED_SECRETS_FILE), passphrase: SECRET_KEY });
        expect(await stored.get(profile.secretRef as string)).toBe(hostile.password);
        expect(await stored.get(django.secretRef as string)).toBe(server.password);
        const files = await filesUnder(dataDir);
        expect(files.map((f) => path.basename(f.file)).sort()).toEqual(['profiles.json', ENCRYPTED_SECRETS_FILE]);

        // The assertion this test exists for.
        for (const secret of passwords) {
          for (const spelling of spellings(secret)) {
            expect(received.includes(Buffer.from(spelling, 'utf8')), `sent to the renderer over ${door.name}`).toBe(false);
            for (const line of logs) expect(line.includes(spelling), 'a log line').toBe(false);
            for (const { file, bytes } of files) expect(bytes.includes(Buffer.from(spelling, 'utf8')), file).toBe(false);
          }
        }
      });
    });
  }
}

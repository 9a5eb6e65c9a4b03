/** profiles.* and profile targets through the core's dispatch, as a door calls them. */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Profile } from '../../../app/api/calls/profile-schemas';
import type { Result } from '../../../app/api/result';
import type { ProfileImport } from '../../../app/connections/profiles/profile';
import { createCore, type Core } from '../../../app/core';
import { Logger } from '../../../app/logging/logger';
import { MemorySecretStore } from '../../../app/secrets/memory-secret-store';
import { makeInput } from './fixtures/profiles';
import { freePorts } from '../../support/free-ports';

const PASSWORD = 'Tr0ub4dor&3-horse';

describe('profiles through the core', () => {
  let dir: string;
  let secrets: MemorySecretStore;
  let core: Core;
  let logs: string[];
  let events: Array<[string, unknown]>;
  let payloads: string[];

  async function rpc<T>(method: string, input: unknown): Promise<Result<T>> {
    const result = (await core.dispatch(method, input, { door: 'http' })) as Result<T>;
    payloads.push(JSON.stringify(result));
    return result;
  }
  async function value<T>(method: string, input: unknown): Promise<T> {
    const result = await rpc<T>(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
    return result.value;
  }
  async function code(method: string, input: unknown): Promise<string> {
    const result = await rpc(method, input);
    return result.ok ? 'ok' : result.error.code;
  }

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-core-profiles-'));
    secrets = new MemorySecretStore();
    logs = [];
    events = [];
    payloads = [];
    core = createCore({ version: 'test', dataDir: dir, secretStore: secrets, logger: new Logger({ sink: (l) => logs.push(l), level: 'debug' }) });
    core.events.subscribe((name, payload) => {
      events.push([name, payload]);
      payloads.push(JSON.stringify(payload));
    });
  });
  afterEach(async () => {
    await core.close();
    // Nothing that crossed the door, nothing logged and nothing on disk holds the password.
    for (const text of [...payloads, ...logs]) expect(text).not.toContain(PASSWORD);
    for (const name of await readdir(dir)) expect(await readFile(path.join(dir, name), 'utf8')).not.toContain(PASSWORD);
  });

  it('saves a password in the secret store and only a reference in profiles.json', async () => {
    const { profile } = await value<{ profile: Profile }>('profiles.save', makeInput({ password: PASSWORD }));
    expect(profile.id).toMatch(/^orders-prod-[0-9a-f]{4}$/);
    expect(profile.secretRef).toMatch(/^secret_/);
    expect(await secrets.get(profile.secretRef as string)).toBe(PASSWORD);
    const file = JSON.parse(await readFile(path.join(dir, 'profiles.json'), 'utf8'));
    expect(file.profiles[0]).toMatchObject({ id: profile.id, secretRef: profile.secretRef });
    expect((await value<{ profiles: Profile[] }>('profiles.list', {})).profiles).toEqual([profile]);
    expect(events).toContainEqual(['profiles.changed', { id: profile.id }]);
  });

  it('keeps the password when an update omits it, and deletes it when the update clears it', async () => {
    const { profile } = await value<{ profile: Profile }>('profiles.save', makeInput({ password: PASSWORD }));
    const renamed = (await value<{ profile: Profile }>('profiles.save', makeInput({ id: profile.id, name: 'Renamed' }))).profile;
    expect(renamed).toMatchObject({ id: profile.id, name: 'Renamed', secretRef: profile.secretRef, createdAt: profile.createdAt });
    const cleared = (await value<{ profile: Profile }>('profiles.save', makeInput({ id: profile.id, password: null }))).profile;
    expect(cleared.secretRef).toBeNull();
    expect(await secrets.get(profile.secretRef as string)).toBeUndefined();
  });

  it('deletes a profile with its own and its replicas\' passwords', async () => {
    const { profile } = await value<{ profile: Profile }>(
      'profiles.save',
      makeInput({ password: PASSWORD, replicas: [{ name: 'read-1', host: '10.0.0.7', port: 5432, user: 'ro', password: 'replica-pass-1' }] }),
    );
    const replicaRef = profile.replicas[0]?.secretRef as string;
    expect(await secrets.get(replicaRef)).toBe('replica-pass-1');
    expect(await value('profiles.delete', { id: profile.id })).toEqual({ deleted: true });
    expect(await secrets.get(profile.secretRef as string)).toBeUndefined();
    expect(await secrets.get(replicaRef)).toBeUndefined();
    expect(await code('profiles.delete', { id: profile.id })).toBe('PROFILE_NOT_FOUND');
  });

  it('imports a URL without sending its password back, then saves it by the pending id', async () => {
    const imported = await value<ProfileImport>('profiles.import', { text: `postgresql://app:${encodeURIComponent(PASSWORD)}@db.example.com:25060/orders?sslmode=verify-full&sslrootcert=/ca.pem` });
    expect(imported.source).toBe('url');
    expect(imported.pendingPasswordId).toMatch(/^pending_/);
    expect(imported.draft).toMatchObject({ host: 'db.example.com', port: 25060, database: 'orders', user: 'app', ssl: { mode: 'verify-full', ca: { kind: 'file', path: '/ca.pem' } } });
    const { profile } = await value<{ profile: Profile }>('profiles.save', { ...imported.draft, pendingPasswordId: imported.pendingPasswordId });
    expect(await secrets.get(profile.secretRef as string)).toBe(PASSWORD);
    // The pending password is used up.
    expect(await code('profiles.save', { ...imported.draft, pendingPasswordId: imported.pendingPasswordId })).toBe('SECRET_NOT_FOUND');
  });

  it('imports Django settings the same way', async () => {
    const imported = await value<ProfileImport>('profiles.import', {
      text: `DATABASES = {'default': {'ENGINE': 'django.db.backends.mysql', 'NAME': 'shop', 'USER': 'shop', 'PASSWORD': '${PASSWORD}', 'HOST': 'mysql.example.com', 'OPTIONS': {'ssl_mode': 'VERIFY_IDENTITY', 'ssl': {'ca': '/ca.pem'}}}}`,
    });
    expect(imported).toMatchObject({ source: 'django', aliases: ['default'], draft: { dialect: 'mysql', port: 3306, ssl: { mode: 'verify-full' } } });
    expect(imported.pendingPasswordId).not.toBeNull();
  });

  it('answers a broken import with its typed error and no password', async () => {
    expect(await code('profiles.import', { text: `{'ENGINE': 'django.db.backends.mysql', 'PASSWORD': '${PASSWORD}` })).toBe('DJANGO_SETTINGS_INVALID');
    expect(await code('profiles.import', { text: `postgres://u:${PASSWORD}@host:99999/db` })).toBe('INVALID_URL');
  });

  it('refuses a password and a pending id together, and unknown fields', async () => {
    expect(await code('profiles.save', makeInput({ password: PASSWORD, pendingPasswordId: 'pending_x' }))).toBe('BAD_INPUT');
    expect(await code('profiles.save', { ...makeInput(), secretRef: 'secret_someone_elses' })).toBe('BAD_INPUT');
    expect(await code('profiles.save', makeInput({ host: 'bad host name' }))).toBe('BAD_INPUT');
  });

  it('exports a URL with the password only when asked', async () => {
    const { profile } = await value<{ profile: Profile }>('profiles.save', makeInput({ password: PASSWORD }));
    const plain = await value<{ url: string; includesPassword: boolean }>('profiles.export', { id: profile.id });
    expect(plain).toMatchObject({ url: 'postgresql://app@db.example.com:5432/orders?sslmode=verify-full&sslrootcert=system', includesPassword: false });
    // Asked for explicitly: the one answer that carries the password (kept out of the recorded payloads).
    const withPassword = await core.handlers['profiles.export']({ id: profile.id, includePassword: true }, { door: 'ipc' });
    expect(withPassword.includesPassword).toBe(true);
    expect(decodeURIComponent(new URL(withPassword.url).password)).toBe(PASSWORD);
  });

  it('describes the secret store', async () => {
    expect(await value('profiles.describeSecretStore', {})).toEqual({ kind: 'memory', persistent: false, protected: true });
  });

  it('reports a corrupt profile file on every call, keeps it, and sets it aside only on request', async () => {
    await writeFile(path.join(dir, 'profiles.json'), '{ broken');
    expect(await code('profiles.list', {})).toBe('PROFILE_STORE_CORRUPT');
    expect(await code('profiles.save', makeInput())).toBe('PROFILE_STORE_CORRUPT');
    expect(await readFile(path.join(dir, 'profiles.json'), 'utf8')).toBe('{ broken');
    const { movedTo } = await value<{ movedTo: string }>('profiles.setAsideStore', {});
    expect(await readFile(movedTo, 'utf8')).toBe('{ broken');
    expect(await value('profiles.list', {})).toEqual({ profiles: [] });
  });

  it('accepts a profile as a connection target, and refuses a mix of URL and profile', async () => {
    expect(await code('connections.check', { profileId: 'no-such-profile' })).toBe('PROFILE_NOT_FOUND');
    expect(await code('sessions.open', { profileId: 'x', url: 'postgres://h/db' })).toBe('BAD_INPUT');
  });

  it('connects with the saved password and reports failures without it', async () => {
    const port = (await freePorts(1))[0] as number;
    const { profile } = await value<{ profile: Profile }>('profiles.save', makeInput({ host: '127.0.0.1', port, password: PASSWORD, connectTimeoutMs: 2_000 }));
    expect(await code('connections.check', { profileId: profile.id })).toBe('UNREACHABLE');
    expect(await code('sessions.open', { profileId: profile.id, replicaId: 'r-nope' })).toBe('PROFILE_NOT_FOUND');
    expect(logs.some((l) => l.includes('connections.check failed UNREACHABLE'))).toBe(true);
  });

  it('says SECRET_NOT_FOUND when the saved password is gone (a memory store after a restart)', async () => {
    const { profile } = await value<{ profile: Profile }>('profiles.save', makeInput({ password: PASSWORD }));
    await secrets.delete(profile.secretRef as string);
    expect(await code('connections.check', { profileId: profile.id })).toBe('SECRET_NOT_FOUND');
  });
});

describe('resolving a profile into a connection', () => {
  it('uses the call password, then the store, then PGPASSWORD / MYSQL_PWD; replicas are read-only', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-resolve-'));
    const secrets = new MemorySecretStore();
    const { createProfileService } = await import('../../../app/connections/profiles/profile-service');
    const { EventHub } = await import('../../../app/api/event-hub');
    const service = createProfileService({ dataDir: dir, secretStore: secrets, logger: new Logger(), events: new EventHub(), env: { PGPASSWORD: 'from-env-1', MYSQL_PWD: 'from-env-2' } });
    const withSecret = await service.save(
      makeInput({
        password: 'stored-1',
        database: '',
        hostaddr: '10.0.0.5',
        replicas: [
          { name: 'same creds', host: 'replica-1.example.com', port: 5433 },
          { name: 'own creds', host: 'replica-2.example.com', port: 5434, user: 'reader', password: 'reader-pass' },
        ],
      }),
    );
    const bare = await service.save(makeInput({ name: 'No password', dialect: 'mysql', port: 3306 }));
    expect(await service.resolve({ profileId: withSecret.id })).toMatchObject({ host: 'db.example.com', hostaddr: '10.0.0.5', database: 'app', user: 'app', password: 'stored-1' });
    expect((await service.resolve({ profileId: withSecret.id })).readOnly).toBeUndefined();
    expect(await service.resolve({ profileId: withSecret.id, password: 'typed-1' })).toMatchObject({ password: 'typed-1' });
    expect(await service.resolve({ profileId: bare.id })).toMatchObject({ dialect: 'mysql', password: 'from-env-2' });
    const [same, own] = withSecret.replicas;
    const viaSame = await service.resolve({ profileId: withSecret.id, replicaId: same?.id as string });
    expect(viaSame).toMatchObject({ host: 'replica-1.example.com', port: 5433, user: 'app', password: 'stored-1', readOnly: true });
    expect(viaSame.hostaddr).toBeUndefined();
    expect(await service.resolve({ profileId: withSecret.id, replicaId: own?.id as string })).toMatchObject({ user: 'reader', password: 'reader-pass', readOnly: true });
  });

  it('records the engine the server reported (MariaDB behind the mysql protocol)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-engine-'));
    const { createProfileService } = await import('../../../app/connections/profiles/profile-service');
    const { EventHub } = await import('../../../app/api/event-hub');
    const service = createProfileService({ dataDir: dir, logger: new Logger(), events: new EventHub() });
    const saved = await service.save(makeInput({ dialect: 'mysql', port: 3306 }));
    const server = { dialect: 'mariadb' as const, serverVersion: '11.4', host: 'h', port: 3306, database: 'd', user: 'u', tls: null, warnings: [] };
    await service.connected({ profileId: saved.id }, server as never);
    expect((await service.list())[0]?.detectedEngine).toBe('mariadb');
    // A later edit of the same server keeps it; moving to another server forgets it.
    expect((await service.save(makeInput({ id: saved.id, dialect: 'mysql', port: 3306, name: 'x' }))).detectedEngine).toBe('mariadb');
    expect((await service.save(makeInput({ id: saved.id, dialect: 'mysql', port: 3307 }))).detectedEngine).toBeUndefined();
  });
});

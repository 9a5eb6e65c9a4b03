/**
 * The profile use cases over one store, one SecretStore and the held import passwords:
 * save (the password goes to the SecretStore, the profile keeps a reference), delete (with its
 * secrets), import, export, and turning a profile into a ConnectionConfig for a driver.
 * Every password that passes through here is registered with the log scrubber.
 */
import { randomBytes } from 'node:crypto';
import type { ServerReport } from '../../api/contract';
import { SluiceError } from '../../api/errors';
import type { EventHub } from '../../api/event-hub';
import type { Logger } from '../../logging/logger';
import { MemorySecretStore } from '../../secrets/memory-secret-store';
import { PendingSecrets } from '../../secrets/pending-secrets';
import type { SecretStore, SecretStoreDescription } from '../../secrets/secret-store';
import { watchSecrets } from '../../secrets/watched-secret-store';
import type { ConnectionConfig } from '../connection-config';
import { exportConnectionUrl } from '../import/export-url';
import { importConnectionText } from '../import/import-text';
import { resolveTarget as resolveUrlTarget } from '../resolve-target';
import type { Profile, ProfileExport, ProfileImport, ProfileInput, Replica } from './profile';
import { ProfileStore } from './profile-store';
import type { z } from 'zod';
import type { ConnectionTarget as ConnectionTargetSchema } from '../../api/calls/connection-calls';

/** A server to connect to: a URL, a saved profile (optionally one of its replicas), or an unsaved profile form. */
export type ConnectionTarget = z.infer<typeof ConnectionTargetSchema>;

/** What the service is built from. */
export interface ProfileServiceDeps {
  store: ProfileStore;
  /** Already watched (see watchSecrets), so every secret it returns is scrubbed from logs. */
  secrets: SecretStore;
  pending: PendingSecrets;
  logger: Logger;
  events: EventHub;
  /** PGPASSWORD / MYSQL_PWD fallback; only the CLI passes an environment. */
  env?: NodeJS.ProcessEnv | undefined;
}

const newSecretRef = () => `secret_${randomBytes(12).toString('base64url')}`;
const newReplicaId = () => `r-${randomBytes(4).toString('hex')}`;

/** A readable, unique id: the name as a slug plus four random hex digits (`prod-orders-3f9a`). */
function newProfileId(name: string, taken: ReadonlySet<string>): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  for (;;) {
    const id = `${slug || 'profile'}-${randomBytes(2).toString('hex')}`;
    if (!taken.has(id)) return id;
  }
}

/** Profile operations for one core. */
export class ProfileService {
  private readonly log: Logger;

  constructor(private readonly deps: ProfileServiceDeps) {
    this.log = deps.logger.child('profiles');
  }

  /** Every saved profile. */
  list(): Promise<Profile[]> {
    return this.deps.store.list();
  }

  /** Creates (no id) or replaces (id) a profile; the password goes to the SecretStore. */
  async save(input: ProfileInput): Promise<Profile> {
    const { store, secrets, pending } = this.deps;
    const existing = input.id === undefined ? undefined : await store.get(input.id);
    const created: string[] = [];
    const obsolete: string[] = [];
    /** Applies a password field (string: set, null or '': remove, undefined: keep) to a reference. */
    const applySecret = async (ref: string | null, password: string | null | undefined): Promise<string | null> => {
      if (password === undefined) return ref;
      if (password === null || password === '') {
        if (ref) obsolete.push(ref);
        return null;
      }
      const target = ref ?? newSecretRef();
      if (!ref) created.push(target);
      await secrets.set(target, password);
      return target;
    };
    try {
      const password = input.pendingPasswordId !== undefined ? pending.get(input.pendingPasswordId) : input.password;
      const secretRef = await applySecret(existing?.secretRef ?? null, password);
      const replicas: Replica[] = [];
      const seen = new Set<string>();
      for (const r of input.replicas) {
        const previous = r.id === undefined ? undefined : existing?.replicas.find((x) => x.id === r.id);
        const id = r.id ?? newReplicaId();
        if (seen.has(id)) throw new SluiceError('BAD_INPUT', { message: 'Two replicas have the same id.', details: { replicaId: id } });
        seen.add(id);
        const ref = await applySecret(previous?.secretRef ?? null, r.password);
        replicas.push({ id, name: r.name, host: r.host, port: r.port, ...(r.user !== undefined ? { user: r.user } : {}), ...(ref ? { secretRef: ref } : {}) });
      }
      for (const old of existing?.replicas ?? []) if (!seen.has(old.id) && old.secretRef) obsolete.push(old.secretRef);

      const profile = await store.mutate((list) => {
        const now = new Date().toISOString();
        const current = existing ? list.find((p) => p.id === existing.id) : undefined;
        if (existing && !current) throw new SluiceError('PROFILE_NOT_FOUND', { message: 'The profile was deleted while it was being saved.', details: { id: existing.id } });
        const id = current?.id ?? newProfileId(input.name, new Set(list.map((p) => p.id)));
        const sameServer = current && current.dialect === input.dialect && current.host === input.host && current.port === input.port;
        const next: Profile = {
          id,
          name: input.name,
          dialect: input.dialect,
          ...(sameServer && current.detectedEngine ? { detectedEngine: current.detectedEngine } : {}),
          host: input.host,
          ...(input.hostaddr !== undefined ? { hostaddr: input.hostaddr } : {}),
          port: input.port,
          database: input.database,
          user: input.user,
          secretRef,
          environment: input.environment,
          ssl: input.ssl,
          connectTimeoutMs: input.connectTimeoutMs,
          replicas,
          createdAt: current?.createdAt ?? now,
          updatedAt: now,
        };
        return { profiles: current ? list.map((p) => (p.id === id ? next : p)) : [...list, next], result: next };
      });
      if (input.pendingPasswordId !== undefined) pending.delete(input.pendingPasswordId);
      await this.forget(obsolete);
      this.log.info(`saved profile ${profile.id}`, { environment: profile.environment, dialect: profile.dialect, hasPassword: profile.secretRef !== null });
      this.deps.events.emit('profiles.changed', { id: profile.id });
      return profile;
    } catch (err) {
      await this.forget(created);
      throw err;
    }
  }

  /** Deletes a profile and the secrets it referred to. */
  async delete(id: string): Promise<void> {
    const removed = await this.deps.store.mutate((list) => {
      const profile = list.find((p) => p.id === id);
      if (!profile) throw new SluiceError('PROFILE_NOT_FOUND', { details: { id } });
      return { profiles: list.filter((p) => p.id !== id), result: profile };
    });
    await this.forget([removed.secretRef, ...removed.replicas.map((r) => r.secretRef)]);
    this.log.info(`deleted profile ${id}`);
    this.deps.events.emit('profiles.changed', { id });
  }

  /** Reads a URL or Django settings into a draft; a password found is held in the core under an id. */
  async import(text: string, alias?: string): Promise<ProfileImport> {
    const found = importConnectionText(text, alias === undefined ? {} : { alias });
    let pendingPasswordId: string | null = null;
    if (found.password !== undefined && found.password !== '') {
      this.log.scrubber.register(found.password);
      pendingPasswordId = this.deps.pending.put(found.password);
    }
    this.log.debug(`imported a ${found.source} draft`, { warnings: found.warnings.length, hasPassword: pendingPasswordId !== null });
    return { source: found.source, draft: found.draft, pendingPasswordId, warnings: found.warnings, aliases: found.aliases };
  }

  /** The profile as a URL; the password only when asked for (and saved). */
  async export(id: string, includePassword: boolean): Promise<ProfileExport> {
    const profile = await this.deps.store.get(id);
    const password = includePassword && profile.secretRef ? await this.deps.secrets.get(profile.secretRef) : undefined;
    const result = exportConnectionUrl(profile, password === undefined ? {} : { password });
    const warnings = [...result.warnings];
    if (includePassword && password === undefined) warnings.push('No password is saved for this profile, so the URL has none.');
    this.log.info(`exported profile ${id}`, { includesPassword: password !== undefined });
    return { url: result.url, includesPassword: password !== undefined, warnings };
  }

  /** Where passwords go and how well they are protected. */
  describeSecrets(): Promise<SecretStoreDescription> {
    return this.deps.secrets.describe();
  }

  /** Moves an unreadable profile file aside on the user's request. */
  async setAsideStore(): Promise<string | null> {
    const movedTo = await this.deps.store.setAside();
    if (movedTo) {
      this.log.warn('moved an unreadable profile file aside', { movedTo });
      this.deps.events.emit('profiles.changed', { id: null });
    }
    return movedTo;
  }

  /**
   * The ConnectionConfig for a target. Password order: the one passed with the call, then
   * the SecretStore, then PGPASSWORD / MYSQL_PWD (CLI). A profile whose saved password is
   * gone (a memory store after a restart) fails with SECRET_NOT_FOUND instead of trying none.
   */
  async resolve(target: ConnectionTarget): Promise<ConnectionConfig> {
    if ('url' in target) {
      const config = resolveUrlTarget(target.url, { explicit: target.password, env: this.deps.env, readOnly: target.readOnly });
      this.log.scrubber.register(config.password);
      this.log.scrubber.register(config.sslPassword);
      return config;
    }
    if ('draft' in target) return this.resolveDraft(target);
    const profile = await this.deps.store.get(target.profileId);
    let { host, port, user } = profile;
    let hostaddr = profile.hostaddr;
    let ref = profile.secretRef;
    let readOnly = target.readOnly ?? false;
    if (target.replicaId !== undefined) {
      const replica = profile.replicas.find((r) => r.id === target.replicaId);
      if (!replica) {
        throw new SluiceError('PROFILE_NOT_FOUND', { message: 'This profile has no read replica with that id.', details: { id: profile.id, replicaId: target.replicaId } });
      }
      ({ host, port } = replica);
      hostaddr = undefined;
      readOnly = true;
      if (replica.user !== undefined) {
        user = replica.user;
        ref = replica.secretRef ?? null;
      } else if (replica.secretRef) {
        ref = replica.secretRef;
      }
    }
    let password = target.password;
    if (password === undefined && ref) password = await this.deps.secrets.get(ref);
    password ??= this.deps.env?.[profile.dialect === 'postgres' ? 'PGPASSWORD' : 'MYSQL_PWD'];
    if (password === undefined && ref) throw new SluiceError('SECRET_NOT_FOUND', { details: { profileId: profile.id } });
    this.log.scrubber.register(password);
    this.log.debug(`connecting with profile ${profile.id}`, { server: `${host}:${port}`, replica: target.replicaId ?? null, ssl: profile.ssl.mode });
    return {
      dialect: profile.dialect,
      host,
      ...(hostaddr !== undefined ? { hostaddr } : {}),
      port,
      database: profile.database || (profile.dialect === 'postgres' ? user : ''),
      user,
      ...(password !== undefined ? { password } : {}),
      ssl: profile.ssl,
      connectTimeoutMs: profile.connectTimeoutMs,
      ...(readOnly ? { readOnly: true } : {}),
    };
  }

  /**
   * An unsaved form, so Test can check exactly what Save would store. Its password never comes
   * from the window unless typed: the import's pending one or the edited profile's saved one.
   */
  private async resolveDraft(target: Extract<ConnectionTarget, { draft: unknown }>): Promise<ConnectionConfig> {
    const { draft } = target;
    let password = target.password;
    if (password === undefined && target.pendingPasswordId !== undefined) password = this.deps.pending.get(target.pendingPasswordId);
    if (password === undefined && target.profileId !== undefined) {
      const ref = (await this.deps.store.get(target.profileId)).secretRef;
      if (ref) password = await this.deps.secrets.get(ref);
    }
    this.log.scrubber.register(password);
    return {
      dialect: draft.dialect,
      host: draft.host,
      ...(draft.hostaddr !== undefined ? { hostaddr: draft.hostaddr } : {}),
      port: draft.port,
      database: draft.database || (draft.dialect === 'postgres' ? draft.user : ''),
      user: draft.user,
      ...(password !== undefined ? { password } : {}),
      ssl: draft.ssl,
      connectTimeoutMs: draft.connectTimeoutMs,
      ...(target.readOnly ? { readOnly: true } : {}),
    };
  }

  /** After a connect through a profile: remember which engine answered (MariaDB speaks the mysql protocol). */
  async connected(target: ConnectionTarget, server: ServerReport): Promise<void> {
    if (!('profileId' in target) || 'draft' in target || target.replicaId !== undefined) return;
    try {
      const known = (await this.deps.store.list()).find((p) => p.id === target.profileId);
      if (!known || known.detectedEngine === server.dialect) return;
      const changed = await this.deps.store.mutate((list) => {
        const current = list.find((p) => p.id === target.profileId);
        if (!current || current.detectedEngine === server.dialect) return { profiles: list, result: false };
        return { profiles: list.map((p) => (p === current ? { ...p, detectedEngine: server.dialect } : p)), result: true };
      });
      if (changed) this.deps.events.emit('profiles.changed', { id: target.profileId });
    } catch (err) {
      // Recording the engine is a courtesy; it must never fail a connection.
      this.log.warn(`could not record the engine of profile ${target.profileId}`, { error: err instanceof Error ? err.message : String(err) });
    }
  }

  private async forget(refs: ReadonlyArray<string | null | undefined>): Promise<void> {
    for (const ref of refs) {
      if (!ref) continue;
      try {
        await this.deps.secrets.delete(ref);
      } catch (err) {
        this.log.warn('could not delete a stored secret', { error: err instanceof Error ? err.message : String(err) });
      }
    }
  }
}

/** How a core asks for its profile service. */
export interface ProfileServiceOptions {
  dataDir: string;
  /** Default: in memory only, nothing persisted. */
  secretStore?: SecretStore | undefined;
  logger: Logger;
  events: EventHub;
  env?: NodeJS.ProcessEnv | undefined;
}

/** The profile service of a core: profiles.json in the data dir, the secret store watched by the log scrubber. */
export function createProfileService(options: ProfileServiceOptions): ProfileService {
  return new ProfileService({
    store: new ProfileStore(options.dataDir),
    secrets: watchSecrets(options.secretStore ?? new MemorySecretStore(), options.logger.scrubber),
    pending: new PendingSecrets(),
    logger: options.logger,
    events: options.events,
    env: options.env,
  });
}

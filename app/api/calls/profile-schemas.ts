/**
 * Schemas of saved connection profiles: where a server is, how to verify it, and a reference
 * to its password in the SecretStore (never the password). Node-free: the contract and the
 * renderer import these; app/connections/profiles/profile.ts checks them against the
 * driver-facing types.
 */
import { z } from 'zod';

/** A profile id: short, URL- and shell-safe. */
export const ProfileId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'A profile id is 1–64 letters, digits, - or _.');

/** A replica id within a profile. */
export const ReplicaId = ProfileId;

/** The tag that colours and guards a profile everywhere. */
export const Environment = z.enum(['production', 'staging', 'development']);
export type Environment = z.infer<typeof Environment>;

/** Which client protocol the profile speaks; the server tells MariaDB apart (see detectedEngine). */
export const ProfileDialect = z.enum(['postgres', 'mysql']);

/** A DNS name (letters, digits, `.`, `-`, `_`) or an IP address; what a URL can carry unchanged. */
export const HostName = z.union([
  z.string().min(1).max(253).regex(/^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_.])?$/, 'Use a host name or an IP address.'),
  z.ipv6(),
]);

/** An IP address to dial instead of resolving the host name (libpq's hostaddr). */
export const HostAddress = z.union([z.ipv4(), z.ipv6()]);

/** A TCP port. */
export const Port = z.number().int().min(1).max(65535);

const FilePath = z.string().min(1).max(4096);

/** Where trusted CA certificates come from. */
export const CaSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: FilePath }),
  z.object({ kind: z.literal('pem'), pem: z.string().min(1).max(200_000) }),
  z.object({ kind: z.literal('system') }),
]);

/** A client certificate and key by path. */
export const ClientCertificateSchema = z.object({ certPath: FilePath, keyPath: FilePath });

/** The SslConfig union of connection-config.ts as a schema. */
export const SslConfigSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('disable') }),
  z.object({ mode: z.literal('prefer'), clientCert: ClientCertificateSchema.optional() }),
  z.object({ mode: z.literal('require'), clientCert: ClientCertificateSchema.optional() }),
  z.object({ mode: z.literal('verify-ca'), ca: CaSourceSchema, clientCert: ClientCertificateSchema.optional() }),
  z.object({ mode: z.literal('verify-full'), ca: CaSourceSchema, clientCert: ClientCertificateSchema.optional() }),
]);

const Name = z.string().trim().min(1).max(200);
/** A database user name. */
export const UserName = z.string().min(1).max(200);
/** A database name; empty means the driver default. */
export const Database = z.string().max(200);
/** How long a connect may take. */
export const ConnectTimeoutMs = z.number().int().min(1).max(3_600_000);
/** Opaque reference into the SecretStore; null when no password is stored. */
const SecretRef = z.string().min(1).max(200);

/** A read replica beside the primary; credentials default to the primary's. */
export const Replica = z.object({
  id: ReplicaId,
  name: Name,
  host: HostName,
  port: Port,
  user: UserName.optional(),
  secretRef: SecretRef.nullable().optional(),
});
export type Replica = z.infer<typeof Replica>;

/** A saved profile as stored in profiles.json and returned by profiles.list. */
export const Profile = z.object({
  id: ProfileId,
  name: Name,
  dialect: ProfileDialect,
  /** What the server said it is at the last successful connect (mariadb speaks the mysql protocol). */
  detectedEngine: z.enum(['postgres', 'mysql', 'mariadb']).optional(),
  host: HostName,
  hostaddr: HostAddress.optional(),
  port: Port,
  /** Empty means the driver default (PostgreSQL: the user name; MySQL: none selected). */
  database: Database,
  user: UserName,
  secretRef: SecretRef.nullable(),
  environment: Environment,
  ssl: SslConfigSchema,
  connectTimeoutMs: ConnectTimeoutMs,
  replicas: z.array(Replica).max(16),
  createdAt: z.string().max(40),
  updatedAt: z.string().max(40),
});
export type Profile = z.infer<typeof Profile>;

/** A password field on input: a string sets it, null removes the stored one, absent keeps it. */
const PasswordInput = z.string().max(1024).nullable().optional();

/** A replica as profiles.save takes it. */
export const ReplicaInput = z
  .object({
    id: ReplicaId.optional(),
    name: Name,
    host: HostName,
    port: Port,
    user: UserName.optional(),
    password: PasswordInput,
  })
  .strict();
export type ReplicaInput = z.infer<typeof ReplicaInput>;

/** What profiles.save takes: the profile's fields, an optional id (absent: create), and the password. */
export const ProfileInput = z
  .object({
    id: ProfileId.optional(),
    name: Name,
    dialect: ProfileDialect,
    host: HostName,
    hostaddr: HostAddress.optional(),
    port: Port,
    database: Database,
    user: UserName,
    environment: Environment,
    ssl: SslConfigSchema,
    connectTimeoutMs: ConnectTimeoutMs,
    replicas: z.array(ReplicaInput).max(16).default([]),
    password: PasswordInput,
    /** The id profiles.import gave for a password it found: the core moves that password into the SecretStore. */
    pendingPasswordId: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((p) => !(p.password !== undefined && p.pendingPasswordId !== undefined), {
    message: 'Give either password or pendingPasswordId, not both.',
    path: ['pendingPasswordId'],
  });
export type ProfileInput = z.infer<typeof ProfileInput>;

/** A profile as an import found it: not validated as strictly (fields may be missing), not saved. */
export interface ProfileDraft {
  name: string;
  dialect: 'postgres' | 'mysql';
  host: string;
  hostaddr?: string;
  port: number;
  database: string;
  user: string;
  environment: Environment;
  ssl: SslConfigValue;
  connectTimeoutMs: number;
  replicas: Array<{ name: string; host: string; port: number; user?: string }>;
}

/** What profiles.import answers: a draft to show in the form, and an id standing for the password it found. */
export interface ProfileImport {
  source: 'url' | 'django';
  draft: ProfileDraft;
  /** Pass it to profiles.save to store the password found in the text; null when there was none. */
  pendingPasswordId: string | null;
  warnings: string[];
  aliases: string[];
}

/** What profiles.export answers. */
export interface ProfileExport {
  url: string;
  includesPassword: boolean;
  warnings: string[];
}

/** SSL settings as the schema describes them (the same values as connection-config's SslConfig). */
export type SslConfigValue = z.infer<typeof SslConfigSchema>;

/** Where passwords go and how well they are protected, as profiles.describeSecretStore reports it. */
export interface SecretStoreDescription {
  kind: 'memory' | 'encrypted-file' | 'os-keychain';
  /** Passwords survive a restart. */
  persistent: boolean;
  /** Passwords at rest are protected by a key only this user holds (true when nothing is at rest). */
  protected: boolean;
  /** A sentence for the user when something is weaker than they would assume. */
  warning?: string;
}

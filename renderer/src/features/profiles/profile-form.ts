/**
 * The profile form's model: strings as the fields hold them, converted to the contract's
 * ProfileInput on save. Passwords are write-only: a form built from a saved profile never holds
 * one, only whether one is saved. Field errors are keyed by the same dotted paths the core uses
 * in BAD_INPUT details (`port`, `ssl.ca.path`, `replicas.0.host`), so both land on the same field.
 */
import type { Environment, Profile, ProfileDraft, ProfileInput, SslConfigValue } from '../../../../app/api/calls/profile-schemas';
import type { SslMode } from './ssl-modes';

/** Which client protocol: MariaDB speaks MySQL's (the server tells them apart on connect). */
export type ProfileDialect = Profile['dialect'];

/** The default port of each protocol. */
export const DEFAULT_PORTS: Record<ProfileDialect, number> = { postgres: 5432, mysql: 3306 };

/** The core's default connect timeout, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** Where the trusted CA comes from. */
export type CaKind = 'system' | 'file' | 'pem';

let nextKey = 1;
/** A React key for a list row that has no id yet. */
const rowKey = (): string => `row-${nextKey++}`;

/** One replica row. */
export interface ReplicaForm {
  key: string;
  /** Set for a replica that is already saved. */
  id?: string;
  name: string;
  host: string;
  port: string;
  user: string;
  /** Typed now; empty keeps a saved one. */
  password: string;
  hasSavedPassword: boolean;
  forgetPassword: boolean;
}

/** The whole form. */
export interface ProfileForm {
  /** Set when editing a saved profile. */
  id?: string;
  name: string;
  environment: Environment;
  dialect: ProfileDialect;
  host: string;
  port: string;
  database: string;
  user: string;
  /** Typed now; empty keeps the saved one (or the one found by an import). */
  password: string;
  hasSavedPassword: boolean;
  forgetPassword: boolean;
  /** The core holds a password found in pasted text under this id; saved with the profile. */
  pendingPasswordId: string | null;
  connectTimeoutSeconds: string;
  sslMode: SslMode;
  caKind: CaKind;
  caPath: string;
  caPem: string;
  useClientCert: boolean;
  certPath: string;
  keyPath: string;
  hostaddr: string;
  replicas: ReplicaForm[];
}

/** Field errors by dotted path. */
export type FieldErrors = Readonly<Record<string, string>>;

/** A new profile: verify-full against the system store, as ARCHITECTURE.md asks. */
export function emptyForm(): ProfileForm {
  return {
    name: '',
    environment: 'development',
    dialect: 'postgres',
    host: '',
    port: String(DEFAULT_PORTS.postgres),
    database: '',
    user: '',
    password: '',
    hasSavedPassword: false,
    forgetPassword: false,
    pendingPasswordId: null,
    connectTimeoutSeconds: String(DEFAULT_TIMEOUT_SECONDS),
    sslMode: 'verify-full',
    caKind: 'system',
    caPath: '',
    caPem: '',
    useClientCert: false,
    certPath: '',
    keyPath: '',
    hostaddr: '',
    replicas: [],
  };
}

function sslFields(ssl: SslConfigValue): Pick<ProfileForm, 'sslMode' | 'caKind' | 'caPath' | 'caPem' | 'useClientCert' | 'certPath' | 'keyPath'> {
  const ca = ssl.mode === 'verify-ca' || ssl.mode === 'verify-full' ? ssl.ca : { kind: 'system' as const };
  const clientCert = ssl.mode === 'disable' ? undefined : ssl.clientCert;
  return {
    sslMode: ssl.mode,
    caKind: ca.kind,
    caPath: ca.kind === 'file' ? ca.path : '',
    caPem: ca.kind === 'pem' ? ca.pem : '',
    useClientCert: clientCert !== undefined,
    certPath: clientCert?.certPath ?? '',
    keyPath: clientCert?.keyPath ?? '',
  };
}

const seconds = (ms: number): string => String(Math.round(ms / 100) / 10);

/** The form for editing a saved profile (no password: only whether one is saved). */
export function formFromProfile(profile: Profile): ProfileForm {
  return {
    id: profile.id,
    name: profile.name,
    environment: profile.environment,
    dialect: profile.dialect,
    host: profile.host,
    port: String(profile.port),
    database: profile.database,
    user: profile.user,
    password: '',
    hasSavedPassword: profile.secretRef !== null,
    forgetPassword: false,
    pendingPasswordId: null,
    connectTimeoutSeconds: seconds(profile.connectTimeoutMs),
    ...sslFields(profile.ssl),
    hostaddr: profile.hostaddr ?? '',
    replicas: profile.replicas.map((r) => ({
      key: r.id,
      id: r.id,
      name: r.name,
      host: r.host,
      port: String(r.port),
      user: r.user ?? '',
      password: '',
      hasSavedPassword: Boolean(r.secretRef),
      forgetPassword: false,
    })),
  };
}

/**
 * The form after an import: the draft's fields replace the form's, while what the import cannot
 * know stays — the id being edited, the saved-password state, a password typed by hand, and
 * replicas already listed (an import adds its own after them).
 */
export function formFromDraft(current: ProfileForm, draft: ProfileDraft, pendingPasswordId: string | null): ProfileForm {
  return {
    ...current,
    name: draft.name,
    environment: draft.environment,
    dialect: draft.dialect,
    host: draft.host,
    port: String(draft.port),
    database: draft.database,
    user: draft.user,
    pendingPasswordId,
    connectTimeoutSeconds: seconds(draft.connectTimeoutMs),
    ...sslFields(draft.ssl),
    hostaddr: draft.hostaddr ?? '',
    replicas: [
      ...current.replicas,
      ...draft.replicas.map((r) => ({
        key: rowKey(),
        name: r.name,
        host: r.host,
        port: String(r.port),
        user: r.user ?? '',
        password: '',
        hasSavedPassword: false,
        forgetPassword: false,
      })),
    ],
  };
}

/** A blank replica row, on the primary's port. */
export function newReplicaRow(form: ProfileForm): ReplicaForm {
  return { key: rowKey(), name: `replica ${form.replicas.length + 1}`, host: '', port: form.port, user: '', password: '', hasSavedPassword: false, forgetPassword: false };
}

function parsePort(raw: string, path: string, errors: Record<string, string>): number {
  const port = Number(raw.trim());
  if (raw.trim() === '' || !Number.isInteger(port) || port < 1 || port > 65535) {
    errors[path] = 'A port is a whole number from 1 to 65535.';
    return 0;
  }
  return port;
}

function required(value: string, path: string, message: string, errors: Record<string, string>): string {
  const trimmed = value.trim();
  if (trimmed === '') errors[path] = message;
  return trimmed;
}

/** The SSL union from the form's flat fields. */
export function sslFromForm(form: ProfileForm, errors: Record<string, string>): SslConfigValue {
  const clientCert =
    form.useClientCert && form.sslMode !== 'disable'
      ? {
          certPath: required(form.certPath, 'ssl.clientCert.certPath', 'Give the path of the client certificate file.', errors),
          keyPath: required(form.keyPath, 'ssl.clientCert.keyPath', 'Give the path of the client key file.', errors),
        }
      : undefined;
  const withCert = clientCert ? { clientCert } : {};
  switch (form.sslMode) {
    case 'disable':
      return { mode: 'disable' };
    case 'prefer':
    case 'require':
      return { mode: form.sslMode, ...withCert };
    case 'verify-ca':
    case 'verify-full': {
      const ca =
        form.caKind === 'file'
          ? { kind: 'file' as const, path: required(form.caPath, 'ssl.ca.path', 'Give the path of the CA certificate file.', errors) }
          : form.caKind === 'pem'
            ? { kind: 'pem' as const, pem: required(form.caPem, 'ssl.ca.pem', 'Paste the CA certificate (-----BEGIN CERTIFICATE----- …).', errors) }
            : { kind: 'system' as const };
      if (ca.kind === 'pem' && ca.pem && !ca.pem.includes('-----BEGIN CERTIFICATE-----')) errors['ssl.ca.pem'] = 'This does not look like a PEM certificate (-----BEGIN CERTIFICATE----- …).';
      return { mode: form.sslMode, ca, ...withCert };
    }
  }
}

/** What the form would save, or the field errors that stop it (checked again by the core). */
export function formToInput(form: ProfileForm): { input: ProfileInput; errors: FieldErrors } {
  const errors: Record<string, string> = {};
  const name = required(form.name, 'name', 'Give the profile a name.', errors);
  const host = required(form.host, 'host', 'Give the server host name or IP address.', errors);
  const port = parsePort(form.port, 'port', errors);
  const user = required(form.user, 'user', 'Give the user name.', errors);
  const timeout = Number(form.connectTimeoutSeconds.trim());
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 3600) errors.connectTimeoutMs = 'A timeout is a number of seconds from 1 to 3600.';
  const ssl = sslFromForm(form, errors);
  const hostaddr = form.hostaddr.trim();

  const password: Pick<ProfileInput, 'password' | 'pendingPasswordId'> =
    form.password !== '' ? { password: form.password }
    : form.forgetPassword ? { password: null }
    : form.pendingPasswordId !== null ? { pendingPasswordId: form.pendingPasswordId }
    : {};

  const replicas = form.replicas.map((r, i) => {
    const replicaUser = r.user.trim();
    return {
      ...(r.id !== undefined ? { id: r.id } : {}),
      name: required(r.name, `replicas.${i}.name`, 'Give the replica a name.', errors),
      host: required(r.host, `replicas.${i}.host`, 'Give the replica host.', errors),
      port: parsePort(r.port, `replicas.${i}.port`, errors),
      ...(replicaUser !== '' ? { user: replicaUser } : {}),
      ...(r.password !== '' ? { password: r.password } : r.forgetPassword ? { password: null } : {}),
    };
  });

  const input: ProfileInput = {
    ...(form.id !== undefined ? { id: form.id } : {}),
    name,
    dialect: form.dialect,
    host,
    ...(hostaddr !== '' ? { hostaddr } : {}),
    port,
    database: form.database.trim(),
    user,
    environment: form.environment,
    ssl,
    connectTimeoutMs: Math.round(timeout * 1000),
    replicas,
    ...password,
  };
  return { input, errors };
}

/** BAD_INPUT issues as field errors; the first message per path wins. */
export function issuesToErrors(details: Record<string, unknown> | undefined): { fields: FieldErrors; other: string[] } {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  const issues = Array.isArray(details?.issues) ? (details.issues as unknown[]) : [];
  for (const issue of issues) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') continue;
    const key = typeof path === 'string' ? normalisePath(path) : '';
    if (key && FIELD_PATHS.test(key)) fields[key] ??= friendlier(key, message);
    else other.push(key ? `${key}: ${message}` : message);
  }
  return { fields, other };
}

/** zod says only "Invalid input" when no member of a union matched; say what a host may be. */
function friendlier(path: string, message: string): string {
  if (message !== 'Invalid input') return message;
  if (/(^|\.)host$/.test(path)) return 'Use a host name (letters, digits, ".", "-", "_") or an IP address.';
  if (path === 'hostaddr') return 'Use an IPv4 or IPv6 address.';
  return message;
}

/** The paths the form has a field for. */
const FIELD_PATHS = /^(name|environment|dialect|host|hostaddr|port|database|user|password|connectTimeoutMs|ssl\.mode|ssl\.ca\.(path|pem)|ssl\.clientCert\.(certPath|keyPath)|replicas\.\d+\.(name|host|port|user|password))$/;

/** Maps a schema path onto the field that shows it (`ssl.ca` → the CA field in use). */
function normalisePath(path: string): string {
  if (path === 'pendingPasswordId') return 'password';
  if (path === 'ssl' || path === 'ssl.ca') return 'ssl.mode';
  return path;
}

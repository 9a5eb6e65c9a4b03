/**
 * One entry for pasted connection text: a URL (`postgres://`, `postgresql://`, `mysql://`,
 * `mariadb://`, also as `DATABASE_URL=…`) or Django settings. Returns a draft profile and the
 * password separately, so the caller can hold the password in the core.
 */
import { SluiceError } from '../../api/errors';
import { parseConnectionUrl } from '../parse-url';
import type { ProfileDraft } from '../profiles/profile';
import { importDjangoSettings } from './django-settings';
import { draftName, guessEnvironment, importedSsl } from './draft-defaults';

/** What an import found. */
export interface ImportedConnection {
  source: 'url' | 'django';
  draft: ProfileDraft;
  /** The password found in the text, if any: never to be sent to the renderer. */
  password?: string;
  warnings: string[];
  /** For Django: every alias in DATABASES (empty for a URL or a single entry). */
  aliases: string[];
}

/** URL parameters Sluice reads (anything else is reported as not imported). */
const KNOWN_PARAMS = new Set([
  'host', 'user', 'password', 'dbname', 'database', 'hostaddr', 'sslmode', 'ssl-mode', 'ssl_mode', 'sslrootcert', 'ssl-ca', 'ssl_ca',
  'sslcert', 'ssl-cert', 'ssl_cert', 'sslkey', 'ssl-key', 'ssl_key', 'connect_timeout', 'connect-timeout',
]);
const HARMLESS_PARAMS = new Set(['application_name', 'charset', 'timezone', 'client_encoding']);
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
/** `DATABASE_URL=postgres://…`, `export DATABASE_URL="…"`, as in a .env file. */
const ENV_LINE = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*(["']?)([A-Za-z][A-Za-z0-9+.-]*:\/\/\S*?)\1\s*$/;

/** Reads a connection URL into a draft. Throws INVALID_URL. */
export function importUrl(text: string): ImportedConnection {
  const config = parseConnectionUrl(text);
  const warnings: string[] = [];
  const params = new URL(text.trim()).searchParams;
  const ssl = importedSsl(params, config.host, warnings);
  const ignored = [...new Set([...params.keys()].filter((k) => !KNOWN_PARAMS.has(k) && !HARMLESS_PARAMS.has(k)))];
  if (ignored.length > 0) {
    const names = ignored.slice(0, 10).map((k) => (/^[A-Za-z0-9_.-]{1,40}$/.test(k) ? k : '(unnamed)'));
    warnings.push(`URL parameters not imported: ${names.join(', ')}.`);
  }
  const env = guessEnvironment(config.host, config.database);
  if (env.warning) warnings.push(env.warning);
  const draft: ProfileDraft = {
    name: draftName(config.database, config.host),
    dialect: config.dialect,
    host: config.host,
    ...(config.hostaddr !== undefined ? { hostaddr: config.hostaddr } : {}),
    port: config.port,
    database: config.database,
    user: config.user,
    environment: env.environment,
    ssl,
    connectTimeoutMs: config.connectTimeoutMs,
    replicas: [],
  };
  return { source: 'url', draft, ...(config.password !== undefined ? { password: config.password } : {}), warnings, aliases: [] };
}

/** Reads pasted text as a URL or Django settings. Throws INVALID_URL or DJANGO_SETTINGS_INVALID only. */
export function importConnectionText(text: string, options: { alias?: string } = {}): ImportedConnection {
  const trimmed = text.trim();
  if (trimmed === '') throw new SluiceError('DJANGO_SETTINGS_INVALID', { message: 'Nothing to import: paste a connection URL or a Django DATABASES setting.' });
  const envLine = ENV_LINE.exec(trimmed);
  if (SCHEME.test(trimmed) || envLine) return importUrl(envLine ? (envLine[2] as string) : trimmed);
  const django = importDjangoSettings(trimmed, options);
  if (django.kind === 'url') {
    const fromUrl = importUrl(django.url);
    return { ...fromUrl, source: 'django', warnings: [...django.warnings, ...fromUrl.warnings], aliases: django.aliases };
  }
  return {
    source: 'django',
    draft: django.draft,
    ...(django.password !== undefined ? { password: django.password } : {}),
    warnings: django.warnings,
    aliases: django.aliases,
  };
}

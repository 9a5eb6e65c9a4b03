/**
 * Reads a Django DATABASES setting as written in settings.py — the whole file, the
 * `DATABASES = {...}` statement, the dict, one entry, or `'default': {...}` — into a profile
 * draft. Nothing is evaluated: values computed by code (`os.environ[...]`, `env('X')`) become
 * warnings naming the field (and their literal default, when they have one). Errors are
 * DJANGO_SETTINGS_INVALID with a line and column, never an excerpt (the text holds a password).
 */
import { SluiceError } from '../../api/errors';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_PORT, type Dialect, type SslConfig } from '../connection-config';
import type { ProfileDraft } from '../profiles/profile';
import { draftName, guessEnvironment, importedSsl } from './draft-defaults';
import { positionOf, PythonLiteralError, PythonParser, tokenize, type PyExpr, type PyValue } from './python-literal';

interface DjangoFound {
  warnings: string[];
  /** The alias imported (null when the text was a single entry). */
  alias: string | null;
  /** Every alias in the DATABASES dict. */
  aliases: string[];
}

/**
 * What an import of Django settings found: an entry read into a draft, or a
 * dj_database_url / django-environ call whose literal default URL should be imported instead.
 */
export type DjangoImport =
  | (DjangoFound & { kind: 'entry'; draft: ProfileDraft; /** The literal PASSWORD, when there is one. */ password?: string })
  | (DjangoFound & { kind: 'url'; url: string });

type Dict = Extract<PyValue, { kind: 'dict' }>;

/** Keys only a database entry has; a dict with any of them is an entry, not the alias map. */
const ENTRY_KEYS = new Set(['ENGINE', 'NAME', 'USER', 'PASSWORD', 'HOST', 'PORT', 'OPTIONS']);
const PG_IGNORED = new Set(['application_name', 'isolation_level', 'pool', 'server_side_binding', 'cursor_factory', 'client_encoding', 'keepalives', 'keepalives_idle', 'keepalives_interval', 'keepalives_count', 'prepare_threshold']);
const PG_UNSUPPORTED = new Set(['service', 'passfile', 'sslpassword', 'sslcrl', 'sslcrldir', 'target_session_attrs', 'sslnegotiation', 'options', 'assume_role']);
const MY_IGNORED = new Set(['init_command', 'charset', 'sql_mode', 'isolation_level', 'autocommit', 'use_unicode', 'read_timeout', 'write_timeout', 'local_infile']);
const SAFE_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

class Invalid extends SluiceError {
  constructor(message: string) {
    super('DJANGO_SETTINGS_INVALID', { message });
  }
}

const shown = (name: string): string => (SAFE_NAME.test(name) ? name : 'a key');

/** Where a computed value comes from, in words, without any literal text. */
function source(expr: PyExpr): string {
  return expr.envVar ? `the environment variable ${expr.envVar} (${expr.summary})` : expr.summary;
}

/** The last value under `key` (later keys win, as in Python). */
function lookup(dict: Dict, key: string): PyValue | undefined {
  for (let i = dict.entries.length - 1; i >= 0; i--) {
    const entry = dict.entries[i] as { key: PyValue; value: PyValue };
    if (entry.key.kind === 'str' && entry.key.value === key) return entry.value;
  }
  return undefined;
}

/** Reads scalar fields, turning computed values into warnings (or their literal default). */
class FieldReader {
  constructor(readonly warnings: string[]) {}

  /** A string field; ints are accepted for PORT-like fields by the caller. */
  scalar(value: PyValue | undefined, field: string): string | number | boolean | undefined {
    if (value === undefined || value.kind === 'none') return undefined;
    if (value.kind === 'str' || value.kind === 'int' || value.kind === 'float' || value.kind === 'bool') return value.value;
    if (value.kind === 'expr') {
      const fallback = value.fallback;
      if (fallback && fallback.kind !== 'none' && fallback.kind !== 'expr' && fallback.kind !== 'dict' && fallback.kind !== 'list') {
        this.warnings.push(`${field} is read from ${source(value)}; the profile uses its default from settings.py.`);
        return fallback.value;
      }
      this.warnings.push(`${field} is computed by ${source(value)}, which Sluice does not run: fill it in.`);
      return undefined;
    }
    throw new Invalid(`${field} must be a string, not a ${value.kind === 'dict' ? 'dict' : 'list'}.`);
  }

  text(value: PyValue | undefined, field: string): string | undefined {
    const v = this.scalar(value, field);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new Invalid(`${field} must be a string.`);
    return v;
  }

  port(value: PyValue | undefined, field: string): number | undefined {
    const v = this.scalar(value, field);
    if (v === undefined || v === '') return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{1,5}\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Invalid(`${field} must be a number from 1 to 65535.`);
    return n;
  }

  seconds(value: PyValue | undefined, field: string): number | undefined {
    const v = this.scalar(value, field);
    if (v === undefined || v === '') return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
    if (!Number.isFinite(n) || n < 0 || n > 3600) {
      this.warnings.push(`${field} is not a number of seconds from 0 to 3600; the default timeout is used.`);
      return undefined;
    }
    return n === 0 ? undefined : n;
  }

  flag(value: PyValue | undefined, field: string): boolean | undefined {
    const v = this.scalar(value, field);
    if (v === undefined) return undefined;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    throw new Invalid(`${field} must be True or False.`);
  }

  dict(value: PyValue | undefined, field: string): Dict | undefined {
    if (value === undefined || value.kind === 'none') return undefined;
    if (value.kind === 'dict') {
      for (const spread of value.spreads) this.warnings.push(`${field} merges in ${spread}, which Sluice does not run; those keys were not imported.`);
      return value;
    }
    if (value.kind === 'expr') {
      this.warnings.push(`${field} is computed by ${source(value)}, which Sluice does not run; its settings were not imported.`);
      return undefined;
    }
    throw new Invalid(`${field} must be a dict.`);
  }
}

function dialectOf(engine: string): Dialect {
  const e = engine.toLowerCase();
  if (/postg|psycopg/.test(e)) return 'postgres';
  if (/mysql|mariadb/.test(e)) return 'mysql';
  // Only a dotted module path is echoed: never a value that could be some other field's text.
  const name = /^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*){1,8}$/.test(engine) ? ` (${engine})` : '';
  throw new Invalid(`Sluice connects to PostgreSQL, MySQL and MariaDB; this ENGINE${name} is none of them.`);
}

/** SSL parameters from OPTIONS, named as libpq / the MySQL client name them, for sslFromParams. */
function sslParams(dialect: Dialect, options: Dict | undefined, read: FieldReader): URLSearchParams | null {
  const params = new URLSearchParams();
  if (!options) return null;
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') params.set(name, value);
  };
  const keys = options.entries.map((e) => (e.key.kind === 'str' ? e.key.value : null));
  if (dialect === 'postgres') {
    set('sslmode', read.text(lookup(options, 'sslmode'), 'OPTIONS.sslmode'));
    set('sslrootcert', read.text(lookup(options, 'sslrootcert'), 'OPTIONS.sslrootcert'));
    set('sslcert', read.text(lookup(options, 'sslcert'), 'OPTIONS.sslcert'));
    set('sslkey', read.text(lookup(options, 'sslkey'), 'OPTIONS.sslkey'));
    for (const key of keys) {
      if (key !== null && PG_UNSUPPORTED.has(key)) read.warnings.push(`OPTIONS.${key} is not supported by Sluice and was not imported.`);
      else if (key !== null && !PG_IGNORED.has(key) && !/^ssl(mode|rootcert|cert|key)$/.test(key) && key !== 'connect_timeout') {
        read.warnings.push(`OPTIONS.${shown(key)} was not imported.`);
      }
    }
    return params;
  }
  // mysqlclient: ssl={'ca','cert','key','check_hostname'} and ssl_mode; PyMySQL: ssl_ca, ssl_verify_identity…
  const ssl = read.dict(lookup(options, 'ssl'), 'OPTIONS.ssl');
  const sslText = (key: string) => (ssl ? read.text(lookup(ssl, key), `OPTIONS.ssl.${key}`) : undefined);
  const ca = sslText('ca') ?? read.text(lookup(options, 'ssl_ca'), 'OPTIONS.ssl_ca');
  const cert = sslText('cert') ?? read.text(lookup(options, 'ssl_cert'), 'OPTIONS.ssl_cert');
  const key = sslText('key') ?? read.text(lookup(options, 'ssl_key'), 'OPTIONS.ssl_key');
  const checkHostname = (ssl ? read.flag(lookup(ssl, 'check_hostname'), 'OPTIONS.ssl.check_hostname') : undefined) ?? read.flag(lookup(options, 'ssl_verify_identity'), 'OPTIONS.ssl_verify_identity');
  const verifyCert = read.flag(lookup(options, 'ssl_verify_cert'), 'OPTIONS.ssl_verify_cert');
  if (ssl && lookup(ssl, 'capath') !== undefined) read.warnings.push('OPTIONS.ssl.capath (a CA directory) is not supported: give a CA file.');
  let mode = read.text(lookup(options, 'ssl_mode'), 'OPTIONS.ssl_mode');
  if (mode === undefined) {
    // The MySQL client's own rule: a CA without a mode means VERIFY_CA; a host-name check makes it VERIFY_IDENTITY.
    if (checkHostname) mode = 'VERIFY_IDENTITY';
    else if (ca || verifyCert) mode = 'VERIFY_CA';
    else if (ssl || cert) mode = 'REQUIRED';
    if (ca && !checkHostname) read.warnings.push('A CA without ssl_mode means VERIFY_CA to the MySQL client: the host name is not checked. Choose verify-full to check it.');
  }
  set('ssl-mode', mode);
  set('ssl-ca', ca);
  set('ssl-cert', cert);
  set('ssl-key', key);
  if (lookup(options, 'read_default_file') !== undefined) {
    read.warnings.push('OPTIONS.read_default_file names an option file Sluice does not read; settings in it (host, user, password, SSL) were not imported.');
  }
  for (const k of keys) {
    if (k !== null && !MY_IGNORED.has(k) && !/^(ssl|ssl_mode|ssl_ca|ssl_cert|ssl_key|ssl_verify_identity|ssl_verify_cert|read_default_file|connect_timeout)$/.test(k)) {
      read.warnings.push(`OPTIONS.${shown(k)} was not imported.`);
    }
  }
  return params;
}

/** SSL as the OPTIONS say, or the import default when they name no mode. */
function sslOf(dialect: Dialect, host: string, options: Dict | undefined, read: FieldReader): SslConfig {
  const params = sslParams(dialect, options, read) ?? new URLSearchParams();
  try {
    return importedSsl(params, host, read.warnings);
  } catch (err) {
    if (err instanceof SluiceError) throw new Invalid(err.message);
    throw err;
  }
}

interface Entry {
  dialect: Dialect;
  host: string;
  port: number;
  database: string;
  user: string;
  password: string | undefined;
  ssl: SslConfig;
  connectTimeoutMs: number;
}

function readEntry(entry: Dict, read: FieldReader): Entry {
  const engineValue = lookup(entry, 'ENGINE');
  if (engineValue === undefined) throw new Invalid('The database entry has no ENGINE.');
  const engine = read.text(engineValue, 'ENGINE');
  if (engine === undefined) throw new Invalid('ENGINE must be a literal string such as "django.db.backends.postgresql".');
  const dialect = dialectOf(engine);
  let host = read.text(lookup(entry, 'HOST'), 'HOST') ?? '';
  if (host.startsWith('/')) {
    read.warnings.push('HOST is a Unix socket directory; Sluice connects over TCP to localhost instead.');
    host = '';
  }
  if (host === '') host = 'localhost';
  const port = read.port(lookup(entry, 'PORT'), 'PORT') ?? DEFAULT_PORT[dialect];
  const database = read.text(lookup(entry, 'NAME'), 'NAME') ?? '';
  const user = read.text(lookup(entry, 'USER'), 'USER') ?? '';
  if (user === '') read.warnings.push('USER is empty: fill in the user name.');
  const password = read.text(lookup(entry, 'PASSWORD'), 'PASSWORD');
  const options = read.dict(lookup(entry, 'OPTIONS'), 'OPTIONS');
  const timeout = options ? read.seconds(lookup(options, 'connect_timeout'), 'OPTIONS.connect_timeout') : undefined;
  return {
    dialect,
    host,
    port,
    database,
    user,
    password: password === '' ? undefined : password,
    ssl: sslOf(dialect, host, options, read),
    connectTimeoutMs: timeout === undefined ? DEFAULT_CONNECT_TIMEOUT_MS : Math.round(timeout * 1000),
  };
}

/** Finds the DATABASES value: `DATABASES = …` statements, else a bare dict, else dict entries. */
function locate(text: string, warnings: string[]): PyValue {
  const parsed = tokenize(text);
  const parser = new PythonParser(parsed);
  const tokens = parser.all;
  let whole: PyValue | null = null;
  const aliasAssignments: Array<{ key: string; value: PyValue }> = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as (typeof tokens)[number];
    if (t.kind !== 'name' || t.text !== 'DATABASES') continue;
    const prev = tokens[k - 1];
    const atStatement = k === 0 || prev?.kind === 'newline' || (prev?.kind === 'op' && (prev.text === ';' || prev.text === ':'));
    if (!atStatement) continue;
    const next = tokens[k + 1];
    const line = positionOf(text, t.offset).line;
    if (next?.kind === 'op' && (next.text === '=' || next.text === ':')) {
      let eq = k + 1;
      if (next.text === ':') {
        // An annotation: `DATABASES: dict[str, dict] = {...}`.
        for (eq = k + 2; eq < tokens.length; eq++) {
          const u = tokens[eq] as (typeof tokens)[number];
          if (u.kind === 'newline' || u.kind === 'eof' || (u.kind === 'op' && u.text === '=')) break;
          if (u.kind === 'op' && (u.text === '[' || u.text === '(') && parser.partnerOf(eq) > eq) eq = parser.partnerOf(eq);
        }
        const u = tokens[eq];
        if (u?.kind !== 'op' || u.text !== '=') continue;
      }
      if (whole === null) {
        parser.seek(eq + 1);
        whole = parser.parseValue();
      } else {
        warnings.push(`DATABASES is assigned again on line ${line}; the first assignment was imported.`);
      }
      continue;
    }
    if (next?.kind === 'op' && next.text === '[') {
      const key = tokens[k + 2];
      const close = tokens[k + 3];
      const eq = tokens[k + 4];
      if (key?.kind === 'str' && close?.kind === 'op' && close.text === ']' && eq?.kind === 'op' && eq.text === '=') {
        parser.seek(k + 5);
        aliasAssignments.push({ key: key.value, value: parser.parseValue() });
        continue;
      }
    }
    if (next?.kind === 'op' && (next.text === '==' || next.text === '!=')) continue;
    warnings.push(`DATABASES is changed on line ${line} by code Sluice does not run; that change was not imported.`);
  }
  if (whole !== null || aliasAssignments.length > 0) {
    const base: Dict = whole?.kind === 'dict' ? whole : { kind: 'dict', entries: [], spreads: [], offset: 0 };
    if (whole !== null && whole.kind !== 'dict') {
      if (whole.kind === 'expr' && aliasAssignments.length === 0) {
        throw new Invalid(`DATABASES is computed by ${source(whole)}, which Sluice does not run. Paste the dict it produces, or the database URL.`);
      }
      if (whole.kind !== 'expr') throw new Invalid('DATABASES must be a dict.');
    }
    for (const { key, value } of aliasAssignments) base.entries.push({ key: { kind: 'str', value: key, offset: 0 }, value });
    return base;
  }
  const first = tokens[0];
  if (first?.kind === 'op' && first.text === '{') {
    parser.seek(0);
    const value = parser.parseValue();
    const rest = parser.peek();
    if (rest.kind !== 'eof' && !(rest.kind === 'newline' && parser.peek(1).kind === 'eof')) {
      throw new PythonLiteralError('Unexpected text after the dict.', rest.offset);
    }
    return value;
  }
  const second = tokens[1];
  if (first?.kind === 'str' && second?.kind === 'op' && second.text === ':') {
    // `'default': {...},` or `'ENGINE': '...', 'NAME': '...'`: the inside of a dict.
    return locateWrapped(text);
  }
  throw new Invalid('No DATABASES setting and no dict was found. Paste the DATABASES dict from settings.py.');
}

/** Parses `{` + text + `}`, mapping offsets back onto the text the user pasted. */
function locateWrapped(text: string): PyValue {
  const wrapped = `{${text}\n}`;
  try {
    const parser = new PythonParser(tokenize(wrapped));
    const value = parser.parseValue();
    const rest = parser.peek();
    if (rest.kind !== 'eof' && !(rest.kind === 'newline' && parser.peek(1).kind === 'eof')) {
      throw new PythonLiteralError('Unexpected text after the dict.', rest.offset);
    }
    return value;
  } catch (err) {
    if (err instanceof PythonLiteralError) throw new PythonLiteralError(err.message, Math.max(0, Math.min(err.offset - 1, text.length)));
    throw err;
  }
}

function syntaxError(text: string, err: PythonLiteralError): SluiceError {
  const { line, column } = positionOf(text, err.offset);
  return new SluiceError('DJANGO_SETTINGS_INVALID', {
    message: `${err.message.replace(/\.$/, '')} (line ${line}, column ${column}).`,
    details: { line, column },
  });
}

function aliasNames(map: Dict): string[] {
  return map.entries.flatMap((e) => (e.key.kind === 'str' ? [e.key.value] : []));
}

/** Reads Django settings text into a draft profile, or throws DJANGO_SETTINGS_INVALID. */
export function importDjangoSettings(text: string, options: { alias?: string } = {}): DjangoImport {
  const warnings: string[] = [];
  let value: PyValue;
  try {
    value = locate(text, warnings);
  } catch (err) {
    if (err instanceof PythonLiteralError) throw syntaxError(text, err);
    throw err;
  }
  if (value.kind !== 'dict') throw new Invalid(`DATABASES must be a dict${value.kind === 'expr' ? ` (this is ${value.summary}; is a ":" missing?)` : ''}.`);
  const read = new FieldReader(warnings);
  const isEntry = value.entries.some((e) => e.key.kind === 'str' && ENTRY_KEYS.has(e.key.value));
  let entryValue: PyValue;
  let alias: string | null = null;
  let aliases: string[] = [];
  if (isEntry) {
    entryValue = value;
  } else {
    aliases = [...new Set(aliasNames(value))];
    if (aliases.length === 0) throw new Invalid('DATABASES has no databases.');
    alias = options.alias ?? (aliases.includes('default') ? 'default' : (aliases[0] as string));
    const chosen = lookup(value, alias);
    if (chosen === undefined) throw new Invalid(`DATABASES has no alias ${shown(alias)}.`);
    entryValue = chosen;
  }
  const aliasLabel = alias === null ? 'The database entry' : `DATABASES[${shown(alias)}]`;
  if (entryValue.kind === 'expr') {
    if (entryValue.url !== undefined) {
      warnings.push(`${aliasLabel} is read by ${source(entryValue)}; the profile uses the default URL written in settings.py.`);
      return { kind: 'url', url: entryValue.url, warnings, alias, aliases };
    }
    throw new Invalid(`${aliasLabel} is computed by ${source(entryValue)}, which Sluice does not run. Paste the database URL instead.`);
  }
  if (entryValue.kind !== 'dict') throw new Invalid(`${aliasLabel} must be a dict.`);
  for (const spread of entryValue.spreads) warnings.push(`${aliasLabel} merges in ${spread}, which Sluice does not run; those keys were not imported.`);
  const entry = readEntry(entryValue, read);

  // Other aliases on the same database at another address are read replicas (Django's router pattern).
  const replicas: ProfileDraft['replicas'] = [];
  if (!isEntry) {
    const others: string[] = [];
    for (const name of aliases) {
      if (name === alias) continue;
      const other = lookup(value, name);
      let replica: Entry | null = null;
      if (other?.kind === 'dict') {
        try {
          replica = readEntry(other, new FieldReader([]));
        } catch {
          replica = null;
        }
      }
      if (replica && replica.dialect === entry.dialect && replica.database === entry.database && (replica.host !== entry.host || replica.port !== entry.port)) {
        replicas.push({ name, host: replica.host, port: replica.port, ...(replica.user && replica.user !== entry.user ? { user: replica.user } : {}) });
        if (replica.password !== undefined && replica.password !== entry.password) {
          warnings.push(`The read replica ${shown(name)} has its own password, which was not imported: enter it in the replica's settings.`);
        }
      } else {
        others.push(shown(name));
      }
    }
    if (replicas.length > 0) warnings.push(`Added ${replicas.map((r) => shown(r.name)).join(', ')} as read replica${replicas.length > 1 ? 's' : ''}.`);
    if (others.length > 0) warnings.push(`DATABASES also defines ${others.join(', ')}; import ${others.length > 1 ? 'them' : 'it'} separately by alias.`);
  }

  const env = guessEnvironment(entry.host, alias ?? '', entry.database);
  if (env.warning) warnings.push(env.warning);
  const draft: ProfileDraft = {
    name: alias && alias !== 'default' ? alias : draftName(entry.database, entry.host),
    dialect: entry.dialect,
    host: entry.host,
    port: entry.port,
    database: entry.database,
    user: entry.user,
    environment: env.environment,
    ssl: entry.ssl,
    connectTimeoutMs: entry.connectTimeoutMs,
    replicas,
  };
  return { kind: 'entry', draft, ...(entry.password !== undefined ? { password: entry.password } : {}), warnings, alias, aliases };
}

/**
 * `sluice profiles list|add|remove|export`: the saved profiles of the data dir, from scripts.
 * Passwords never go into the profile file: with SLUICE_SECRET_KEY set they are kept in the
 * encrypted file beside it; otherwise they are not kept, and connecting reads PGPASSWORD /
 * MYSQL_PWD.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Profile } from '../api/calls/profile-schemas';
import { call } from '../api/dispatch';
import { SluiceError } from '../api/errors';
import type { Result } from '../api/result';
import { createCore, type Core } from '../core';
import { isLogLevel, Logger } from '../logging/logger';
import { secretStoreFromEnv } from '../secrets/secret-store-from-env';
import { defaultDataDir } from '../util/data-dir';
import { SLUICE_VERSION } from '../version';
import { EXIT, report, UsageError, type CliIo } from './output';

/** Help text for `sluice profiles`. */
export const PROFILES_HELP = `Usage: sluice profiles <command> [options]

Commands:
  list                         the saved profiles (never a password)
  add <url> [--name N] [--env production|staging|development]
                               save a profile from a postgres://, postgresql://, mysql:// or mariadb:// URL
  add --from-file <path> [--alias A] [--name N] [--env E]
                               save a profile from a file holding a URL or Django settings (DATABASES)
  remove <id|name>             delete a profile and its saved password
  export <id|name> [--with-password]
                               print the profile as a URL (the password only when asked)

Options:
  --json     print the API envelope {"ok":true,"value":…} or {"ok":false,"error":…}
  -h, --help

Profiles live in profiles.json in $SLUICE_DATA_DIR (default: the OS config folder). Passwords
never go into that file: with SLUICE_SECRET_KEY set they are kept in an encrypted file beside it
(AES-256-GCM, key derived from SLUICE_SECRET_KEY); without it a password in the URL is not kept,
and \`sluice check --profile <id>\` reads PGPASSWORD / MYSQL_PWD.`;

const CTX = { door: 'cli' } as const;

/** A core for CLI commands: the data dir's profiles, passwords per SLUICE_SECRET_KEY, logs on stderr per SLUICE_LOG_LEVEL. */
export function createCliCore(io: CliIo): Core {
  const dataDir = defaultDataDir(io.env);
  const level = io.env.SLUICE_LOG_LEVEL;
  return createCore({
    version: SLUICE_VERSION,
    dataDir,
    env: io.env,
    secretStore: secretStoreFromEnv(io.env, dataDir),
    logger: new Logger({ sink: (line) => io.err(line), level: isLogLevel(level) ? level : 'error' }, 'cli'),
  });
}

/** Finds a profile by exact id, else by exact (unique) name. */
export async function findProfile(core: Core, ref: string): Promise<Result<Profile>> {
  const listed = await call(core.handlers, 'profiles.list', {}, CTX);
  if (!listed.ok) return listed;
  const { profiles } = listed.value;
  const byId = profiles.find((p) => p.id === ref);
  if (byId) return { ok: true, value: byId };
  const byName = profiles.filter((p) => p.name === ref);
  if (byName.length === 1) return { ok: true, value: byName[0] as Profile };
  const error = new SluiceError('PROFILE_NOT_FOUND', {
    message: byName.length > 1 ? `${byName.length} profiles are named "${ref}".` : `No profile has the id or name "${ref}".`,
    hint: byName.length > 1 ? 'Use the id from `sluice profiles list`.' : 'Run `sluice profiles list` to see the saved profiles.',
  });
  return { ok: false, error: error.toApiError() };
}

function describeProfile(p: Profile): string {
  const host = p.host.includes(':') ? `[${p.host}]` : p.host;
  const engine = p.detectedEngine ?? p.dialect;
  const replicas = p.replicas.length > 0 ? `, ${p.replicas.length} replica${p.replicas.length > 1 ? 's' : ''}` : '';
  return `${p.id}  ${p.name}  [${p.environment}]  ${engine} ${p.user}@${host}:${p.port}/${p.database}  ssl=${p.ssl.mode}  password=${p.secretRef ? 'saved' : 'none'}${replicas}`;
}

/** Prints BAD_INPUT issues too: a draft from a URL may lack a field the profile needs. */
function reportWithIssues<T>(io: CliIo, result: Result<T>, json: boolean, human: (value: T) => string[]): number {
  const code = report(io, result, json, human);
  if (!json && !result.ok) {
    const issues = (result.error.details?.issues ?? []) as Array<{ path: string; message: string }>;
    for (const issue of issues) io.err(`  ${issue.path || '(input)'}: ${issue.message}`);
  }
  return code;
}

const ENVIRONMENTS = new Set(['production', 'staging', 'development']);

async function add(core: Core, io: CliIo, positionals: string[], values: Record<string, string | boolean | undefined>, json: boolean): Promise<number> {
  const file = values['from-file'] as string | undefined;
  if ((file === undefined) === (positionals.length === 0) || positionals.length > 1) {
    throw new UsageError('add takes one connection URL, or --from-file <path>.');
  }
  const environment = values.env as string | undefined;
  if (environment !== undefined && !ENVIRONMENTS.has(environment)) throw new UsageError('--env must be production, staging or development.');
  let text: string;
  if (file !== undefined) {
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      io.err(`error: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'EIO'})`);
      return EXIT.failure;
    }
  } else {
    text = positionals[0] as string;
  }
  const alias = values.alias as string | undefined;
  const imported = await call(core.handlers, 'profiles.import', { text, ...(alias !== undefined ? { alias } : {}) }, CTX);
  if (!imported.ok) return report(io, imported, json, () => []);
  const { draft, pendingPasswordId, warnings } = imported.value;
  const secrets = await call(core.handlers, 'profiles.describeSecretStore', {}, CTX);
  const keepPassword = pendingPasswordId !== null && secrets.ok && secrets.value.persistent;
  const name = values.name as string | undefined;
  const saved = await call(
    core.handlers,
    'profiles.save',
    {
      ...draft,
      ...(name !== undefined ? { name } : {}),
      ...(environment !== undefined ? { environment: environment as Profile['environment'] } : {}),
      replicas: draft.replicas,
      ...(keepPassword ? { pendingPasswordId } : {}),
    },
    CTX,
  );
  if (!json) {
    for (const w of warnings) io.err(`warning: ${w}`);
    if (pendingPasswordId !== null && !keepPassword) {
      io.err('warning: the password was not saved (set SLUICE_SECRET_KEY to keep passwords in an encrypted file); give PGPASSWORD / MYSQL_PWD when you connect.');
    }
  }
  return reportWithIssues(io, saved, json, ({ profile }) => [`Saved ${describeProfile(profile)}`]);
}

/** Runs `sluice profiles …`. */
export async function profilesCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      name: { type: 'string' },
      env: { type: 'string' },
      'from-file': { type: 'string' },
      alias: { type: 'string' },
      'with-password': { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [sub, ...args] = positionals;
  if (values.help || !sub) {
    io.out(PROFILES_HELP);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const json = values.json ?? false;
  const core = createCliCore(io);
  try {
    switch (sub) {
      case 'list': {
        if (args.length > 0) throw new UsageError('list takes no arguments.');
        const listed = await call(core.handlers, 'profiles.list', {}, CTX);
        return report(io, listed, json, ({ profiles }) => (profiles.length === 0 ? ['No saved profiles.'] : profiles.map(describeProfile)));
      }
      case 'add':
        return await add(core, io, args, values, json);
      case 'remove': {
        if (args.length !== 1) throw new UsageError('remove takes one profile id or name.');
        const found = await findProfile(core, args[0] as string);
        if (!found.ok) return report(io, found, json, () => []);
        const removed = await call(core.handlers, 'profiles.delete', { id: found.value.id }, CTX);
        return report(io, removed, json, () => [`Removed ${found.value.id} (${found.value.name}).`]);
      }
      case 'export': {
        if (args.length !== 1) throw new UsageError('export takes one profile id or name.');
        const found = await findProfile(core, args[0] as string);
        if (!found.ok) return report(io, found, json, () => []);
        const exported = await call(core.handlers, 'profiles.export', { id: found.value.id, includePassword: values['with-password'] ?? false }, CTX);
        if (exported.ok && !json) for (const w of exported.value.warnings) io.err(`warning: ${w}`);
        return report(io, exported, json, ({ url }) => [url]);
      }
      default:
        throw new UsageError(`Unknown profiles command "${sub}".`);
    }
  } finally {
    await core.close();
  }
}

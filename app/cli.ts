/** The `sluice` command: the same core as the app, for CI and scripts. */
import { ok } from './api/result';
import { checkCommand, CHECK_HELP } from './cli/check-command';
import { migrateCommand, MIGRATE_HELP } from './cli/migrate-command';
import { EXIT, report, UsageError, type CliIo } from './cli/output';
import { profilesCommand, PROFILES_HELP } from './cli/profile-command';
import { serveCommand, SERVE_HELP } from './cli/serve-command';
import { SLUICE_VERSION } from './version';

const HELP = `Usage: sluice <command> [options]

Commands:
  serve    serve Sluice to a browser on this machine (loopback, token-protected)
  check    connect to a database URL (or a saved profile) and report the server and its TLS
  profiles list, add, remove and export saved connection profiles
  migrate  show, apply or roll back a migration folder (Django, golang-migrate, dbmate, Flyway)

Run \`sluice <command> --help\` for a command's options.
Exit codes: 0 ok, 1 the operation failed, 2 bad usage, 3 migration lock held, 4 dirty migration.`;

// The bundle in out/cli is .mjs; through tsx this file runs as itself. Shown by `--version --json`.
const RUNTIME = new URL(import.meta.url).pathname.endsWith('.ts') ? 'source' : 'bundle';

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  serve: { run: serveCommand, help: SERVE_HELP },
  check: { run: checkCommand, help: CHECK_HELP },
  migrate: { run: migrateCommand, help: MIGRATE_HELP },
  profiles: { run: profilesCommand, help: PROFILES_HELP },
};

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    return report(io, ok({ version: SLUICE_VERSION, runtime: RUNTIME }), rest.includes('--json'), (v) => [v.version]);
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${HELP}`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(err as Error).message}\n\n${command.help}`);
      return EXIT.usage;
    }
    throw err;
  }
}

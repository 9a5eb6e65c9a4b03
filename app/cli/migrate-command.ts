/**
 * `sluice migrate status|up|down|resolve <url> --dir <path>`: the same core as the app (a session,
 * then migrations.* calls and their events), for CI and scripts. Exit codes: 0 ok, 1 failure,
 * 2 bad usage, 3 the lock is held by another applier, 4 a dirty migration blocks the run.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { MigrationRunResult, MigrationStatusReport } from '../api/calls/migration-calls';
import type { EventName, EventPayload } from '../api/contract';
import { call } from '../api/dispatch';
import type { ApiError } from '../api/errors';
import type { Result } from '../api/result';
import { createCore, type Core } from '../core';
import { defaultDataDir } from '../util/data-dir';
import { SLUICE_VERSION } from '../version';
import { EXIT, report, UsageError, type CliIo } from './output';

/** Help text for `sluice migrate`. */
export const MIGRATE_HELP = `Usage: sluice migrate <status|up|down|resolve> <url> --dir <path> [options]

Reads a migration folder (Django project, golang-migrate, dbmate or Flyway; detected) against the
database at <url>, in the history table of the folder's own tool.

  status    every migration with its status: applied, pending, modified, missing, dirty
  up        apply pending migrations (all, or up to --to <id>)
  down      roll back the last migration (or down to --to <id>, which stays applied; --to zero: all;
            Django: --to app.zero)
  resolve   clear the dirty mark after fixing a failed migration by hand (--as pending: it is undone,
            the default; --as applied: you finished it)

Options:
  --dir <path>               the migration folder (required)
  --to <id>                  target migration (Django: app.name; SQL folders: the version)
  --id <id>                  resolve: the dirty migration (default: the only one)
  --as <pending|applied>     resolve: what the migration is now
  --format <name>            django, golang-migrate, dbmate or flyway (default: detected)
  --yes                      apply without asking (required when stdin is not a terminal)
  --allow-modified           run even though an applied migration's file changed
  --lock-wait <sec>          wait this long for another applier's lock (default 0: fail at once)
  --statement-timeout <ms>   abort a statement that runs longer (server-side)
  --lock-timeout <ms>        abort a statement that waits longer for a lock (server-side)
  --python <path>            Django: the interpreter (default: .venv/venv, then SLUICE_PYTHON, then python3)
  --database-url-var <name>  Django: the variable the settings read (default DATABASE_URL)
  --json                     print the API envelope; progress goes to stderr
  -h, --help

The password may come from the URL or from PGPASSWORD / MYSQL_PWD.
Exit codes: 0 ok, 1 failure, 2 bad usage, 3 locked by another applier, 4 a dirty migration blocks the run.`;

const ACTIONS = new Set(['status', 'up', 'down', 'resolve']);

function exitFor(error: ApiError | { code: string }): number {
  if (error.code === 'MIGRATION_LOCKED') return EXIT.locked;
  if (error.code === 'MIGRATION_DIRTY') return EXIT.dirty;
  return EXIT.failure;
}

function describeStatus(report: MigrationStatusReport): string[] {
  const lines = [`${report.format} folder ${report.dir} (history: ${report.historyTable})`];
  for (const m of report.migrations) {
    const mark = m.status === 'applied' ? '[X]' : m.status === 'pending' ? '[ ]' : '[!]';
    const flags = [m.status, ...(m.outOfOrder ? ['out of order'] : []), ...(m.noTransaction ? ['no transaction'] : [])].join(', ');
    lines.push(`${mark} ${m.id}  ${m.name === m.id ? '' : `${m.name}  `}(${flags})`);
    if (m.dirty) {
      const where = m.dirty.statementIndex === null ? '' : ` at statement ${m.dirty.statementIndex}`;
      lines.push(`      dirty (${m.dirty.direction})${where}${m.dirty.error ? `: ${m.dirty.error}` : ''}`);
    }
  }
  return lines;
}

function number(value: string | undefined, name: string, scale: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name} must be a non-negative number.`);
  return Math.round(n * scale);
}

/** Prints one progress event as a line. */
function progressLine(name: EventName, payload: unknown): string | null {
  if (name !== 'migrations.progress') return null;
  const e = payload as EventPayload<'migrations.progress'>;
  switch (e.kind) {
    case 'locked':
      return `waiting: the migration lock is held by ${e.holder}`;
    case 'migration-started':
      return `[${e.index}/${e.total}] ${e.id}`;
    case 'statement':
      return `  statement ${e.index}/${e.total}: ${(e.sql.split('\n').find((l) => l.trim() && !l.trim().startsWith('--')) ?? e.sql).trim().slice(0, 120)}`;
    case 'output':
      return `  | ${e.line}`;
    case 'migration-finished':
      return `  done in ${Math.round(e.durationMs)} ms`;
  }
}

async function confirm(io: CliIo, question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

function waitForJob(core: Core, io: CliIo, json: boolean): { start(jobId: string): Promise<EventPayload<'migrations.finished'>>; stop(): void } {
  const buffered: Array<[EventName, unknown]> = [];
  let jobId: string | null = null;
  let finish: ((payload: EventPayload<'migrations.finished'>) => void) | null = null;
  const print = (line: string) => (json ? io.err(line) : io.out(line));
  const handle = (name: EventName, payload: unknown) => {
    if ((payload as { jobId?: string }).jobId !== jobId) return;
    const line = progressLine(name, payload);
    if (line) print(line);
    if (name === 'migrations.finished') finish?.(payload as EventPayload<'migrations.finished'>);
  };
  const stop = core.events.subscribe((name, payload) => {
    if (jobId === null) buffered.push([name, payload]);
    else handle(name, payload);
  });
  return {
    stop,
    start(id) {
      jobId = id;
      const done = new Promise<EventPayload<'migrations.finished'>>((resolve) => {
        finish = resolve;
      });
      for (const [name, payload] of buffered.splice(0)) handle(name, payload);
      return done;
    },
  };
}

function describeRun(result: MigrationRunResult): string[] {
  const done = result.outcomes.filter((o) => o.status === 'success').length;
  const verb = result.direction === 'up' ? 'Applied' : 'Rolled back';
  const lines = done === 0 ? (result.ok ? ['Nothing to do.'] : []) : [`${verb} ${done} migration${done === 1 ? '' : 's'}.`];
  for (const o of result.outcomes) {
    if (o.status !== 'error') continue;
    lines.push(`error ${o.error.code}: ${o.error.message}`);
    if (o.error.statement) lines.push(`failing statement ${o.error.statementIndex}:\n${o.error.statement}`);
    if (o.error.hint) lines.push(`hint: ${o.error.hint}`);
  }
  const skipped = result.outcomes.filter((o) => o.status === 'not-executed').map((o) => o.id);
  if (skipped.length) lines.push(`not executed: ${skipped.join(', ')}`);
  return lines;
}

/** Runs `sluice migrate`. */
export async function migrateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      dir: { type: 'string' },
      to: { type: 'string' },
      id: { type: 'string' },
      as: { type: 'string' },
      format: { type: 'string' },
      yes: { type: 'boolean', short: 'y' },
      'allow-modified': { type: 'boolean' },
      'lock-wait': { type: 'string' },
      'statement-timeout': { type: 'string' },
      'lock-timeout': { type: 'string' },
      python: { type: 'string' },
      'database-url-var': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(MIGRATE_HELP);
    return EXIT.ok;
  }
  const [action, url, ...extra] = positionals;
  if (!action || !ACTIONS.has(action)) throw new UsageError('migrate needs an action: status, up, down or resolve.');
  if (!url || extra.length > 0) throw new UsageError('migrate takes exactly one connection URL.');
  if (!values.dir) throw new UsageError('--dir <path> is required.');
  if (values.as !== undefined && values.as !== 'pending' && values.as !== 'applied') throw new UsageError('--as must be pending or applied.');
  const format = values.format as 'django' | 'golang-migrate' | 'dbmate' | 'flyway' | undefined;
  const lockWaitMs = number(values['lock-wait'], '--lock-wait', 1000);
  const statementTimeoutMs = number(values['statement-timeout'], '--statement-timeout', 1);
  const lockTimeoutMs = number(values['lock-timeout'], '--lock-timeout', 1);
  const json = values.json ?? false;
  const running = action === 'up' || action === 'down';
  if (running && !values.yes && !io.isTty) {
    io.err(`Refusing to run "migrate ${action}" without --yes: stdin is not a terminal, so nobody can confirm.`);
    return EXIT.usage;
  }

  const core = createCore({ version: SLUICE_VERSION, dataDir: defaultDataDir(io.env), env: io.env });
  const job = waitForJob(core, io, json);
  const ctx = { door: 'cli' as const };
  try {
    const opened = await call(core.handlers, 'sessions.open', { url }, ctx);
    if (!opened.ok) return report(io, opened, json, () => []);
    const folder = {
      sessionId: opened.value.sessionId,
      dir: values.dir,
      ...(format ? { format } : {}),
      ...(values.python ? { python: values.python } : {}),
      ...(values['database-url-var'] ? { databaseUrlVar: values['database-url-var'] } : {}),
    };
    if (action === 'status') {
      const result = await call(core.handlers, 'migrations.status', folder, ctx);
      return result.ok ? report(io, result, json, describeStatus) : (report(io, result, json, describeStatus), exitFor(result.error));
    }
    if (action === 'resolve') {
      const id = values.id ?? values.to;
      const result = await call(core.handlers, 'migrations.resolve', { ...folder, ...(id ? { id } : {}), ...(values.as ? { as: values.as as 'pending' | 'applied' } : {}) }, ctx);
      return result.ok ? report(io, result, json, describeStatus) : (report(io, result, json, describeStatus), exitFor(result.error));
    }
    if (!values.yes) {
      const server = opened.value.server;
      const what = action === 'up' ? `Apply pending migrations${values.to ? ` up to ${values.to}` : ''}` : `Roll back ${values.to ? `down to ${values.to}` : 'the last migration'}`;
      if (!(await confirm(io, `${what} on database "${server.database}" at ${server.host}:${server.port}?`))) {
        io.err('Cancelled.');
        return EXIT.failure;
      }
    }
    const started = await call(
      core.handlers,
      'migrations.apply',
      {
        ...folder,
        direction: action as 'up' | 'down',
        ...(values.to ? { to: values.to } : {}),
        ...(values['allow-modified'] ? { allowModified: true } : {}),
        ...(lockWaitMs !== undefined ? { lockWaitMs } : {}),
        ...(statementTimeoutMs !== undefined ? { statementTimeoutMs } : {}),
        ...(lockTimeoutMs !== undefined ? { lockTimeoutMs } : {}),
      },
      ctx,
    );
    if (!started.ok) {
      report(io, started, json, () => []);
      return exitFor(started.error);
    }
    const finished = await job.start(started.value.jobId);
    const result: Result<MigrationRunResult> = finished.error
      ? { ok: false, error: { ...(finished.error as ApiError), details: { ...(finished.error.details ?? {}), result: finished.result } } }
      : { ok: true, value: finished.result };
    if (json) io.out(JSON.stringify(result));
    else if (result.ok) for (const line of describeRun(result.value)) io.out(line);
    else {
      if (finished.result.outcomes.length) for (const line of describeRun(finished.result)) io.err(line);
      else {
        io.err(`error ${result.error.code}: ${result.error.message}`);
        if (result.error.hint) io.err(`hint: ${result.error.hint}`);
      }
    }
    return finished.error ? exitFor(finished.error) : EXIT.ok;
  } finally {
    job.stop();
    await core.close();
  }
}

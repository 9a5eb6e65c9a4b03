/**
 * Runs planned steps of a SQL folder and returns the outcomes as a set (success, error,
 * not-executed per migration). Two ways to run a migration:
 * - in one transaction (PostgreSQL): BEGIN, the statements, the history rows and COMMIT travel
 *   as one batch, so a failure leaves no trace and costs no extra round trips;
 * - step by step (MySQL/MariaDB, whose DDL commits implicitly, and PostgreSQL scripts that opt
 *   out of the transaction): dirty mark first, then each statement, then the clean history rows;
 *   on failure the dirty mark stays, with the failing statement's number, text and error.
 *   On MySQL the history writes usually ride along with the first and last statements in
 *   multi-statement texts (runScripted): in autocommit each statement commits on its own, so
 *   the dirty mark is committed before statement 1 runs, and the server stops at the first
 *   failing statement, whose number comes from counting the results that completed before it.
 */
import type { MigrationRunResult } from '../api/calls/migration-calls';
import { SluiceError } from '../api/errors';
import type { ScriptOutcome } from '../drivers/driver';
import { ELAPSED_IN_SCRIPT, ELAPSED_IN_TRANSACTION, exec, inlineMysql, inlinePg, MYSQL_SCRIPT_T0, plain, type Db, type SqlCommand } from './db';
import type { HistoryContext, SqlFormat } from './formats/sql-format';
import type { DirtyMark, LocalMigration, PlanStep } from './model';
import type { ProgressSink } from './progress';
import { isSingleResultStatement, splitStatements } from './split-statements';

type Outcome = MigrationRunResult['outcomes'][number];

/** Everything a run needs besides its steps. */
export interface ExecuteContext {
  db: Db;
  format: SqlFormat;
  local: readonly LocalMigration[];
  by: string;
  emit: ProgressSink;
  /** The run's scratchpad, when the history read that planned the run already filled it. */
  memo?: Record<string, unknown>;
}

/** Where and why a migration failed. */
class StepFailure extends Error {
  constructor(
    readonly error: SluiceError,
    readonly statementIndex: number | null,
    readonly statement: string | null,
  ) {
    super(error.message);
  }
}

function asSluiceError(err: unknown): SluiceError {
  return err instanceof SluiceError ? err : new SluiceError('INTERNAL', { details: { raw: err instanceof Error ? err.message : String(err) } });
}

/** Maps PostgreSQL's error position (1-based, in characters of the batch) to the piece it falls in. */
function pieceAt(offsets: readonly number[], position: number): number {
  let index = -1;
  for (let i = 0; i < offsets.length; i++) if ((offsets[i] as number) < position) index = i;
  return index;
}

function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

async function runInTransaction(ctx: ExecuteContext, hctx: HistoryContext, m: LocalMigration, direction: 'up' | 'down', statements: string[]): Promise<void> {
  statements.forEach((sql, i) => ctx.emit({ kind: 'statement', id: m.id, index: i + 1, total: statements.length, sql }));
  // The history rows travel in the same batch; the server measures the duration since BEGIN.
  const history = ctx.format.history.markDone(hctx, m, direction, ELAPSED_IN_TRANSACTION).map(inlinePg);
  const pieces = ['BEGIN', ...statements, ...history, 'COMMIT'];
  // Offsets in characters (code points), as PostgreSQL counts its error position.
  const offsets: number[] = [];
  let text = '';
  let chars = 0;
  for (const piece of pieces) {
    if (text) {
      text += '\n;\n';
      chars += 3;
    }
    offsets.push(chars);
    text += piece;
    chars += codePoints(piece);
  }
  try {
    await ctx.db.session.run(text);
  } catch (err) {
    await ctx.db.session.run('ROLLBACK').catch(() => undefined);
    const error = asSluiceError(err);
    const position = Number(error.details?.position);
    const piece = Number.isFinite(position) && position > 0 ? pieceAt(offsets, position) : -1;
    const index = piece >= 1 && piece <= statements.length ? piece : null;
    throw new StepFailure(error, index, index === null ? null : (statements[index - 1] as string));
  }
}

async function runStepwise(ctx: ExecuteContext, hctx: HistoryContext, m: LocalMigration, direction: 'up' | 'down', statements: string[], started: number): Promise<void> {
  const run = (commands: SqlCommand[]) => commands.reduce<Promise<unknown>>((p, c) => p.then(() => exec(ctx.db, c)), Promise.resolve());
  await run(ctx.format.history.markStarted(hctx, m, direction));
  const doneCtx = { ...hctx, started: true };
  for (let i = 0; i < statements.length; i++) {
    const sql = statements[i] as string;
    ctx.emit({ kind: 'statement', id: m.id, index: i + 1, total: statements.length, sql });
    try {
      await ctx.db.session.run(sql);
    } catch (err) {
      const error = asSluiceError(err);
      const mark: DirtyMark = { direction, statementIndex: i + 1, statement: sql, error: error.message };
      await run(ctx.format.history.markFailed(doneCtx, m, mark)).catch(() => undefined);
      throw new StepFailure(error, i + 1, sql);
    }
  }
  try {
    await run(ctx.format.history.markDone(doneCtx, m, direction, performance.now() - started));
  } catch (err) {
    // The statements ran but the history could not say so: the dirty mark stays, so nobody runs them twice.
    const error = asSluiceError(err);
    await run(ctx.format.history.markFailed(doneCtx, m, { direction, statementIndex: null, statement: null, error: `history update failed: ${error.message}` })).catch(() => undefined);
    throw new StepFailure(new SluiceError(error.code, { message: `its statements ran, but recording it in the history failed: ${error.message}`, details: error.details }), null, null);
  }
}

/** One piece of a MySQL script and what it is. */
type ScriptPiece = { kind: 'mark' | 'clock' | 'done'; sql: string } | { kind: 'statement'; sql: string; index: number };

/**
 * MySQL step by step with few round trips: the dirty mark and the clock start travel with
 * statement 1, and the clean history rows (duration measured by the server) with the last
 * statement; statements in between go one per round trip. So a killed applier stops a migration
 * before its next statement exactly as runStepwise does (the server finishes a text it received,
 * and these texts only ever add the history write of what just ran). On failure the dirty mark
 * is completed with the failing statement, as runStepwise does.
 */
async function runScripted(
  ctx: ExecuteContext,
  hctx: HistoryContext,
  m: LocalMigration,
  direction: 'up' | 'down',
  statements: string[],
  runScript: (pieces: readonly string[]) => Promise<ScriptOutcome>,
): Promise<void> {
  const run = (commands: SqlCommand[]) => commands.reduce<Promise<unknown>>((p, c) => p.then(() => exec(ctx.db, c)), Promise.resolve());
  const doneCtx = { ...hctx, started: true };
  const mark: ScriptPiece[] = ctx.format.history.markStarted(hctx, m, direction).map((c) => ({ kind: 'mark', sql: inlineMysql(c) }));
  const done: ScriptPiece[] = ctx.format.history.markDone(doneCtx, m, direction, ELAPSED_IN_SCRIPT).map((c) => ({ kind: 'done', sql: inlineMysql(c) }));
  const chunks: ScriptPiece[][] = [[...mark, { kind: 'clock', sql: MYSQL_SCRIPT_T0 }]];
  statements.forEach((sql, i) => {
    const piece: ScriptPiece = { kind: 'statement', sql, index: i + 1 };
    if (i === 0) chunks[0]?.push(piece);
    else chunks.push([piece]);
  });
  chunks[chunks.length - 1]?.push(...done);

  for (const chunk of chunks) {
    for (const piece of chunk) if (piece.kind === 'statement') ctx.emit({ kind: 'statement', id: m.id, index: piece.index, total: statements.length, sql: piece.sql });
    const { completed, error } = await runScript(chunk.map((p) => p.sql));
    if (!error) continue;
    const failed = completed === null ? undefined : chunk[completed];
    // The dirty mark itself failed: nothing of the migration ran (as in runStepwise, the run stops with the error).
    if (failed?.kind === 'mark') throw error;
    if (failed?.kind === 'statement') {
      await run(ctx.format.history.markFailed(doneCtx, m, { direction, statementIndex: failed.index, statement: failed.sql, error: error.message })).catch(() => undefined);
      throw new StepFailure(error, failed.index, failed.sql);
    }
    if (failed?.kind === 'done') {
      // The statements ran but the history could not say so: the dirty mark stays, so nobody runs them twice.
      await run(ctx.format.history.markFailed(doneCtx, m, { direction, statementIndex: null, statement: null, error: `history update failed: ${error.message}` })).catch(() => undefined);
      throw new StepFailure(new SluiceError(error.code, { message: `its statements ran, but recording it in the history failed: ${error.message}`, details: error.details }), null, null);
    }
    // Where it stopped is unknown (or the clock could not start): the dirty mark stays, with the error.
    await run(ctx.format.history.markFailed(doneCtx, m, { direction, statementIndex: null, statement: null, error: error.message })).catch(() => undefined);
    throw new StepFailure(error, null, null);
  }
}

function failureOutcome(m: LocalMigration, failure: StepFailure, total: number, transactional: boolean): Outcome {
  const where = failure.statementIndex === null ? '' : ` at statement ${failure.statementIndex} of ${total}`;
  const txHint = failure.error.details?.driverCode === '25001' ? ' This statement cannot run inside a transaction: add a line `-- sluice:no-transaction` to the file.' : '';
  // Rolled back as a whole: fix and rerun. Otherwise the statements before the failure stay and the migration is dirty.
  const next = transactional
    ? 'Nothing of it was kept: fix the migration and run again.'
    : 'The statements before it stay applied and the migration is marked dirty: undo or finish them by hand, fix the file, then Mark resolved (sluice migrate resolve) and run again.';
  return {
    id: m.id,
    status: 'error',
    error: {
      code: 'MIGRATION_FAILED',
      message: `Migration ${m.id} failed${where}: ${failure.error.message}`,
      hint: `${next}${txHint}`,
      ...(failure.statementIndex === null ? {} : { statementIndex: failure.statementIndex }),
      ...(failure.statement === null ? {} : { statement: failure.statement }),
    },
  };
}

/** Runs the steps in order; stops at the first failure. Never throws for a failing migration. */
export async function executePlan(ctx: ExecuteContext, steps: readonly PlanStep[]): Promise<MigrationRunResult> {
  const direction = steps[0]?.direction ?? 'up';
  const outcomes: Outcome[] = steps.map((s) => ({ id: s.migration.id, status: 'not-executed' }));
  const memo: Record<string, unknown> = ctx.memo ?? {};
  for (let i = 0; i < steps.length; i++) {
    const { migration: m, direction: dir } = steps[i] as PlanStep;
    const script = dir === 'up' ? m.up : m.down;
    if (!script) throw new SluiceError('MIGRATION_IRREVERSIBLE', { message: `Migration ${m.id} has no ${dir} script.`, details: { id: m.id } });
    const statements = splitStatements(script.sql, ctx.db.dialect);
    const transactional = ctx.db.dialect === 'postgres' && !script.noTransaction;
    const runScript = ctx.db.dialect === 'mysql' ? ctx.db.session.runScript?.bind(ctx.db.session) : undefined;
    const scripted = runScript !== undefined && statements.every(isSingleResultStatement);
    const hctx: HistoryContext = { db: ctx.db, by: ctx.by, local: ctx.local, started: false, memo };
    ctx.emit({ kind: 'migration-started', id: m.id, index: i + 1, total: steps.length });
    const started = performance.now();
    try {
      if (transactional) await runInTransaction(ctx, hctx, m, dir, statements);
      else if (scripted) await runScripted(ctx, hctx, m, dir, statements, runScript);
      else await runStepwise(ctx, hctx, m, dir, statements, started);
    } catch (err) {
      if (!(err instanceof StepFailure)) throw err;
      outcomes[i] = failureOutcome(m, err, statements.length, transactional);
      return { direction, outcomes, ok: false };
    }
    const durationMs = performance.now() - started;
    outcomes[i] = { id: m.id, status: 'success', durationMs };
    ctx.emit({ kind: 'migration-finished', id: m.id, durationMs });
  }
  return { direction, outcomes, ok: true };
}

/** Runs commands in one transaction where the database has them for DML (both do). */
export async function runAtomically(db: Db, commands: readonly SqlCommand[]): Promise<void> {
  await exec(db, plain('BEGIN'));
  try {
    for (const command of commands) await exec(db, command);
    await exec(db, plain('COMMIT'));
  } catch (err) {
    await exec(db, plain('ROLLBACK')).catch(() => undefined);
    throw err;
  }
}

/**
 * Runs planned steps of a SQL folder and returns the outcomes as a set (success, error,
 * not-executed per migration). Two ways to run a migration:
 * - in one transaction (PostgreSQL): BEGIN, the statements, the history rows and COMMIT travel
 *   as one batch, so a failure leaves no trace and costs no extra round trips;
 * - step by step (MySQL/MariaDB, whose DDL commits implicitly, and PostgreSQL scripts that opt
 *   out of the transaction): dirty mark first, then each statement, then the clean history rows;
 *   on failure the dirty mark stays, with the failing statement's number, text and error.
 *   On MySQL consecutive migrations run as a chain of multi-statement texts in which the clean
 *   mark of one and the dirty mark of the next share a transaction (mysql-chain.ts).
 */
import type { MigrationRunResult } from '../api/calls/migration-calls';
import { SluiceError } from '../api/errors';
import { ELAPSED_IN_TRANSACTION, exec, inlinePg, plain, type Db, type SqlCommand } from './db';
import type { HistoryContext, SqlFormat } from './formats/sql-format';
import type { DirtyMark, LocalMigration, PlanStep } from './model';
import { ChainFailure, MysqlChain, type ChainLink } from './mysql-chain';
import type { ProgressSink } from './progress';
import { hasPlainDelimiter, isSingleResultStatement, splitStatements } from './split-statements';
import { asSluiceError, StepFailure } from './step-failure';

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
  // A mark of several statements (golang-migrate's DELETE and INSERT) is written whole or not at all.
  const run = (commands: SqlCommand[]) => (commands.length > 1 ? runAtomically(ctx.db, commands) : commands[0] ? exec(ctx.db, commands[0]) : Promise.resolve());
  await run(ctx.format.history.markStarted(hctx, m, direction));
  const doneCtx = { ...hctx, started: true };
  for (let i = 0; i < statements.length; i++) {
    const sql = statements[i] as string;
    ctx.emit({ kind: 'statement', id: m.id, index: i + 1, total: statements.length, sql });
    try {
      await ctx.db.session.run(sql);
    } catch (err) {
      const error = asSluiceError(err);
      // A transaction the migration opened itself ends here, undone, before the dirty mark is written.
      await ctx.db.session.run('ROLLBACK').catch(() => undefined);
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
  const hctx: HistoryContext = { db: ctx.db, by: ctx.by, local: ctx.local, started: false, memo };
  const started = (index: number, m: LocalMigration) => ctx.emit({ kind: 'migration-started', id: m.id, index: index + 1, total: steps.length });
  const succeeded = (index: number, m: LocalMigration, durationMs: number) => {
    outcomes[index] = { id: m.id, status: 'success', durationMs };
    ctx.emit({ kind: 'migration-finished', id: m.id, durationMs });
  };
  const runScript = ctx.db.dialect === 'mysql' ? ctx.db.session.runScript?.bind(ctx.db.session) : undefined;
  const chain = runScript
    ? new MysqlChain({
        format: ctx.format,
        history: hctx,
        emit: ctx.emit,
        runScript,
        started: (link: ChainLink) => started(link.step, link.m),
        finished: (link: ChainLink, durationMs: number) => succeeded(link.step, link.m, durationMs),
      })
    : null;
  const prepare = (i: number) => {
    const { migration: m, direction: dir } = steps[i] as PlanStep;
    const script = dir === 'up' ? m.up : m.down;
    if (!script) throw new SluiceError('MIGRATION_IRREVERSIBLE', { message: `Migration ${m.id} has no ${dir} script.`, details: { id: m.id } });
    const statements = splitStatements(script.sql, ctx.db.dialect);
    const plainDelimiter = chain !== null && hasPlainDelimiter(script.sql);
    return { m, dir, script, statements, chained: chain !== null && statements.every((sql) => isSingleResultStatement(sql, plainDelimiter)) };
  };
  let ahead: { ok: true; value: ReturnType<typeof prepare> } | { ok: false; error: unknown } | null = null;
  try {
    for (let i = 0; i < steps.length; i++) {
      const prepared = ahead ?? { ok: true as const, value: prepare(i) };
      ahead = null;
      if (!prepared.ok) throw prepared.error;
      const { m, dir, script, statements, chained } = prepared.value;
      if (chain && chained) {
        const running = chain.run({ step: i, m, direction: dir, statements });
        // The next migration is split while this one's first text is with the server.
        if (i + 1 < steps.length) {
          try {
            ahead = { ok: true, value: prepare(i + 1) };
          } catch (error) {
            ahead = { ok: false, error };
          }
        }
        await running;
        continue;
      }
      // A migration that cannot join the chain (CALL, compound statements): the chain ends first.
      await chain?.finish();
      const transactional = ctx.db.dialect === 'postgres' && !script.noTransaction;
      started(i, m);
      const begun = performance.now();
      try {
        if (transactional) await runInTransaction(ctx, hctx, m, dir, statements);
        else await runStepwise(ctx, hctx, m, dir, statements, begun);
      } catch (err) {
        if (!(err instanceof StepFailure)) throw err;
        outcomes[i] = failureOutcome(m, err, statements.length, transactional);
        return { direction, outcomes, ok: false };
      }
      succeeded(i, m, performance.now() - begun);
    }
    await chain?.finish();
  } catch (err) {
    if (!(err instanceof ChainFailure)) throw err;
    const { step, m, statements } = err.link;
    outcomes[step] = failureOutcome(m, err.failure, statements.length, false);
    return { direction, outcomes, ok: false };
  }
  return { direction, outcomes, ok: true };
}

/** Runs commands in one transaction where the database has them for DML (both do). */
export async function runAtomically(db: Db, commands: readonly SqlCommand[]): Promise<void> {
  // START TRANSACTION: BEGIN opens a block under MariaDB's sql_mode=ORACLE; PostgreSQL takes both.
  await exec(db, plain('START TRANSACTION'));
  try {
    for (const command of commands) await exec(db, command);
    await exec(db, plain('COMMIT'));
  } catch (err) {
    await exec(db, plain('ROLLBACK')).catch(() => undefined);
    throw err;
  }
}

/**
 * MySQL/MariaDB migrations run back to back as a chain of multi-statement texts. DDL commits on
 * its own there, so each migration is marked dirty before its first statement and clean after its
 * last, and the two marks between migrations k and k+1 share one transaction and one text with
 * the statements around them:
 *
 *   [k's last statement] START TRANSACTION; [k's last statement if it only changes rows]; k clean; k+1 dirty;
 *   COMMIT; start k+1's clock; k+1's first statement
 *
 * Every other statement travels alone. So a migration costs no more round trips or commits than
 * its own statements do, and a killed applier's server (which finishes the text it received)
 * stops before the next statement, except that a kill during a migration's last statement also
 * lets the next migration's first statement run. The state stays true either way: a statement
 * only ever runs after its migration's dirty mark committed, and a migration is clean only in the
 * transaction that follows its last statement (or includes it, when that statement only changes
 * rows: then both commit, or neither does).
 */
import { SluiceError } from '../api/errors';
import type { ScriptOutcome } from '../drivers/driver';
import { ELAPSED_IN_SCRIPT, exec, inlineMysql, MYSQL_SCRIPT_T0, plain, type SqlCommand } from './db';
import type { HistoryContext, SqlFormat } from './formats/sql-format';
import type { DirtyMark, LocalMigration } from './model';
import type { ProgressSink } from './progress';
import { isRowChange } from './split-statements';
import { StepFailure } from './step-failure';

/** The session's multi-statement runner (DriverSession.runScript). */
export type RunScript = (pieces: readonly string[], onProgress?: (completed: number) => void) => Promise<ScriptOutcome>;

/** One migration of the chain, by its index in the run's plan. */
export interface ChainLink {
  step: number;
  m: LocalMigration;
  direction: 'up' | 'down';
  statements: readonly string[];
}

/** A failed migration of the chain; the run stops there. */
export class ChainFailure extends Error {
  constructor(
    readonly link: ChainLink,
    readonly failure: StepFailure,
  ) {
    super(failure.message);
  }
}

/** What the chain needs besides its session. */
export interface ChainContext {
  format: SqlFormat;
  history: HistoryContext;
  emit: ProgressSink;
  runScript: RunScript;
  /** A link begins (its dirty mark committed) and ends (its clean mark committed). */
  started(link: ChainLink): void;
  finished(link: ChainLink, durationMs: number): void;
}

type Piece =
  | { kind: 'statement'; link: ChainLink; index: number; sql: string }
  | { kind: 'begin' | 'commit' | 'clock' | 'done' | 'mark'; sql: string };

/** The link whose statements have all been sent but whose clean mark has not. */
interface Tail {
  link: ChainLink;
  started: number;
  /** Its last statement, still to be sent with the clean mark (null when it had only one, or none). */
  last: string | null;
}

export class MysqlChain {
  private tail: Tail | null = null;

  constructor(private readonly c: ChainContext) {}

  /** Runs a migration: its start shares a text with the end of the one before. Throws ChainFailure. */
  async run(link: ChainLink): Promise<void> {
    const started = await this.boundary(link);
    const n = link.statements.length;
    for (let i = 2; i < n; i++) await this.alone(link, i);
    this.tail = { link, started, last: n >= 2 ? (link.statements[n - 1] as string) : null };
  }

  /** Ends the chain: sends the last migration's end. Throws ChainFailure. */
  async finish(): Promise<void> {
    if (this.tail) await this.boundary(null);
  }

  private statementEvent(link: ChainLink, index: number, sql: string): void {
    this.c.emit({ kind: 'statement', id: link.m.id, index, total: link.statements.length, sql });
  }

  private doneContext(): HistoryContext {
    return { ...this.c.history, started: true };
  }

  private async markFailed(link: ChainLink, mark: DirtyMark): Promise<void> {
    const commands: SqlCommand[] = this.c.format.history.markFailed(this.doneContext(), link.m, mark);
    for (const command of commands) await exec(this.c.history.db, command).catch(() => undefined);
  }

  /** A middle statement, alone in its text. */
  private async alone(link: ChainLink, index: number): Promise<void> {
    const sql = link.statements[index - 1] as string;
    this.statementEvent(link, index, sql);
    const { error } = await this.c.runScript([sql]);
    if (!error) return;
    await this.markFailed(link, { direction: link.direction, statementIndex: index, statement: sql, error: error.message });
    throw new ChainFailure(link, new StepFailure(error, index, sql));
  }

  /**
   * The text between the tail and `next` (either may be missing). Returns when `next` started
   * (its dirty mark committed), in performance.now() time.
   */
  private async boundary(next: ChainLink | null): Promise<number> {
    const tail = this.tail;
    const history = this.c.format.history;
    const pieces: Piece[] = [];
    let commit = -1;
    let lastInTransaction = false;
    if (tail) {
      const n = tail.link.statements.length;
      const last: Piece | null = tail.last === null ? null : { kind: 'statement', link: tail.link, index: n, sql: tail.last };
      lastInTransaction = last !== null && isRowChange(tail.last as string);
      if (last && !lastInTransaction) pieces.push(last);
      // START TRANSACTION, not BEGIN: under MariaDB's sql_mode=ORACLE (which a migration may set) BEGIN opens a block.
      pieces.push({ kind: 'begin', sql: 'START TRANSACTION' });
      if (last && lastInTransaction) pieces.push(last);
      // One statement for both marks where the format has it, else the clean rows then the dirty mark.
      const both = next ? (history.advance?.(this.doneContext(), tail.link.m, next.m, tail.link.direction, ELAPSED_IN_SCRIPT) ?? null) : null;
      const marks = both ?? [...history.markDone(this.doneContext(), tail.link.m, tail.link.direction, ELAPSED_IN_SCRIPT), ...(next ? history.markStarted(this.c.history, next.m, next.direction) : [])];
      for (const command of marks) pieces.push({ kind: 'done', sql: inlineMysql(command) });
      commit = pieces.push({ kind: 'commit', sql: 'COMMIT' }) - 1;
      if (last) this.statementEvent(tail.link, n, tail.last as string);
    } else if (next) {
      // The first migration: its dirty mark commits before statement 1, all of it or none
      // (golang-migrate's is a DELETE and an INSERT: alone, a crash between them would empty the table).
      pieces.push({ kind: 'begin', sql: 'START TRANSACTION' });
      for (const command of history.markStarted(this.c.history, next.m, next.direction)) pieces.push({ kind: 'mark', sql: inlineMysql(command) });
      commit = pieces.push({ kind: 'commit', sql: 'COMMIT' }) - 1;
    }
    const first = next?.statements[0];
    if (next) {
      pieces.push({ kind: 'clock', sql: MYSQL_SCRIPT_T0 });
      if (first !== undefined) pieces.push({ kind: 'statement', link: next, index: 1, sql: first });
    }

    let nextStarted = performance.now();
    let tailSettled = tail === null;
    const settleTail = () => {
      if (tailSettled || !tail) return;
      tailSettled = true;
      const now = performance.now();
      this.tail = null;
      this.c.finished(tail.link, now - tail.started);
      nextStarted = now;
      if (next) this.announce(next, first);
    };
    if (!tail && next) this.announce(next, first);
    let seen = 0;
    const { completed, error } = await this.c.runScript(
      pieces.map((p) => p.sql),
      (done) => {
        seen = Math.max(seen, done);
        // The tail is clean once COMMIT answered: say so before the next migration's statement ends.
        if (seen > commit) settleTail();
      },
    );
    if (!error) {
      settleTail();
      return nextStarted;
    }

    const at = completed ?? seen;
    const failed = completed === null ? undefined : pieces[completed];
    if (tail && !tailSettled && at <= commit) {
      // The tail's transaction did not commit (or may not have): it stays dirty.
      await exec(this.c.history.db, plain('ROLLBACK')).catch(() => undefined);
      this.tail = null;
      throw await this.tailFailure(tail, failed, error, lastInTransaction);
    }
    settleTail();
    // Without a next migration the text ended with COMMIT, which answered: nothing else failed.
    if (!next) return nextStarted;
    // No tail and the dirty mark itself failed: nothing of the migration ran; the run stops with the error.
    if (!tail && at <= commit) {
      await exec(this.c.history.db, plain('ROLLBACK')).catch(() => undefined);
      throw error;
    }
    if (failed?.kind === 'statement') {
      await this.markFailed(next, { direction: next.direction, statementIndex: 1, statement: failed.sql, error: error.message });
      throw new ChainFailure(next, new StepFailure(error, 1, failed.sql));
    }
    // The clock, or a place the driver could not tell: the dirty mark stays, with the error.
    await this.markFailed(next, { direction: next.direction, statementIndex: null, statement: null, error: error.message });
    throw new ChainFailure(next, new StepFailure(error, null, null));
  }

  /** The next link begins: its dirty mark is (about to be) committed and statement 1 is running. */
  private announce(next: ChainLink, first: string | undefined): void {
    this.c.started(next);
    if (first !== undefined) this.statementEvent(next, 1, first);
  }

  private async tailFailure(tail: Tail, failed: Piece | undefined, error: SluiceError, lastInTransaction: boolean): Promise<ChainFailure> {
    const link = tail.link;
    const n = link.statements.length;
    if (failed?.kind === 'statement') {
      await this.markFailed(link, { direction: link.direction, statementIndex: n, statement: failed.sql, error: error.message });
      return new ChainFailure(link, new StepFailure(error, n, failed.sql));
    }
    if (failed === undefined) {
      // Where it stopped is unknown (the connection went, say): the dirty mark stays, with the error.
      await this.markFailed(link, { direction: link.direction, statementIndex: null, statement: null, error: error.message });
      return new ChainFailure(link, new StepFailure(error, null, null));
    }
    // The history write failed. A last statement that shared its transaction was rolled back with it.
    const undone = lastInTransaction ? { statementIndex: n, statement: tail.last } : { statementIndex: null, statement: null };
    await this.markFailed(link, { direction: link.direction, ...undone, error: `history update failed: ${error.message}` });
    // Rolled back on transactional tables (InnoDB); a row change on MyISAM, Aria or MEMORY stays.
    const message = lastInTransaction
      ? `recording it in the history failed, and its last statement, which shares that transaction, was rolled back with it (unless its table is not transactional, such as MyISAM: check its rows): ${error.message}`
      : `its statements ran, but recording it in the history failed: ${error.message}`;
    return new ChainFailure(link, new StepFailure(new SluiceError(error.code, { message, details: error.details }), undone.statementIndex, undone.statement));
  }
}

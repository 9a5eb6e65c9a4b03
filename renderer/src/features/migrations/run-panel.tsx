/**
 * A run as it happens and as it ended: a progress bar (n of total), the planned migrations
 * with their state (waiting, running, done, failed, not executed), and the live log (migrations,
 * statements, Django's output). When a migration fails, its failing statement is shown with its
 * number, the server's message and the hint; when the run could not start (lock held, a dirty
 * migration), the panel says why and what to do.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../app/api/errors';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { CheckIcon, CloseIcon } from '../../components/icons';
import { firstLine, formatDuration, plural } from './format';
import { displayName, splitId } from './migration-list';
import type { LogEntry, RunState } from './use-migration-run';
import type { MigrationState, RunError, RunOutcome } from './types';

type Live = Extract<RunState, { kind: 'running' }>;
type Finished = Extract<RunState, { kind: 'finished' }>;

/** A step's state in the panel's list. */
type StepView = { id: string; state: 'waiting' } | { id: string; state: 'running' } | { id: string; state: 'done'; durationMs: number } | { id: string; state: 'failed' } | { id: string; state: 'not-executed' };

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(performance.now()), 200);
    return () => window.clearInterval(timer);
  }, []);
  return <>{formatDuration(now - since)}</>;
}

/** Planned ids first, then any the core ran that the plan did not foresee (Django decides its own plan). */
function stepIds(planned: readonly MigrationState[], log: readonly LogEntry[], outcomes: readonly RunOutcome[] = []): string[] {
  const ids = outcomes.length > 0 ? outcomes.map((o) => o.id) : planned.map((m) => m.id);
  for (const e of log) if (e.kind === 'migration-started' && !ids.includes(e.id)) ids.push(e.id);
  return ids;
}

function liveSteps(state: Live): StepView[] {
  const done = new Map<string, number>();
  for (const e of state.log) if (e.kind === 'migration-finished') done.set(e.id, e.durationMs);
  return stepIds(state.plan.steps, state.log).map((id) => {
    const ms = done.get(id);
    if (ms !== undefined) return { id, state: 'done', durationMs: ms };
    return state.current?.id === id ? { id, state: 'running' } : { id, state: 'waiting' };
  });
}

function finishedSteps(state: Finished): StepView[] {
  const byId = new Map(state.result.outcomes.map((o) => [o.id, o]));
  return stepIds(state.plan.steps, state.log, state.result.outcomes).map((id) => {
    const o = byId.get(id);
    if (!o) return { id, state: 'not-executed' };
    if (o.status === 'success') return { id, state: 'done', durationMs: o.durationMs };
    if (o.status === 'error') return { id, state: 'failed' };
    return { id, state: 'not-executed' };
  });
}

const STEP_LABEL: Record<StepView['state'], string> = { waiting: 'waiting', running: 'running', done: 'success', failed: 'error', 'not-executed': 'not executed' };

function StepList({ steps, byId }: { steps: StepView[]; byId: ReadonlyMap<string, MigrationState> }) {
  return (
    <ol className="mig-steps" data-testid="run-steps">
      {steps.map((s) => {
        const m = byId.get(s.id);
        const { prefix, name } = m ? splitId(m) : { prefix: '', name: s.id };
        return (
          <li key={s.id} className={`mig-step mig-step-${s.state}`} data-testid="run-step" data-id={s.id} data-outcome={STEP_LABEL[s.state]}>
            <span className="mig-step-icon" aria-hidden="true">
              {s.state === 'running' ? <span className="spinner" /> : s.state === 'done' ? <CheckIcon width={12} height={12} /> : s.state === 'failed' ? <CloseIcon width={12} height={12} /> : <span className="mig-step-dot" />}
            </span>
            <span className="mig-step-name mono" title={s.id}>
              <span className="mig-id-prefix">{prefix}</span>
              {name}
            </span>
            <span className="mig-step-outcome">{STEP_LABEL[s.state]}</span>
            <span className="mig-step-dur mono">{s.state === 'done' ? formatDuration(s.durationMs) : ''}</span>
          </li>
        );
      })}
    </ol>
  );
}

function logText(e: LogEntry, nameOf: (id: string) => string): string {
  switch (e.kind) {
    case 'locked':
      return `The migration lock is held by ${e.holder}`;
    case 'migration-started':
      return `${nameOf(e.id)}  (${e.index} of ${e.total})`;
    case 'statement':
      return `[${e.index}/${e.total}] ${firstLine(e.sql)}`;
    case 'output':
      return e.line;
    case 'migration-finished':
      return `${nameOf(e.id)} done in ${formatDuration(e.durationMs)}`;
  }
}

/** The live log; it follows new lines unless the user scrolled up to read. */
function RunLog({ log, startedAt, failed, nameOf }: { log: readonly LogEntry[]; startedAt: number; failed: { id: string; index: number } | null; nameOf: (id: string) => string }) {
  const box = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  useLayoutEffect(() => {
    const el = box.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [log.length]);
  return (
    <div
      ref={box}
      className="mig-log"
      role="log"
      aria-label="Run log"
      aria-live="polite"
      tabIndex={0}
      data-testid="run-log"
      onScroll={(event) => {
        const el = event.currentTarget;
        follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      {log.length === 0 ? <div className="mig-log-line dim">Waiting for the first event…</div> : null}
      {log.map((e) => {
        const isFailed = failed !== null && e.kind === 'statement' && e.id === failed.id && e.index === failed.index;
        return (
          <div key={e.seq} className={`mig-log-line mig-log-${e.kind}${isFailed ? ' mig-log-failed' : ''}`} data-testid="log-line" data-kind={e.kind} title={e.kind === 'statement' ? e.sql : undefined}>
            <span className="mig-log-time">+{((e.at - startedAt) / 1000).toFixed(2)}s</span>
            <span className="mig-log-text">{logText(e, nameOf)}</span>
          </div>
        );
      })}
    </div>
  );
}

/** The failure of one migration, with its statement. */
function FailureBox({
  outcome,
  name,
  statementsTotal,
  dirty,
  onResolve,
}: {
  outcome: Extract<RunOutcome, { status: 'error' }>;
  name: string;
  statementsTotal: number | null;
  /** The migration is marked dirty now (MySQL/MariaDB: its DDL could not be rolled back). */
  dirty: boolean;
  onResolve: (id: string) => void;
}) {
  const { error } = outcome;
  return (
    <div className="mig-failure" role="alert" data-testid="run-failure" data-error-code={error.code}>
      <div className="mig-failure-head">
        <strong>
          <span className="mono">{name}</span> failed
        </strong>
        <code className="error-banner-code">{error.code}</code>
      </div>
      <p className="mig-failure-message" data-testid="run-failure-message">
        {error.message}
      </p>
      {error.statement ? (
        <div className="mig-failure-statement">
          <div className="mig-failure-statement-head" data-testid="failed-statement-index">
            Statement {error.statementIndex ?? '?'}
            {statementsTotal ? ` of ${statementsTotal}` : ''}
          </div>
          <pre className="mig-failed-statement" data-testid="failed-statement">
            {error.statement}
          </pre>
        </div>
      ) : null}
      {/* Once it is dirty the way on is repair and resolve, whatever the generic hint says. */}
      {error.hint && !dirty ? <p className="mig-failure-hint">{error.hint}</p> : null}
      {dirty ? (
        <div className="mig-failure-dirty" data-testid="failure-dirty">
          <span>Marked dirty: the statements before it stay applied. Repair by hand, then mark it resolved.</span>
          <Button className="btn-small" variant="danger" onClick={() => onResolve(outcome.id)}>
            Mark resolved…
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/** Why a run did not start, and what to do about it. */
function RefusalBox({ error, onResolve, onRetry }: { error: RunError; onResolve: (id: string | null) => void; onRetry: () => void }) {
  const details = error.details ?? {};
  const holder = typeof details.holder === 'string' ? details.holder : null;
  const dirtyId = typeof details.id === 'string' ? details.id : null;
  return (
    <div className="mig-refusal">
      <ErrorBanner error={{ code: error.code as ApiError['code'], message: error.message, ...(error.hint ? { hint: error.hint } : {}), ...(error.details ? { details: error.details } : {}) }} />
      {error.code === 'MIGRATION_LOCKED' ? (
        <div className="mig-refusal-note" data-testid="lock-holder" data-holder={holder ?? undefined}>
          <span>
            {holder && !error.message.includes(holder) ? (
              <>
                The lock is held by <strong className="mono">{holder}</strong>.{' '}
              </>
            ) : null}
            Wait for that run to finish, or try again with a lock wait.
          </span>
          <Button className="btn-small" onClick={onRetry}>
            Try again…
          </Button>
        </div>
      ) : null}
      {error.code === 'MIGRATION_DIRTY' ? (
        <div className="mig-refusal-note" data-testid="dirty-explained">
          <span>
            {dirtyId ? <strong className="mono">{dirtyId}</strong> : 'A migration'} failed part-way in an earlier run, so the database may be half-migrated. Sluice runs nothing else until you repair it by hand and mark it resolved.
          </span>
          <Button className="btn-small" variant="danger" onClick={() => onResolve(dirtyId)} data-testid="refusal-mark-resolved">
            Mark resolved…
          </Button>
        </div>
      ) : null}
      {error.code === 'MIGRATION_MODIFIED' ? (
        <div className="mig-refusal-note">
          <span>Restore the changed files, or run again and tick “Run although … modified” in the confirmation.</span>
          <Button className="btn-small" onClick={onRetry}>
            Try again…
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/** The panel; nothing when no run happened yet. */
export function RunPanel({
  state,
  migrations,
  onDismiss,
  onResolve,
  onRetry,
}: {
  state: RunState;
  migrations: readonly MigrationState[];
  onDismiss: () => void;
  onResolve: (id: string | null) => void;
  onRetry: () => void;
}) {
  if (state.kind === 'idle') return null;
  const byId = new Map(migrations.map((m) => [m.id, m]));
  const nameOf = (id: string) => displayName(byId.get(id), id);
  const up = state.plan.request.direction === 'up';
  const verbing = up ? 'Applying' : 'Rolling back';

  if (state.kind === 'refused') {
    return (
      <section className="mig-run" aria-label="Migration run" data-testid="run-panel" data-run-state="refused">
        <div className="mig-run-head">
          <strong>{up ? 'Apply' : 'Roll back'} did not start</strong>
          <span className="toolbar-spacer" />
          <button type="button" className="icon-button" onClick={onDismiss} aria-label="Close run panel">
            <CloseIcon />
          </button>
        </div>
        <div className="mig-run-single">
          <RefusalBox error={state.error} onResolve={onResolve} onRetry={onRetry} />
        </div>
      </section>
    );
  }

  if (state.kind === 'starting') {
    return (
      <section className="mig-run" aria-label="Migration run" data-testid="run-panel" data-run-state="starting">
        <div className="mig-run-head">
          <span className="spinner" aria-hidden="true" /> <strong>Starting…</strong>
        </div>
      </section>
    );
  }

  if (state.kind === 'running') {
    const steps = liveSteps(state);
    const done = steps.filter((s) => s.state === 'done').length;
    const total = Math.max(steps.length, state.current?.total ?? 0);
    return (
      <section className="mig-run" aria-label="Migration run" data-testid="run-panel" data-run-state="running">
        <div className="mig-run-head">
          <span className="spinner" aria-hidden="true" />
          <strong data-testid="run-progress-text">
            {verbing} {Math.min(done + 1, total)} of {total}
          </strong>
          {state.current ? <span className="mono dim mig-run-current">{state.current.id}</span> : null}
          <div className="mig-progress" role="progressbar" aria-label="Migrations done" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} data-testid="run-progress">
            <div className="mig-progress-fill" style={{ width: `${total ? (done / total) * 100 : 0}%` }} />
          </div>
          <span className="mono dim">
            <Elapsed since={state.startedAt} />
          </span>
        </div>
        {state.waitingFor ? (
          <div className="mig-run-waiting" role="status" data-testid="lock-waiting">
            Waiting for the migration lock held by <span className="mono">{state.waitingFor}</span>…
          </div>
        ) : null}
        <div className="mig-run-body">
          <StepList steps={steps} byId={byId} />
          <RunLog log={state.log} startedAt={state.startedAt} failed={null} nameOf={nameOf} />
        </div>
      </section>
    );
  }

  const steps = finishedSteps(state);
  const failed = state.result.outcomes.find((o): o is Extract<RunOutcome, { status: 'error' }> => o.status === 'error') ?? null;
  const succeeded = state.result.outcomes.filter((o) => o.status === 'success').length;
  const statementsTotal = failed ? (state.log.findLast((e) => e.kind === 'statement' && e.id === failed.id) as Extract<LogEntry, { kind: 'statement' }> | undefined)?.total ?? null : null;
  const refused = !failed && state.error !== null;
  const ok = state.result.ok && !state.error;
  const headline = ok
    ? state.result.outcomes.length === 0
      ? 'Nothing to do: already up to date'
      : `${up ? 'Applied' : 'Rolled back'} ${plural(succeeded, 'migration')}`
    : refused
      ? `${up ? 'Apply' : 'Roll back'} did not start`
      : `${up ? 'Apply' : 'Roll back'} failed${failed ? ` at ${nameOf(failed.id)}` : ''}${succeeded ? ` after ${succeeded} succeeded` : ''}`;

  return (
    <section className={`mig-run ${ok ? 'mig-run-ok' : 'mig-run-failed'}`} aria-label="Migration run" data-testid="run-panel" data-run-state="finished" data-ok={ok}>
      <div className="mig-run-head">
        <span className={`mig-run-mark ${ok ? 'mig-run-mark-ok' : 'mig-run-mark-failed'}`} aria-hidden="true">
          {ok ? <CheckIcon width={12} height={12} /> : <CloseIcon width={12} height={12} />}
        </span>
        <strong data-testid="run-summary">{headline}</strong>
        <span className="mono dim">in {formatDuration(state.elapsedMs)}</span>
        <span className="toolbar-spacer" />
        <button type="button" className="icon-button" onClick={onDismiss} aria-label="Close run panel" title="Close">
          <CloseIcon />
        </button>
      </div>
      <div className="mig-run-body">
        <div className="mig-run-result">
          {refused && state.error ? <RefusalBox error={state.error} onResolve={onResolve} onRetry={onRetry} /> : null}
          {failed ? <FailureBox outcome={failed} name={nameOf(failed.id)} statementsTotal={statementsTotal} dirty={byId.get(failed.id)?.status === 'dirty'} onResolve={onResolve} /> : null}
          {steps.length > 0 && !refused ? <StepList steps={steps} byId={byId} /> : null}
        </div>
        <RunLog log={state.log} startedAt={state.startedAt} failed={failed?.error.statementIndex !== undefined ? { id: failed.id, index: failed.error.statementIndex } : null} nameOf={nameOf} />
      </div>
    </section>
  );
}

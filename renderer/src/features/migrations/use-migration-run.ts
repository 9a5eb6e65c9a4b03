/**
 * One migration run at a time per tab: `migrations.apply` returns a job id at once and the run
 * reports itself as `migrations.progress` events, ending with exactly one `migrations.finished`.
 * Events can overtake the call's answer (over HTTP they travel on another connection), so while
 * the call is in flight every event is kept, and the ones of our job are replayed once its id is
 * known. Events of other jobs (other tabs) are ignored.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../app/api/errors';
import { useClient } from '../../api';
import { useStatus } from '../../shell/status-context';
import type { PlannedRun } from './run-plan';
import type { FinishedEvent, FolderLink, MigrationRunResult, ProgressEvent, RunError, RunOptions } from './types';

/** One line of the live log. */
export type LogEntry = { seq: number; at: number } & (
  | { kind: 'locked'; holder: string }
  | { kind: 'migration-started'; id: string; index: number; total: number }
  | { kind: 'statement'; id: string; index: number; total: number; sql: string }
  | { kind: 'output'; id: string | null; line: string }
  | { kind: 'migration-finished'; id: string; durationMs: number }
);

/** Where the tab's run stands. */
export type RunState =
  | { kind: 'idle' }
  | { kind: 'starting'; plan: PlannedRun; startedAt: number }
  | { kind: 'running'; plan: PlannedRun; jobId: string; startedAt: number; log: LogEntry[]; current: { id: string; index: number; total: number } | null; waitingFor: string | null }
  | { kind: 'finished'; plan: PlannedRun; jobId: string; startedAt: number; elapsedMs: number; log: LogEntry[]; result: MigrationRunResult; error: RunError | null }
  /** The core refused to start (bad folder, session gone…): no job, no events. */
  | { kind: 'refused'; plan: PlannedRun; error: ApiError };

/** A run is live from the click until its `finished` event. */
export const isLive = (state: RunState): boolean => state.kind === 'starting' || state.kind === 'running';

/** The log keeps its most recent lines; Django can be chatty. */
const LOG_LIMIT = 4000;

type Incoming = { type: 'progress'; event: ProgressEvent } | { type: 'finished'; event: FinishedEvent };

function append(log: LogEntry[], entry: LogEntry): LogEntry[] {
  const next = log.length >= LOG_LIMIT ? log.slice(log.length - LOG_LIMIT + 1) : log.slice();
  next.push(entry);
  return next;
}

/** Folds one event of our job into the state. */
function fold(state: RunState, incoming: Incoming, seq: number): RunState {
  if (state.kind !== 'running' || incoming.event.jobId !== state.jobId) return state;
  const now = performance.now();
  if (incoming.type === 'finished') {
    const { result, error } = incoming.event;
    return { kind: 'finished', plan: state.plan, jobId: state.jobId, startedAt: state.startedAt, elapsedMs: now - state.startedAt, log: state.log, result, error };
  }
  const { jobId: _jobId, ...event } = incoming.event;
  const log = append(state.log, { ...event, seq, at: now } as LogEntry);
  switch (event.kind) {
    case 'locked':
      return { ...state, log, waitingFor: event.holder };
    case 'migration-started':
      return { ...state, log, waitingFor: null, current: { id: event.id, index: event.index, total: event.total } };
    default:
      return { ...state, log, waitingFor: null };
  }
}

/** The run state, `start(plan, options)` and `reset()`; `onFinished` runs after each job ends. */
export function useMigrationRun(sessionId: string, link: FolderLink | null, onFinished: (state: RunState) => void) {
  const client = useClient();
  const { reportError } = useStatus();
  const [state, setState] = useState<RunState>({ kind: 'idle' });
  // While `apply` is in flight, events wait here: they may belong to the job we are about to learn of.
  const pending = useRef<Incoming[] | null>(null);
  const seq = useRef(0);
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;

  useEffect(() => {
    const take = (incoming: Incoming) => {
      if (pending.current) {
        pending.current.push(incoming);
        return;
      }
      setState((s) => fold(s, incoming, ++seq.current));
    };
    const offProgress = client.on('migrations.progress', (event) => take({ type: 'progress', event }));
    const offFinished = client.on('migrations.finished', (event) => take({ type: 'finished', event }));
    return () => {
      offProgress();
      offFinished();
    };
  }, [client]);

  // Tell the owner once per finished job (after the state has it, so it can refresh the list).
  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (state.kind === 'finished' && reported.current !== state.jobId) {
      reported.current = state.jobId;
      if (state.error) reportError('Apply migrations', { code: state.error.code, message: state.error.message, ...(state.error.hint ? { hint: state.error.hint } : {}) } as ApiError);
      finishedRef.current(state);
    }
  }, [state, reportError]);

  const start = useCallback(
    async (plan: PlannedRun, options: RunOptions) => {
      if (!link) return;
      const startedAt = performance.now();
      setState({ kind: 'starting', plan, startedAt });
      pending.current = [];
      const result = await client.call('migrations.apply', {
        sessionId,
        ...link,
        direction: plan.request.direction,
        ...(plan.request.to !== undefined ? { to: plan.request.to } : {}),
        allowModified: options.allowModified,
        lockWaitMs: options.lockWaitMs,
        ...(options.statementTimeoutMs !== undefined ? { statementTimeoutMs: options.statementTimeoutMs } : {}),
        ...(options.lockTimeoutMs !== undefined ? { lockTimeoutMs: options.lockTimeoutMs } : {}),
      });
      const early = pending.current ?? [];
      pending.current = null;
      if (!result.ok) {
        setState({ kind: 'refused', plan, error: result.error });
        reportError('Apply migrations', result.error);
        return;
      }
      const { jobId } = result.value;
      let next: RunState = { kind: 'running', plan, jobId, startedAt, log: [], current: null, waitingFor: null };
      for (const incoming of early) next = fold(next, incoming, ++seq.current);
      setState(next);
    },
    [client, sessionId, link, reportError],
  );

  const reset = useCallback(() => setState((s) => (isLive(s) ? s : { kind: 'idle' })), []);

  return { state, start, reset };
}

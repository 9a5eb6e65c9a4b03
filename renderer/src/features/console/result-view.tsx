/** What the console shows under the editor: a hint, progress, an error, or the result grid. */
import { useEffect, useState } from 'react';
import type { QueryResult } from '../../../../app/api/contract';
import { DataTable } from '../../components/data-table';
import { ErrorBanner } from '../../components/error-banner';
import type { RunState } from './use-query-runner';
import { RUN_SHORTCUT } from './sql-editor';

function formatDuration(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function rowSummary(result: QueryResult): string {
  if (result.columns.length > 0) {
    const n = result.rows.length;
    return `${n.toLocaleString()} ${n === 1 ? 'row' : 'rows'}`;
  }
  if (result.rowCount !== null) return `${result.rowCount.toLocaleString()} ${result.rowCount === 1 ? 'row' : 'rows'} affected`;
  return 'done';
}

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(performance.now()), 100);
    return () => window.clearInterval(timer);
  }, []);
  return <>{formatDuration(now - since)}</>;
}

/** Renders the console's run state. */
export function ResultView({ state, onDismiss }: { state: RunState; onDismiss: () => void }) {
  switch (state.kind) {
    case 'idle':
      return (
        <div className="result-empty dim">
          Write a statement and press <kbd>{RUN_SHORTCUT}</kbd> or Run.
        </div>
      );
    case 'running':
      return (
        <div className="result-running" role="status" data-testid="result-running">
          <span className="spinner" aria-hidden="true" /> Running… <Elapsed since={state.startedAt} />
        </div>
      );
    case 'failed':
      return (
        <div className="result-error">
          <ErrorBanner error={state.error} onDismiss={onDismiss} />
        </div>
      );
    case 'done': {
      const { result } = state;
      return (
        <div className="result">
          <div className="result-summary" role="status" data-testid="result-summary">
            <span className="result-command">{result.command || 'OK'}</span>
            <span data-testid="result-rowcount">{rowSummary(result)}</span>
            <span className="dim" data-testid="result-duration">{formatDuration(result.durationMs)}</span>
          </div>
          {result.columns.length > 0 ? <DataTable columns={result.columns} rows={result.rows} label="Query result" /> : null}
        </div>
      );
    }
  }
}

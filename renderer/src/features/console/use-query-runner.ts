/** Runs statements in one session and keeps the latest outcome; a newer run supersedes an older one. */
import { useCallback, useRef, useState } from 'react';
import type { QueryResult } from '../../../../app/api/contract';
import type { ApiError } from '../../../../app/api/errors';
import { useClient } from '../../api';
import { useStatus } from '../../shell/status-context';

/** Where the console's last run stands. */
export type RunState =
  | { kind: 'idle' }
  | { kind: 'running'; sql: string; startedAt: number }
  | { kind: 'done'; sql: string; result: QueryResult }
  | { kind: 'failed'; sql: string; error: ApiError };

/** The run state and a `run(sql)` that calls `query.run` in the given session. */
export function useQueryRunner(sessionId: string) {
  const client = useClient();
  const { reportError } = useStatus();
  const [state, setState] = useState<RunState>({ kind: 'idle' });
  const latest = useRef(0);

  const run = useCallback(
    async (sql: string) => {
      const ticket = ++latest.current;
      setState({ kind: 'running', sql, startedAt: performance.now() });
      const result = await client.call('query.run', { sessionId, sql });
      if (ticket !== latest.current) return; // A later run owns the screen now.
      if (result.ok) setState({ kind: 'done', sql, result: result.value });
      else {
        setState({ kind: 'failed', sql, error: result.error });
        reportError('Run query', result.error);
      }
    },
    [client, sessionId, reportError],
  );

  const dismiss = useCallback(() => setState({ kind: 'idle' }), []);
  return { state, run, dismiss };
}

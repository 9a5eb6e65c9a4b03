/** Loads a folder's status in one session; a newer load supersedes an older one still in flight. */
import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../../../../app/api/errors';
import { useClient } from '../../api';
import { useStatus } from '../../shell/status-context';
import type { FolderLink, MigrationStatusReport } from './types';

/** The status view's data: the last report, whether a load runs, and its error. */
export interface StatusState {
  report: MigrationStatusReport | null;
  loading: boolean;
  error: ApiError | null;
}

/** `load(link)` calls `migrations.status`; `replace` takes a report another call returned (resolve). */
export function useMigrationStatus(sessionId: string) {
  const client = useClient();
  const { reportError } = useStatus();
  const [state, setState] = useState<StatusState>({ report: null, loading: false, error: null });
  const latest = useRef(0);

  const load = useCallback(
    async (link: FolderLink): Promise<MigrationStatusReport | null> => {
      const { dir } = link;
      const ticket = ++latest.current;
      setState((s) => ({ ...s, loading: true, error: null }));
      const result = await client.call('migrations.status', { sessionId, ...link });
      if (ticket !== latest.current) return null;
      if (result.ok) {
        setState({ report: result.value, loading: false, error: null });
        return result.value;
      }
      // A failed load keeps the previous list only if it was for the same folder.
      setState((s) => ({ report: s.report?.dir === dir ? s.report : null, loading: false, error: result.error }));
      reportError('Load migrations', result.error);
      return null;
    },
    [client, sessionId, reportError],
  );

  const replace = useCallback((report: MigrationStatusReport) => {
    latest.current++;
    setState({ report, loading: false, error: null });
  }, []);

  const dismissError = useCallback(() => setState((s) => ({ ...s, error: null })), []);

  return { ...state, load, replace, dismissError };
}

/** Asks the core who it is once per window; a failure here usually means a missing token. */
import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../app/api/contract';
import type { ApiError } from '../../../app/api/errors';
import { useClient } from '../api';
import { useStatus } from './status-context';

/** The core's answer to `app.info`, or why there is none. */
export type AppInfoState = { kind: 'loading' } | { kind: 'ready'; info: CallOutput<'app.info'> } | { kind: 'failed'; error: ApiError };

/** Loads `app.info` on mount. */
export function useAppInfo(): AppInfoState {
  const client = useClient();
  const { reportError } = useStatus();
  const [state, setState] = useState<AppInfoState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    void client.call('app.info', {}).then((result) => {
      if (!live) return;
      if (result.ok) setState({ kind: 'ready', info: result.value });
      else {
        setState({ kind: 'failed', error: result.error });
        reportError('Reach the core', result.error);
      }
    });
    return () => {
      live = false;
    };
  }, [client, reportError]);
  return state;
}

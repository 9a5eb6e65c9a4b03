/**
 * Primary or replica, and how far a replica lags. Asked when a session appears and then every
 * few seconds while the window is visible, so the lag badge stays live and a failover shows up;
 * a hidden window asks nothing and catches up as soon as it is shown again.
 */
import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../app/api/contract';
import { useClient } from '../api';

/** How often the role is asked again while the window is visible. */
export const ROLE_POLL_MS = 5_000;

/** The session's role, or null until (or unless) the core answers. */
export function useHostRole(sessionId: string, active: boolean): CallOutput<'sessions.role'> | null {
  const client = useClient();
  const [role, setRole] = useState<CallOutput<'sessions.role'> | null>(null);
  useEffect(() => {
    if (!active) return;
    let live = true;
    let inFlight = false;
    let timer: number | undefined;
    const ask = async () => {
      window.clearTimeout(timer);
      if (inFlight || document.visibilityState === 'hidden') return;
      inFlight = true;
      const result = await client.call('sessions.role', { sessionId });
      inFlight = false;
      if (!live) return;
      // A failed role query leaves the last badge in place; it is a nicety, not worth an error banner.
      if (result.ok) setRole(result.value);
      timer = window.setTimeout(() => void ask(), ROLE_POLL_MS);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') void ask();
    };
    document.addEventListener('visibilitychange', onVisibility);
    void ask();
    return () => {
      live = false;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [client, sessionId, active]);
  return role;
}

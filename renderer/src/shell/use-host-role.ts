/**
 * Primary or replica, and how far a replica lags. Asked once when a session appears; for a
 * replica it is asked again every few seconds so the lag badge stays live.
 */
import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../app/api/contract';
import { useClient } from '../api';

const REPLICA_POLL_MS = 10_000;

/** The session's role, or null until (or unless) the core answers. */
export function useHostRole(sessionId: string, active: boolean): CallOutput<'sessions.role'> | null {
  const client = useClient();
  const [role, setRole] = useState<CallOutput<'sessions.role'> | null>(null);
  useEffect(() => {
    if (!active) return;
    let live = true;
    let timer: number | undefined;
    const ask = async () => {
      const result = await client.call('sessions.role', { sessionId });
      if (!live) return;
      // A failed role query leaves the badge out; it is a nicety, not worth an error banner.
      if (result.ok) setRole(result.value);
      if (result.ok && result.value.role === 'replica') timer = window.setTimeout(() => void ask(), REPLICA_POLL_MS);
    };
    void ask();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [client, sessionId, active]);
  return role;
}

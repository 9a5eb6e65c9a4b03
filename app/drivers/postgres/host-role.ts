/** PostgreSQL: a standby is in recovery; its lag is how old the last replayed transaction is. */
import type { HostRole } from '../../api/calls/shared';

type Run = (sql: string) => Promise<{ rows: unknown[][] }>;

/**
 * Reads role and lag. When everything received has been replayed the replica is caught up
 * (lag 0), even if the primary has been idle and the last replay timestamp is old.
 */
export async function postgresHostRole(run: Run): Promise<HostRole> {
  const res = await run(`SELECT pg_is_in_recovery(),
      current_setting('transaction_read_only') = 'on',
      CASE WHEN NOT pg_is_in_recovery() THEN NULL
           WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
           ELSE GREATEST(0, EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()))::float8 END,
      CASE WHEN pg_is_in_recovery() THEN EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') END`);
  const [inRecovery, readOnly, lag, streaming] = res.rows[0] ?? [];
  const replica = inRecovery === true;
  return {
    role: replica ? 'replica' : 'primary',
    lagSeconds: replica && lag !== null && lag !== undefined ? Number(lag) : null,
    readOnly: replica || readOnly === true,
    replicating: replica ? streaming === true : null,
    warnings: replica && streaming !== true ? ['The replica is not streaming from its primary.'] : [],
  };
}

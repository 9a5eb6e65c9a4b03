/** MySQL and MariaDB: a replica has replica status; read_only says whether it takes writes. */
import type { HostRole } from '../../api/calls/shared';

type Run = (sql: string) => Promise<{ columns: { name: string }[]; rows: unknown[][] }>;

function field(res: { columns: { name: string }[]; rows: unknown[][] }, ...names: string[]): unknown {
  for (const name of names) {
    const index = res.columns.findIndex((c) => c.name === name);
    if (index >= 0) return res.rows[0]?.[index];
  }
  return undefined;
}

/**
 * Reads role and lag: `Seconds_Behind_Source` (MySQL 8.0.22+) or `Seconds_Behind_Master`
 * (MariaDB, older MySQL). Without the privilege to see replica status, role falls back to read_only.
 */
export async function mysqlHostRole(run: Run): Promise<HostRole> {
  const flags = await run('SELECT @@global.read_only');
  const globalReadOnly = Number(flags.rows[0]?.[0] ?? 0) === 1;
  // MySQL 8 names it transaction_read_only; MariaDB keeps tx_read_only.
  const session = await run('SELECT @@session.transaction_read_only').catch(() => run('SELECT @@session.tx_read_only'));
  const sessionReadOnly = Number(session.rows[0]?.[0] ?? 0) === 1;
  let status: Awaited<ReturnType<Run>> | null = null;
  const warnings: string[] = [];
  try {
    status = await run('SHOW REPLICA STATUS');
  } catch {
    try {
      status = await run('SHOW SLAVE STATUS');
    } catch {
      warnings.push('Replica status is not visible to this user (needs REPLICATION CLIENT / SLAVE MONITOR); role is read from read_only.');
    }
  }
  const isReplica = status ? status.rows.length > 0 : globalReadOnly;
  if (!isReplica) return { role: 'primary', lagSeconds: null, readOnly: globalReadOnly || sessionReadOnly, replicating: null, warnings };
  const lag = status ? field(status, 'Seconds_Behind_Source', 'Seconds_Behind_Master') : null;
  const io = status ? field(status, 'Replica_IO_Running', 'Slave_IO_Running') : undefined;
  const sql = status ? field(status, 'Replica_SQL_Running', 'Slave_SQL_Running') : undefined;
  const replicating = status ? io === 'Yes' && sql === 'Yes' : null;
  if (replicating === false) warnings.push('Replication is stopped on this replica.');
  return {
    role: 'replica',
    lagSeconds: lag === null || lag === undefined ? null : Number(lag),
    readOnly: globalReadOnly || sessionReadOnly,
    replicating,
    warnings,
  };
}

/** Primary / replica (with lag) / read-only, as one small badge. */
import type { CallOutput } from '../../../app/api/contract';

type HostRole = CallOutput<'sessions.role'>;

function formatLag(seconds: number): string {
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

/** The role badge; `title` carries replication details and warnings. */
export function RoleBadge({ role }: { role: HostRole }) {
  const text =
    role.role === 'primary'
      ? role.readOnly
        ? 'primary · read-only'
        : 'primary'
      : `replica${role.lagSeconds !== null ? ` · lag ${formatLag(role.lagSeconds)}` : ''}${role.replicating === false ? ' · stopped' : ''}`;
  const tone = role.role === 'replica' && (role.replicating === false || (role.lagSeconds ?? 0) > 30) ? 'warn' : role.role === 'replica' || role.readOnly ? 'info' : 'plain';
  return (
    <span className={`role-badge role-${tone}`} data-testid="role-badge" data-role={role.role} title={[...role.warnings].join('\n') || undefined}>
      {text}
    </span>
  );
}

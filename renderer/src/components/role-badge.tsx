/**
 * Primary / replica (with live lag) / read-only, as one small badge. Lag is coloured by how far
 * a reader would be from the truth: under 5 s fine, under a minute noticeable, beyond that bad;
 * a replica whose replication threads stopped is bad whatever its last lag was.
 */
import type { CallOutput } from '../../../app/api/contract';

type HostRole = CallOutput<'sessions.role'>;

/** How worrying a replica's lag is. */
export type LagLevel = 'ok' | 'warn' | 'bad' | 'unknown';

/** Seconds below which lag is unremarkable, and below which it is only a warning. */
export const LAG_OK_SECONDS = 5;
export const LAG_WARN_SECONDS = 60;

/** The lag level of a role report (replicas only; primaries are 'ok'). */
export function lagLevel(role: HostRole): LagLevel {
  if (role.role === 'primary') return 'ok';
  if (role.replicating === false) return 'bad';
  if (role.lagSeconds === null) return 'unknown';
  if (role.lagSeconds < LAG_OK_SECONDS) return 'ok';
  return role.lagSeconds < LAG_WARN_SECONDS ? 'warn' : 'bad';
}

/** `0.4 s`, `12 s`, `3 min 5 s`, `2 h 10 min`. */
export function formatLag(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/** The role badge; `title` carries replication details and warnings. */
export function RoleBadge({ role }: { role: HostRole }) {
  const level = lagLevel(role);
  let text: string;
  if (role.role === 'primary') text = role.readOnly ? 'primary · read-only' : 'primary';
  else if (role.replicating === false) text = 'replica · replication stopped';
  else text = `replica · lag ${role.lagSeconds !== null ? formatLag(role.lagSeconds) : 'unknown'}`;
  const tone = role.role === 'primary' ? (role.readOnly ? 'info' : 'plain') : `lag-${level}`;
  const title = [
    role.role === 'replica' ? `Read replica${role.lagSeconds !== null ? `, ${formatLag(role.lagSeconds)} behind the primary` : ''}` : 'Primary',
    role.readOnly ? 'The server refuses writes in this session.' : '',
    role.replicating === false ? 'Replication is not running: the data here is not being updated.' : '',
    ...role.warnings,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <span
      className={`role-badge role-${tone}`}
      data-testid="role-badge"
      data-role={role.role}
      data-lag-level={role.role === 'replica' ? level : undefined}
      title={title}
    >
      {role.role === 'replica' ? <span className="role-dot" aria-hidden="true" /> : null}
      {text}
    </span>
  );
}

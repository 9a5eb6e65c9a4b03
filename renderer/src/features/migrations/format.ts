/** Small text helpers for the Migrations view: names of formats, times, durations, checksums. */
import type { MigrationFormat, MigrationStatus } from './types';

const FORMAT_LABELS: Record<MigrationFormat, string> = {
  django: 'Django',
  'golang-migrate': 'golang-migrate',
  dbmate: 'dbmate',
  flyway: 'Flyway',
};

/** `Django`, `golang-migrate`, `dbmate`, `Flyway`. */
export const formatLabel = (format: MigrationFormat): string => FORMAT_LABELS[format];

const STATUS_LABELS: Record<MigrationStatus, string> = {
  applied: 'Applied',
  pending: 'Pending',
  modified: 'Modified',
  missing: 'Missing',
  dirty: 'Dirty',
};

/** The badge text of a status. */
export const statusLabel = (status: MigrationStatus): string => STATUS_LABELS[status];

/** What each status means, for tooltips and the details pane. */
export const STATUS_MEANING: Record<MigrationStatus, string> = {
  applied: 'Applied, and the file is unchanged since.',
  pending: 'Not applied yet.',
  modified: 'Applied, but the file changed since it was applied (checksums differ).',
  missing: 'Recorded as applied, but its file is gone from the folder.',
  dirty: 'Failed part-way; the database may be half-migrated. Fix it by hand, then mark it resolved.',
};

/** `12 ms`, `1.24 s`, `<1 ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A timestamp as `2024-05-01 14:03:09` in local time; the input unchanged if it is not a date. */
export function formatTimestamp(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The first 12 characters of a checksum, enough to tell two apart at a glance. */
export const shortChecksum = (checksum: string): string => (checksum.length > 12 ? `${checksum.slice(0, 12)}…` : checksum);

/** `1 migration`, `3 migrations`. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The first line of a statement, shortened for one log line. */
export function firstLine(sql: string, max = 140): string {
  const line = sql.trim().split('\n', 1)[0] ?? '';
  const more = sql.trim().includes('\n');
  if (line.length > max) return `${line.slice(0, max - 1)}…`;
  return more ? `${line} …` : line;
}

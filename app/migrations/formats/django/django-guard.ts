/**
 * The wrong-database guard: before applying, Django is asked (with the same environment) which
 * database its settings resolve to, and Sluice refuses unless engine, host, port, database and
 * user are the profile's. Migrating the wrong database is the worst outcome of the feature.
 */
import { SluiceError } from '../../../api/errors';
import { DEFAULT_PORT, type ConnectionConfig } from '../../../connections/connection-config';

/** What Django's settings_dict says (no password is ever read). */
export interface DjangoDatabase {
  ENGINE: string | null;
  HOST: string | null;
  PORT: string | number | null;
  NAME: string | null;
  USER: string | null;
}

/** The differences between Django's database and the profile, as `field: django ≠ profile` lines; empty when they agree. */
export function databaseDifferences(django: DjangoDatabase, config: ConnectionConfig): string[] {
  const engine = String(django.ENGINE ?? '');
  const engineOk = config.dialect === 'postgres' ? /postgresql|postgis/.test(engine) : /mysql/.test(engine);
  const djangoPort = django.PORT === null || django.PORT === '' ? DEFAULT_PORT[config.dialect] : Number(django.PORT);
  const djangoHost = String(django.HOST ?? '') || 'localhost';
  const out: string[] = [];
  if (!engineOk) out.push(`engine: ${engine || '(none)'} ≠ ${config.dialect}`);
  if (djangoHost.toLowerCase() !== config.host.toLowerCase()) out.push(`host: ${djangoHost} ≠ ${config.host}`);
  if (djangoPort !== config.port) out.push(`port: ${djangoPort} ≠ ${config.port}`);
  if (String(django.NAME ?? '') !== config.database) out.push(`database: ${String(django.NAME ?? '')} ≠ ${config.database}`);
  if (String(django.USER ?? '') !== config.user) out.push(`user: ${String(django.USER ?? '')} ≠ ${config.user}`);
  return out;
}

/** Throws WRONG_DATABASE when Django would migrate another database than the profile's. */
export function guardDatabase(django: DjangoDatabase, config: ConnectionConfig, variable: string): void {
  const differences = databaseDifferences(django, config);
  if (differences.length === 0) return;
  throw new SluiceError('WRONG_DATABASE', {
    message: `Django would migrate another database than this connection (${differences.join('; ')}).`,
    hint: `Make the project's settings take the database from ${variable} (and nothing overriding it), then try again.`,
    details: {
      differences,
      django: { engine: django.ENGINE, host: django.HOST, port: django.PORT, database: django.NAME, user: django.USER },
      profile: { dialect: config.dialect, host: config.host, port: config.port, database: config.database, user: config.user },
    },
  });
}

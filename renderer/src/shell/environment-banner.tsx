/**
 * The persistent strip over a tab whose session belongs to a production (or staging) profile,
 * so nobody types into production thinking it is their laptop.
 */
import { environmentLabel } from '../components/environment';
import { ShieldIcon } from '../components/icons';
import { useProfiles } from '../features/profiles/profiles-context';
import type { Session } from './sessions-context';

/** The banner, or nothing for development and URL sessions. */
export function EnvironmentBanner({ session }: { session: Session | null }) {
  const { environmentOf } = useProfiles();
  const environment = environmentOf(session);
  if (!session || session.origin.kind !== 'profile' || (environment !== 'production' && environment !== 'staging')) return null;
  const { profileName, replicaName } = session.origin;
  return (
    <div className={`env-banner env-banner-${environment}`} role="note" data-testid={`${environment}-banner`}>
      {environment === 'production' ? <ShieldIcon /> : null}
      <strong>{environmentLabel(environment)}</strong>
      <span>
        {profileName}
        {replicaName ? ` · ${replicaName}` : ''}
      </span>
      <span className="env-banner-text">
        {environment === 'production'
          ? replicaName
            ? 'Reading production data (read-only replica).'
            : 'Statements run against production data. Check before you run.'
          : 'Statements run against staging.'}
      </span>
    </div>
  );
}

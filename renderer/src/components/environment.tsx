/**
 * The environment tag of a profile (production / staging / development) and its colour. The
 * colour follows the tag everywhere: sidebar group, tab, status bar, console; production is red.
 */
import type { Environment } from '../../../app/api/calls/profile-schemas';
import { ShieldIcon } from './icons';

export type { Environment };

/** Display order: the guarded one first. */
export const ENVIRONMENTS: readonly Environment[] = ['production', 'staging', 'development'];

const LABELS: Record<Environment, string> = { production: 'Production', staging: 'Staging', development: 'Development' };

/** `Production`, `Staging`, `Development`. */
export const environmentLabel = (environment: Environment): string => LABELS[environment];

/** A small coloured tag; production carries a shield. */
export function EnvironmentChip({ environment, short = false }: { environment: Environment; short?: boolean }) {
  const text = short ? { production: 'PROD', staging: 'STAGE', development: 'DEV' }[environment] : LABELS[environment];
  return (
    <span className={`env-chip env-${environment}`} data-testid="env-chip" data-environment={environment} title={`${LABELS[environment]} environment`}>
      {environment === 'production' ? <ShieldIcon width={11} height={11} /> : null}
      {text}
    </span>
  );
}

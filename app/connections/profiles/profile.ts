/**
 * Saved connection profiles, core side: the schemas (defined node-free in the contract) checked
 * against the driver-facing SslConfig, and the defaults a new profile starts from.
 */
import type { z } from 'zod';
import { CaSourceSchema, ClientCertificateSchema, SslConfigSchema } from '../../api/calls/profile-schemas';
import type { CaSource, ClientCertificate, SslConfig } from '../connection-config';

export * from '../../api/calls/profile-schemas';

// The schemas and the driver-facing types must describe the same values.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sslMatches: Same<z.infer<typeof SslConfigSchema>, SslConfig> = true;
const caMatches: Same<z.infer<typeof CaSourceSchema>, CaSource> = true;
const certMatches: Same<z.infer<typeof ClientCertificateSchema>, ClientCertificate> = true;
void [sslMatches, caMatches, certMatches];

/** SSL for a new profile: verify everything against the system trust store. */
export const DEFAULT_SSL: SslConfig = { mode: 'verify-full', ca: { kind: 'system' } };

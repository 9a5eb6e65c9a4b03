/**
 * The SSL mode vocabulary, one table for the core's URL parser and the window's hint line:
 * libpq's sslmode values and MySQL's ssl-mode values mapped onto Sluice's five modes.
 * Node-free: the renderer imports it.
 */

/** Sluice's SSL modes, as in libpq. */
export type SslMode = 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';

/** Every accepted spelling, lower-cased. `allow` tries TLS like prefer: Sluice never prefers plaintext. */
export const SSL_MODE_ALIASES: Readonly<Record<string, SslMode>> = {
  disable: 'disable',
  allow: 'prefer',
  prefer: 'prefer',
  require: 'require',
  'verify-ca': 'verify-ca',
  'verify-full': 'verify-full',
  disabled: 'disable',
  preferred: 'prefer',
  required: 'require',
  verify_ca: 'verify-ca',
  verify_identity: 'verify-full',
};

/** The mode a written value means, or null when it is not a known spelling. */
export function sslModeOf(written: string): SslMode | null {
  return Object.hasOwn(SSL_MODE_ALIASES, written.toLowerCase()) ? (SSL_MODE_ALIASES[written.toLowerCase()] as SslMode) : null;
}

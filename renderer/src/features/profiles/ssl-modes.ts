/**
 * The five SSL modes in plain language, as libpq and the MySQL client define them (the table in
 * ARCHITECTURE.md). The form shows the line under the mode select; the sidebar shows the chip.
 */
import type { SslConfigValue } from '../../../../app/api/calls/profile-schemas';

/** One of disable / prefer / require / verify-ca / verify-full. */
export type SslMode = SslConfigValue['mode'];

/** Every mode, weakest first. */
export const SSL_MODES: readonly SslMode[] = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'];

/** How much a mode protects: the colour of its line and chip. */
export type SslLevel = 'ok' | 'warn' | 'danger';

interface ModeMeaning {
  label: string;
  level: SslLevel;
  /** What the mode does, in one sentence a non-specialist can act on. */
  line: string;
}

const MEANING: Record<SslMode, ModeMeaning> = {
  disable: {
    label: 'disable — no encryption',
    level: 'danger',
    line: 'Not encrypted: the password and every row cross the network in clear text.',
  },
  prefer: {
    label: 'prefer — encrypt if offered',
    level: 'danger',
    line: 'Encrypted only if the server offers it, and the server is never verified — a man in the middle can read everything.',
  },
  require: {
    label: 'require — encrypt, verify nothing',
    level: 'warn',
    line: 'Encrypted, but the server is not verified — anyone on the path could impersonate it.',
  },
  'verify-ca': {
    label: 'verify-ca — check the CA',
    level: 'warn',
    line: 'Encrypted, and the certificate must come from the trusted CA — but any host name that CA signed is accepted.',
  },
  'verify-full': {
    label: 'verify-full — check CA and host name',
    level: 'ok',
    line: 'Encrypted, signed by the trusted CA, and issued for this host name — checked before the password is sent.',
  },
};

/** The select option text for a mode. */
export const sslModeLabel = (mode: SslMode): string => MEANING[mode].label;
/** The plain-language line for a mode. */
export const sslModeLine = (mode: SslMode): string => MEANING[mode].line;
/** How much a mode protects. */
export const sslModeLevel = (mode: SslMode): SslLevel => MEANING[mode].level;

/** True for the modes that check a CA (and so take a CA source). */
export const verifiesCa = (mode: SslMode): mode is 'verify-ca' | 'verify-full' => mode === 'verify-ca' || mode === 'verify-full';

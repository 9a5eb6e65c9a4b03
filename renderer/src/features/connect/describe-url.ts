/**
 * A light reading of a connection URL, only to tell the user what they typed will do before
 * they press Connect. The core parses the URL for real (app/connections/parse-url.ts); this
 * mirrors its vocabulary — libpq and MySQL spellings, any case, `require` plus a CA file
 * meaning verify-ca — but decides nothing.
 */

import { sslModeOf, type SslMode } from '../../../../app/api/calls/ssl-modes';

/** The engine family a URL scheme names. */
export type UrlEngine = 'postgres' | 'mysql';

/** What the SSL mode in a URL means, in the words of the libpq / MySQL ssl-mode table. */
export interface SslModeMeaning {
  /** The mode as the user wrote it, or null when the URL names none. */
  written: string | null;
  level: 'ok' | 'warn' | 'danger';
  text: string;
}

/** What the form shows under the URL field. */
export interface UrlDescription {
  engine: UrlEngine | null;
  ssl: SslModeMeaning | null;
  hasPasswordInUrl: boolean;
}

type Mode = SslMode;


const MEANING: Record<Mode, Omit<SslModeMeaning, 'written'>> = {
  disable: { level: 'danger', text: 'No encryption: credentials and data cross the network in clear text.' },
  prefer: { level: 'warn', text: 'Encrypts if the server offers it; the certificate is not checked.' },
  require: { level: 'warn', text: 'Encrypts, but does not check the server certificate.' },
  'verify-ca': { level: 'ok', text: 'Encrypts and checks the CA; the host name is not checked.' },
  'verify-full': { level: 'ok', text: 'Encrypts, checks the CA and the host name before sending credentials.' },
};

const first = (params: URLSearchParams, ...names: string[]): string | null => {
  for (const name of names) {
    const value = params.get(name);
    if (value) return value;
  }
  return null;
};

/** Reads scheme, SSL mode and whether a password is embedded; tolerant of half-typed input. */
export function describeUrl(raw: string): UrlDescription {
  const url = raw.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  const engine: UrlEngine | null = scheme === 'postgres' || scheme === 'postgresql' ? 'postgres' : scheme === 'mysql' || scheme === 'mariadb' ? 'mysql' : null;
  if (!engine || !scheme) return { engine: null, ssl: null, hasPasswordInUrl: false };

  const authority = url.slice(scheme.length + 3).split(/[/?#]/, 1)[0] ?? '';
  const userInfo = authority.includes('@') ? authority.slice(0, authority.lastIndexOf('@')) : '';
  const hasPasswordInUrl = userInfo.includes(':');

  const queryStart = url.indexOf('?');
  const params = new URLSearchParams(queryStart >= 0 ? (url.slice(queryStart + 1).split('#', 1)[0] ?? '') : '');
  const written = first(params, 'sslmode', 'ssl-mode', 'ssl_mode');
  const rootcert = first(params, 'sslrootcert', 'ssl-ca', 'ssl_ca');

  let ssl: SslModeMeaning;
  if (written === null) {
    const add = engine === 'postgres' ? 'sslmode=verify-full' : 'ssl-mode=VERIFY_IDENTITY';
    ssl = { written: null, level: 'warn', text: `No SSL mode: ${MEANING.prefer.text} Add ${add}.` };
  } else {
    const mode = sslModeOf(written);
    if (!mode) ssl = { written, level: 'danger', text: 'Unknown SSL mode; the connection will be refused.' };
    else if (mode === 'require' && rootcert !== null && rootcert !== 'system') ssl = { written, ...MEANING['verify-ca'], text: `With a CA file this means verify-ca: ${MEANING['verify-ca'].text}` };
    else ssl = { written, ...MEANING[mode] };
  }
  return { engine, ssl, hasPasswordInUrl };
}

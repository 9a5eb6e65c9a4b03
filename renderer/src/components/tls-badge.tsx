/** A compact verdict on a connection's TLS, from the facts the core measured in the handshake. */
import type { TlsReport } from '../../../app/api/contract';
import { LockIcon, UnlockIcon } from './icons';

/** How much the handshake proved: both checks, CA only, encryption only, or nothing. */
export type TlsVerdict = 'verified' | 'ca-only' | 'unverified' | 'plaintext';

/** Reduces a TLS report to one verdict. */
export function tlsVerdict(tls: TlsReport | null): TlsVerdict {
  if (!tls) return 'plaintext';
  if (tls.caVerified && tls.hostnameVerified) return 'verified';
  if (tls.caVerified) return 'ca-only';
  return 'unverified';
}

const VERDICT_TEXT: Record<TlsVerdict, string> = {
  verified: 'verified',
  'ca-only': 'CA only',
  unverified: 'not verified',
  plaintext: 'No TLS',
};

/** The badge: protocol plus verdict, coloured by how much was proven; details in the tooltip. */
export function TlsBadge({ tls }: { tls: TlsReport | null }) {
  const verdict = tlsVerdict(tls);
  const title = tls
    ? [
        `${tls.protocol} · ${tls.cipher}`,
        `CA ${tls.caVerified ? 'verified' : 'NOT verified'}`,
        `Host name ${tls.hostnameVerified ? 'verified' : 'NOT verified'}`,
        tls.certificate ? `Certificate ${tls.certificate.subject}, expires ${tls.certificate.validTo} (${tls.certificate.daysLeft} days)` : '',
      ]
        .filter(Boolean)
        .join('\n')
    : 'The connection is not encrypted.';
  return (
    <span className={`tls-badge tls-${verdict}`} data-testid="tls-badge" data-tls-verdict={verdict} title={title}>
      {verdict === 'plaintext' ? <UnlockIcon /> : <LockIcon />}
      {tls ? `${tls.protocol} · ${VERDICT_TEXT[verdict]}` : VERDICT_TEXT.plaintext}
    </span>
  );
}

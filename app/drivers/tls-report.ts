/** Reads what a finished TLS handshake showed: protocol, cipher and the server certificate's facts. */
import type { TLSSocket } from 'node:tls';
import type { TlsReport } from '../api/contract';

const DAY_MS = 86_400_000;

/** Builds the TLS report from a connected socket and what the mode promised to verify. */
export function tlsReport(socket: TLSSocket, verified: { caVerified: boolean; hostnameVerified: boolean }, now = Date.now()): TlsReport {
  const cert = socket.getPeerCertificate(false);
  const hasCert = cert && Object.keys(cert).length > 0;
  const name = (fields: Record<string, string | string[] | undefined> | undefined): string =>
    Object.entries(fields ?? {})
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
      .join(', ');
  return {
    protocol: socket.getProtocol() ?? 'unknown',
    cipher: socket.getCipher()?.name ?? 'unknown',
    // Named fields only: the TLS options beside them hold key material.
    caVerified: verified.caVerified,
    hostnameVerified: verified.hostnameVerified,
    certificate: hasCert
      ? {
          subject: name(cert.subject as unknown as Record<string, string>),
          issuer: name(cert.issuer as unknown as Record<string, string>),
          subjectAltNames: (cert.subjectaltname ?? '').split(', ').filter(Boolean),
          validFrom: new Date(cert.valid_from).toISOString(),
          validTo: new Date(cert.valid_to).toISOString(),
          daysLeft: Math.floor((new Date(cert.valid_to).getTime() - now) / DAY_MS),
          fingerprint256: cert.fingerprint256,
        }
      : null,
  };
}

/** Warnings a user should see about a connection's TLS, in plain words. */
export function tlsWarnings(report: TlsReport | null): string[] {
  if (!report) return ['The connection is not encrypted.'];
  const warnings: string[] = [];
  if (!report.caVerified) warnings.push('The server certificate was not verified (SSL mode require): the connection is encrypted but could be intercepted.');
  else if (!report.hostnameVerified) warnings.push('The host name was not checked against the certificate (SSL mode verify-ca).');
  const days = report.certificate?.daysLeft;
  if (days !== undefined && days < 30) warnings.push(`The server certificate expires in ${days} day(s).`);
  return warnings;
}

/**
 * The outcome of the Test button: on success what the handshake proved about the server (its
 * certificate, the TLS protocol and cipher, both verification checks, the server version); on
 * failure the classified error with its hint.
 */
import type { ServerReport } from '../../../../app/api/contract';
import type { ApiError } from '../../../../app/api/errors';
import { dialectName } from '../../components/dialect-name';
import { ErrorBanner } from '../../components/error-banner';
import { CheckIcon, CloseIcon } from '../../components/icons';
import { TlsBadge } from '../../components/tls-badge';

/** A certificate is flagged when it expires within this many days. */
export const EXPIRY_WARNING_DAYS = 30;

/** What the Test panel shows. */
export type TestOutcome =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'ok'; server: ServerReport; via: 'profile' | 'form' }
  | { kind: 'failed'; error: ApiError; via: 'profile' | 'form' };

function Tick({ ok, yes, no, testId }: { ok: boolean; yes: string; no: string; testId: string }) {
  return (
    <span className={`tick ${ok ? 'tick-ok' : 'tick-bad'}`} data-testid={testId} data-ok={ok}>
      {ok ? <CheckIcon width={12} height={12} /> : <CloseIcon width={12} height={12} />}
      {ok ? yes : no}
    </span>
  );
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** The facts of a successful test. */
export function CertificateFacts({ server }: { server: ServerReport }) {
  const { tls } = server;
  const cert = tls?.certificate ?? null;
  const expiresSoon = cert !== null && cert.daysLeft < EXPIRY_WARNING_DAYS;
  return (
    <div className="cert-facts" data-testid="certificate-facts">
      <div className="cert-facts-head">
        <span className="cert-facts-engine">{dialectName(server.dialect)}</span>
        <span className="dim mono" data-testid="server-version">
          {server.serverVersion}
        </span>
        <TlsBadge tls={tls} />
      </div>
      {tls ? (
        <div className="cert-ticks">
          <Tick ok={tls.caVerified} yes="CA verified" no="CA not verified" testId="ca-verified" />
          <Tick ok={tls.hostnameVerified} yes="Host name verified" no="Host name not verified" testId="hostname-verified" />
        </div>
      ) : (
        <p className="fact-bad">The connection is not encrypted: no certificate was presented or checked.</p>
      )}
      <dl className="facts cert-list">
        <dt>Target</dt>
        <dd className="mono">
          {server.user}@{server.host}:{server.port}/{server.database}
        </dd>
        {tls ? (
          <>
            <dt>Protocol</dt>
            <dd className="mono" data-testid="tls-protocol">
              {tls.protocol}
            </dd>
            <dt>Cipher</dt>
            <dd className="mono" data-testid="tls-cipher">
              {tls.cipher}
            </dd>
          </>
        ) : null}
        {cert ? (
          <>
            <dt>Subject</dt>
            <dd className="mono" data-testid="cert-subject">
              {cert.subject}
            </dd>
            <dt>Issuer</dt>
            <dd className="mono" data-testid="cert-issuer">
              {cert.issuer}
            </dd>
            <dt>Names (SAN)</dt>
            <dd className="mono" data-testid="cert-sans">
              {cert.subjectAltNames.length > 0 ? cert.subjectAltNames.join(', ') : <span className="dim">none</span>}
            </dd>
            <dt>Valid to</dt>
            <dd data-testid="cert-valid-to" title={`Valid from ${cert.validFrom} to ${cert.validTo}`}>
              {formatDate(cert.validTo)}{' '}
              <span className={expiresSoon ? 'expiry-warn' : 'dim'} data-testid="cert-days-left" data-expires-soon={expiresSoon}>
                {cert.daysLeft < 0 ? `expired ${-cert.daysLeft} days ago` : `${cert.daysLeft} ${cert.daysLeft === 1 ? 'day' : 'days'} left`}
              </span>
            </dd>
            <dt>SHA-256</dt>
            <dd className="mono cert-fingerprint" title={cert.fingerprint256}>
              {cert.fingerprint256}
            </dd>
          </>
        ) : null}
      </dl>
      {expiresSoon ? (
        <p className="cert-expiry-warning" role="note" data-testid="cert-expiry-warning">
          The server certificate expires in {cert.daysLeft} {cert.daysLeft === 1 ? 'day' : 'days'}. Ask the provider when it will be renewed.
        </p>
      ) : null}
      {server.warnings.length > 0 ? (
        <ul className="server-warnings" data-testid="test-warnings">
          {server.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The Test panel's body for an outcome. */
export function TestResult({ outcome }: { outcome: TestOutcome }) {
  switch (outcome.kind) {
    case 'idle':
      return (
        <p className="test-idle dim" data-testid="test-result" data-outcome="idle">
          Test connects once with the values in this form, shows what the server proved about itself, and disconnects. Nothing is saved.
        </p>
      );
    case 'busy':
      return (
        <p className="test-busy" role="status" data-testid="test-result" data-outcome="busy">
          <span className="spinner" aria-hidden="true" /> Connecting…
        </p>
      );
    case 'ok':
      return (
        <div className="test-ok" role="status" data-testid="test-result" data-outcome="ok" data-via={outcome.via}>
          <p className="test-ok-head">
            <CheckIcon /> Connection works
            <span className="dim">{outcome.via === 'profile' ? ' · saved profile' : ' · values in this form'}</span>
          </p>
          <CertificateFacts server={outcome.server} />
        </div>
      );
    case 'failed':
      return (
        <div className="test-failed" data-testid="test-result" data-outcome="failed" data-via={outcome.via}>
          <p className="test-via dim">{outcome.via === 'profile' ? 'Tested the saved profile' : 'Tested the values in this form'}</p>
          <ErrorBanner error={outcome.error} />
        </div>
      );
  }
}

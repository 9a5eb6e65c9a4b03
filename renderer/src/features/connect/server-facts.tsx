/** The facts a successful connection proved, as a compact definition list. */
import type { ServerReport } from '../../../../app/api/contract';
import { TlsBadge } from '../../components/tls-badge';
import { dialectName } from '../../components/dialect-name';

/** Server version, where we landed, and what TLS proved. */
export function ServerFacts({ server }: { server: ServerReport }) {
  const tls = server.tls;
  return (
    <div className="server-facts" data-testid="server-facts">
      <div className="server-facts-head">
        <strong>{dialectName(server.dialect)}</strong>
        <span className="dim">{server.serverVersion}</span>
        <TlsBadge tls={tls} />
      </div>
      <dl className="facts">
        <dt>Target</dt>
        <dd className="mono">
          {server.user}@{server.host}:{server.port}/{server.database}
        </dd>
        {tls ? (
          <>
            <dt>Protocol</dt>
            <dd className="mono">{tls.protocol} · {tls.cipher}</dd>
            <dt>CA</dt>
            <dd className={tls.caVerified ? 'fact-ok' : 'fact-bad'}>{tls.caVerified ? 'verified' : 'not verified'}</dd>
            <dt>Host name</dt>
            <dd className={tls.hostnameVerified ? 'fact-ok' : 'fact-bad'}>{tls.hostnameVerified ? 'verified' : 'not verified'}</dd>
            {tls.certificate ? (
              <>
                <dt>Certificate</dt>
                <dd className="mono" title={tls.certificate.fingerprint256}>
                  {tls.certificate.subject} · {tls.certificate.daysLeft} days left
                </dd>
              </>
            ) : null}
          </>
        ) : (
          <>
            <dt>TLS</dt>
            <dd className="fact-bad">not encrypted</dd>
          </>
        )}
      </dl>
      {server.warnings.length > 0 ? (
        <ul className="server-warnings">
          {server.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The SSL part of the profile form: the mode with a plain-language line, where the trusted CA
 * comes from (system store, a file path, or pasted PEM — a file chosen in the browser is read
 * into the PEM field, since a page cannot learn a file's path), a client certificate and key by
 * path only (key material never passes through the window), and the advanced hostaddr.
 */
import { useId, useState, type ChangeEvent } from 'react';
import { Field } from '../../components/field';
import type { FieldErrors, ProfileForm } from './profile-form';
import { SSL_MODES, sslModeLabel, sslModeLevel, sslModeLine, verifiesCa, type SslMode } from './ssl-modes';

const MAX_PEM_BYTES = 200_000;

/** The SSL fieldset. */
export function SslSection({ form, errors, update }: { form: ProfileForm; errors: FieldErrors; update: (patch: Partial<ProfileForm>) => void }) {
  const ids = useId();
  const [fileNote, setFileNote] = useState<{ ok: boolean; text: string } | null>(null);
  const pg = form.dialect === 'postgres';

  const readCaFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // Choosing the same file again must fire change again.
    if (!file) return;
    if (file.size > MAX_PEM_BYTES) {
      setFileNote({ ok: false, text: `${file.name} is ${Math.round(file.size / 1024)} KB; a CA bundle is at most ${MAX_PEM_BYTES / 1000} KB.` });
      return;
    }
    const text = await file.text();
    if (!text.includes('-----BEGIN CERTIFICATE-----')) {
      setFileNote({ ok: false, text: `${file.name} holds no PEM certificate (-----BEGIN CERTIFICATE-----). Convert a DER file with openssl x509 -inform der.` });
      return;
    }
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
      setFileNote({ ok: false, text: `${file.name} contains a private key. Choose the CA certificate only; keys are never read by this window.` });
      return;
    }
    const count = text.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;
    update({ caKind: 'pem', caPem: text.trim() });
    setFileNote({ ok: true, text: `Read ${count} certificate${count === 1 ? '' : 's'} from ${file.name}.` });
  };

  return (
    <fieldset className="form-section" data-testid="ssl-section">
      <legend>SSL / TLS</legend>
      <Field
        label="SSL mode"
        error={errors['ssl.mode']}
        testId="field-ssl-mode"
        note={
          <span className={`ssl-line ssl-${sslModeLevel(form.sslMode)}`} data-testid="ssl-mode-line" data-level={sslModeLevel(form.sslMode)}>
            {sslModeLine(form.sslMode)}
          </span>
        }
      >
        <select value={form.sslMode} onChange={(e) => update({ sslMode: e.target.value as SslMode })} data-testid="profile-ssl-mode">
          {SSL_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {sslModeLabel(mode)}
            </option>
          ))}
        </select>
      </Field>

      {verifiesCa(form.sslMode) ? (
        <div className="ca-source" role="radiogroup" aria-labelledby={`${ids}-ca`}>
          <span id={`${ids}-ca`} className="subhead">
            Trusted CA
          </span>
          <div className="segmented">
            {(
              [
                ['system', 'System trust store'],
                ['file', 'CA file path'],
                ['pem', 'Pasted PEM'],
              ] as const
            ).map(([kind, label]) => (
              <label key={kind} className={`segment${form.caKind === kind ? ' segment-on' : ''}`}>
                <input type="radio" name={`${ids}-ca-kind`} value={kind} checked={form.caKind === kind} onChange={() => update({ caKind: kind })} data-testid={`ca-kind-${kind}`} />
                {label}
              </label>
            ))}
          </div>
          {form.caKind === 'system' ? (
            <p className="field-note dim">
              Certificates signed by a public CA your system trusts. Managed clusters (DigitalOcean, RDS, Aiven…) usually need their own CA file instead.
            </p>
          ) : null}
          {form.caKind === 'file' ? (
            <Field
              label={pg ? 'CA file path (sslrootcert)' : 'CA file path (ssl-ca)'}
              error={errors['ssl.ca.path']}
              testId="field-ca-path"
              note="Read by the core when connecting; ~ means your home directory."
            >
              <input className="mono" type="text" spellCheck={false} autoComplete="off" placeholder="~/certs/ca-certificate.crt" value={form.caPath} onChange={(e) => update({ caPath: e.target.value })} data-testid="profile-ca-path" />
            </Field>
          ) : null}
          {form.caKind === 'pem' ? (
            <>
              <Field label="CA certificate (PEM)" error={errors['ssl.ca.pem']} testId="field-ca-pem">
                <textarea
                  className="mono pem-text"
                  rows={5}
                  spellCheck={false}
                  placeholder={'-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----'}
                  value={form.caPem}
                  onChange={(e) => update({ caPem: e.target.value })}
                  data-testid="profile-ca-pem"
                />
              </Field>
              <div className="file-pick">
                <label className="btn btn-secondary file-pick-button">
                  Load from a file…
                  <input type="file" accept=".pem,.crt,.cer,.ca-bundle,text/plain,application/x-pem-file" onChange={(e) => void readCaFile(e)} data-testid="profile-ca-file" className="visually-hidden" />
                </label>
                {fileNote ? (
                  <span className={fileNote.ok ? 'fact-ok' : 'fact-bad'} role="status" data-testid="ca-file-note">
                    {fileNote.text}
                  </span>
                ) : (
                  <span className="dim">The file's text is copied into the profile.</span>
                )}
              </div>
            </>
          ) : null}
        </div>
      ) : null}

      {form.sslMode !== 'disable' ? (
        <div className="client-cert">
          <label className="check-field">
            <input type="checkbox" checked={form.useClientCert} onChange={(e) => update({ useClientCert: e.target.checked })} data-testid="profile-use-client-cert" />
            <span>Log in with a client certificate</span>
          </label>
          {form.useClientCert ? (
            <div className="field-grid">
              <Field label={pg ? 'Certificate path (sslcert)' : 'Certificate path (ssl-cert)'} error={errors['ssl.clientCert.certPath']} testId="field-cert-path">
                <input className="mono" type="text" spellCheck={false} autoComplete="off" placeholder="~/certs/client.crt" value={form.certPath} onChange={(e) => update({ certPath: e.target.value })} data-testid="profile-cert-path" />
              </Field>
              <Field label={pg ? 'Key path (sslkey)' : 'Key path (ssl-key)'} error={errors['ssl.clientCert.keyPath']} testId="field-key-path">
                <input className="mono" type="text" spellCheck={false} autoComplete="off" placeholder="~/certs/client.key" value={form.keyPath} onChange={(e) => update({ keyPath: e.target.value })} data-testid="profile-key-path" />
              </Field>
              <p className="field-note dim span-2">Paths only: the core reads the files when connecting, so the private key never passes through this window.</p>
            </div>
          ) : null}
        </div>
      ) : null}

      <details className="advanced" open={form.hostaddr !== '' || undefined}>
        <summary>Advanced</summary>
        <Field
          label="Host address (hostaddr)"
          error={errors.hostaddr}
          testId="field-hostaddr"
          note="An IP address to dial instead of looking up the host name. The certificate is still checked against the host name."
        >
          <input className="mono" type="text" spellCheck={false} autoComplete="off" placeholder="10.0.0.12" value={form.hostaddr} onChange={(e) => update({ hostaddr: e.target.value })} data-testid="profile-hostaddr" />
        </Field>
      </details>
    </fieldset>
  );
}

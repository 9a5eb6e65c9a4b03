import { describe, expect, it } from 'vitest';
import type { TlsReport } from '../../../app/api/contract';
import { tlsWarnings } from '../../../app/drivers/tls-report';

function report(overrides: Partial<TlsReport> & { daysLeft?: number } = {}): TlsReport {
  const { daysLeft = 200, ...rest } = overrides;
  return {
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    caVerified: true,
    hostnameVerified: true,
    certificate: {
      subject: 'CN=db',
      issuer: 'CN=CA',
      subjectAltNames: ['DNS:db'],
      validFrom: '2026-01-01T00:00:00.000Z',
      validTo: '2027-01-01T00:00:00.000Z',
      daysLeft,
      fingerprint256: 'AA',
    },
    ...rest,
  };
}

describe('tlsWarnings', () => {
  it('says nothing about a verified connection with a long-lived certificate', () => {
    expect(tlsWarnings(report())).toEqual([]);
  });
  it('warns when the certificate expires within 30 days', () => {
    expect(tlsWarnings(report({ daysLeft: 12 }))).toEqual(['The server certificate expires in 12 day(s).']);
    expect(tlsWarnings(report({ daysLeft: 30 }))).toEqual([]);
  });
  it('says a require-mode connection was not verified', () => {
    expect(tlsWarnings(report({ caVerified: false, hostnameVerified: false })).join(' ')).toMatch(/not verified/);
  });
  it('says verify-ca skipped the host name', () => {
    expect(tlsWarnings(report({ hostnameVerified: false })).join(' ')).toMatch(/host name was not checked/);
  });
  it('says a plaintext connection is not encrypted', () => {
    expect(tlsWarnings(null)).toEqual(['The connection is not encrypted.']);
  });
});

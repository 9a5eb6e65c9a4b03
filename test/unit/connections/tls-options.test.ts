/** Client keys for TLS: an encrypted key needs its passphrase (sslpassword); without it, or with a wrong one, a typed error before connecting. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SluiceError } from '../../../app/api/errors';
import { resolveTls } from '../../../app/connections/tls-options';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

async function keyFile(pem: string): Promise<{ certPath: string; keyPath: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-tls-'));
  const certPath = path.join(dir, 'client.pem');
  const keyPath = path.join(dir, 'client-key.pem');
  // resolveTls reads the certificate as text; the handshake (not run here) is what would parse it.
  await writeFile(certPath, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  await writeFile(keyPath, pem);
  return { certPath, keyPath };
}

describe('client keys', () => {
  it('passes an unencrypted key to the TLS options', async () => {
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const resolved = await resolveTls({ mode: 'require', clientCert: await keyFile(pem) }, 'db.example');
    expect(resolved?.options.key).toBe(pem);
  });

  it.each([
    ['PKCS#8', { type: 'pkcs8' as const }],
    ['traditional PEM', { type: 'pkcs1' as const }],
  ])('refuses a %s key encrypted with a passphrase as CLIENT_KEY_ENCRYPTED, naming the file', async (_name, type) => {
    const pem = privateKey.export({ ...type, format: 'pem', cipher: 'aes-256-cbc', passphrase: 'not-given' }).toString();
    const clientCert = await keyFile(pem);
    const error = await resolveTls({ mode: 'verify-full', ca: { kind: 'pem', pem: 'x' }, clientCert }, 'db.example').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(SluiceError);
    expect(error).toMatchObject({ code: 'CLIENT_KEY_ENCRYPTED', details: { path: clientCert.keyPath } });
    expect((error as SluiceError).hint).toMatch(/openssl pkey/);
  });

  it('decrypts an encrypted key with its passphrase, and refuses a wrong one as CLIENT_KEY_PASSPHRASE_WRONG', async () => {
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'right one' }).toString();
    const clientCert = await keyFile(pem);
    const resolved = await resolveTls({ mode: 'require', clientCert }, 'db.example', 'right one');
    expect(resolved?.options).toMatchObject({ key: pem, passphrase: 'right one' });
    const wrong = await resolveTls({ mode: 'require', clientCert }, 'db.example', 'wrong one').catch((err: unknown) => err);
    expect(wrong).toMatchObject({ code: 'CLIENT_KEY_PASSPHRASE_WRONG', details: { path: clientCert.keyPath } });
    expect(JSON.stringify(wrong)).not.toContain('wrong one');
  });
});

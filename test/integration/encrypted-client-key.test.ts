/**
 * A client certificate whose key is encrypted with a passphrase, as libpq reads it: `sslpassword`
 * in the URL decrypts it, and `sluice check` signs in as the certificate user on both engines. No
 * passphrase and a wrong one are typed errors before any connection, and the passphrase appears
 * in no output.
 */
import { execFile } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { urlFor } from './support/urls';

const BIN = path.resolve(__dirname, '../../bin/sluice.mjs');
const PASSPHRASE = 'correct horse; battery & staple';

function sluice(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: process.env, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const harness = inject('harness');
let encryptedKey = '';

beforeAll(async () => {
  // The harness's client key, encrypted (PKCS#8, AES-256) as `openssl pkcs8 -topk8 -v2 aes256` writes it.
  const plain = createPrivateKey(await readFile(harness.certs.clientKey, 'utf8'));
  encryptedKey = path.join(await mkdtemp(path.join(os.tmpdir(), 'sluice-enc-key-')), 'client-key.pem');
  await writeFile(encryptedKey, plain.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }), { mode: 0o600 });
});

const withPassphrase = (url: string, passphrase: string) => `${url}&sslpassword=${encodeURIComponent(passphrase)}`;

for (const server of [harness.postgres, harness.mariadb]) {
  describe(`an encrypted client key on ${server.engine}`, () => {
    const url = () => urlFor(server, { user: server.certUser, ca: harness.certs.ca, cert: harness.certs.clientCert, key: encryptedKey });

    it('signs in as the certificate user with sslpassword', async () => {
      const res = await sluice(['check', withPassphrase(url(), PASSPHRASE), '--json']);
      expect(res.code, res.stdout).toBe(0);
      expect(JSON.parse(res.stdout)).toMatchObject({ ok: true, value: { user: server.certUser, tls: { caVerified: true, hostnameVerified: true } } });
      expect(res.stdout + res.stderr).not.toContain(PASSPHRASE);
      expect(res.stdout + res.stderr).not.toContain(encodeURIComponent(PASSPHRASE));
    });

    it('says the key is encrypted when no passphrase is given, and which file', async () => {
      const res = await sluice(['check', url(), '--json']);
      expect(res.code).toBe(1);
      expect(JSON.parse(res.stdout)).toMatchObject({ ok: false, error: { code: 'CLIENT_KEY_ENCRYPTED', hint: expect.stringContaining('sslpassword'), details: { path: encryptedKey } } });
    });

    it('says the passphrase is wrong, without echoing it', async () => {
      const res = await sluice(['check', withPassphrase(url(), 'not the passphrase'), '--json']);
      expect(res.code).toBe(1);
      expect(JSON.parse(res.stdout)).toMatchObject({ ok: false, error: { code: 'CLIENT_KEY_PASSPHRASE_WRONG' } });
      expect(res.stdout + res.stderr).not.toContain('not the passphrase');
    });
  });
}

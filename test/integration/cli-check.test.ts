/** `sluice check` as a user runs it: a real process, real servers, the password from the environment. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { passwordEnv, urlFor } from './support/urls';

const BIN = path.resolve(__dirname, '../../bin/sluice.mjs');

function sluice(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const harness = inject('harness');

for (const server of [harness.postgres, harness.mariadb]) {
  describe(`sluice check against ${server.engine}`, () => {
    it('connects with verify-full and a CA file and prints the TLS protocol', async () => {
      const res = await sluice(['check', urlFor(server, { sslmode: 'verify-full', ca: harness.certs.ca }), '--json'], passwordEnv(server));
      expect(res.code).toBe(0);
      const out = JSON.parse(res.stdout);
      expect(out.ok).toBe(true);
      expect(out.value.tls.protocol).toMatch(/^TLSv1\.[23]$/);
      expect(out.value.tls).toMatchObject({ caVerified: true, hostnameVerified: true });
      expect(out.value.dialect).toBe(server.engine === 'postgres' ? 'postgres' : 'mariadb');
      expect(res.stdout).not.toContain(server.password);
    });

    it('refuses a server whose certificate is not from the given CA, with TLS_UNTRUSTED_CA and exit 1', async () => {
      const res = await sluice(['check', urlFor(server, { sslmode: 'verify-full', ca: harness.certs.wrongCa }), '--json'], passwordEnv(server));
      expect(res.code).toBe(1);
      const out = JSON.parse(res.stdout);
      expect(out).toMatchObject({ ok: false, error: { code: 'TLS_UNTRUSTED_CA', hint: expect.any(String) } });
    });

    it('prints a readable report without --json', async () => {
      const res = await sluice(['check', urlFor(server, { sslmode: 'verify-full', ca: harness.certs.ca })], passwordEnv(server));
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/host name verified: yes/);
    });
  });
}

describe('sluice usage errors', () => {
  it('exits 2 with help when the URL is missing', async () => {
    const res = await sluice(['check'], {});
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Usage: sluice check');
  });

  it('exits 2 for an unknown command', async () => {
    expect((await sluice(['frobnicate'], {})).code).toBe(2);
  });

  it('prints help for every command', async () => {
    for (const cmd of ['check', 'serve']) {
      const res = await sluice([cmd, '--help'], {});
      expect(res.code).toBe(0);
      expect(res.stdout).toContain(`Usage: sluice ${cmd}`);
    }
  });

  it('reports an invalid URL as INVALID_URL with exit 1', async () => {
    const res = await sluice(['check', 'postgres://u@h/db?sslmode=bogus', '--json'], {});
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).error.code).toBe('INVALID_URL');
  });
});

/** `sluice serve` as a user starts it: one printed line with the URL, token and Host/Origin guards. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { urlFor } from './support/urls';

const BIN = path.resolve(__dirname, '../../bin/sluice.mjs');
const harness = inject('harness');

function post(port: number, method: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; json: { ok: boolean; value?: unknown; error?: { code: string } } }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: `/rpc/${method}`, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('sluice serve', () => {
  let child: ChildProcess;
  let url: URL;

  beforeAll(async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sluice-serve-'));
    child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, SLUICE_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    expect(first).toMatch(/^Sluice is serving at http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    url = new URL(first.replace('Sluice is serving at ', ''));
  });

  afterAll(() => {
    child?.kill('SIGTERM');
  });

  const port = () => Number(url.port);
  const token = () => url.searchParams.get('token')!;

  it('answers 401 to /rpc without the token', async () => {
    const res = await post(port(), 'app.info', { host: url.host }, {});
    expect(res.status).toBe(401);
    expect(res.json.error?.code).toBe('UNAUTHORIZED');
  });

  it('answers 403 to a foreign Host with the token', async () => {
    const res = await post(port(), 'app.info', { host: `attacker.example:${port()}`, authorization: `Bearer ${token()}` }, {});
    expect(res.status).toBe(403);
  });

  it('answers 403 to a foreign Origin with the token', async () => {
    const res = await post(port(), 'app.info', { host: url.host, origin: 'https://attacker.example', authorization: `Bearer ${token()}` }, {});
    expect(res.status).toBe(403);
  });

  it('answers with the result when token, Host and Origin are right', async () => {
    const info = await post(port(), 'app.info', { host: url.host, origin: url.origin, authorization: `Bearer ${token()}` }, {});
    expect(info).toMatchObject({ status: 200, json: { ok: true, value: { name: 'sluice', door: 'http' } } });
    const check = await post(port(), 'connections.check', { host: url.host, origin: url.origin, authorization: `Bearer ${token()}` }, {
      url: urlFor(harness.postgres, { ca: harness.certs.ca }),
      password: harness.postgres.password,
    });
    expect(check.json).toMatchObject({ ok: true, value: { dialect: 'postgres', tls: { hostnameVerified: true } } });
  });

  it('refuses to bind anything but loopback', async () => {
    const res = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const p = spawn(process.execPath, [BIN, 'serve', '--host', '0.0.0.0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      p.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/loopback/);
  });
});

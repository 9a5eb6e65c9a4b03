import http from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../app/core';
import { startHttpDoor, type HttpDoor } from '../../../app/server/http-door';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw requests, so tests can send any Host and Origin a browser or attacker could. */
function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('the HTTP door', () => {
  let core: Core;
  let door: HttpDoor;
  let host: string;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = await mkdtemp(path.join(os.tmpdir(), 'sluice-static-'));
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Sluice</title>');
    await writeFile(path.join(os.tmpdir(), 'sluice-secret-outside.txt'), 'outside');
    core = createCore({ version: '9.9.9', dataDir: staticDir });
    door = await startHttpDoor({ core, staticDir });
    host = `127.0.0.1:${door.port}`;
  });
  afterAll(async () => {
    await door.close();
    await core.close();
  });

  const rpc = (headers: Record<string, string>, body = '{}') =>
    request(door.port, { method: 'POST', path: '/rpc/app.info', headers: { 'content-type': 'application/json', ...headers }, body });

  it('binds loopback and prints a URL with a long random token', () => {
    expect(door.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${door.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('answers 401 to a call without the token', async () => {
    const res = await rpc({ host });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('answers 401 to a wrong token', async () => {
    // Change the last character (to one it is not: a token ending in x stayed valid 1 time in 64).
    const wrong = `${door.token.slice(0, -1)}${door.token.endsWith('x') ? 'y' : 'x'}`;
    expect((await rpc({ host, authorization: `Bearer ${wrong}` })).status).toBe(401);
  });

  it('answers 403 to a foreign Host even with the token (DNS rebinding)', async () => {
    const res = await rpc({ host: `evil.example:${door.port}`, authorization: `Bearer ${door.token}` });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
  });

  it('answers 403 to a foreign Origin even with the token', async () => {
    const res = await rpc({ host, origin: 'http://evil.example', authorization: `Bearer ${door.token}` });
    expect(res.status).toBe(403);
  });

  it('answers 403 to our host on another port', async () => {
    expect((await rpc({ host: `127.0.0.1:${door.port + 1}`, authorization: `Bearer ${door.token}` })).status).toBe(403);
  });

  it('serves the call when Host, Origin and token are right, with no CORS headers', async () => {
    const res = await rpc({ host, origin: `http://${host}`, authorization: `Bearer ${door.token}` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { name: 'sluice', version: '9.9.9', door: 'http' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('accepts localhost as the Host name too', async () => {
    expect((await rpc({ host: `localhost:${door.port}`, authorization: `Bearer ${door.token}` })).status).toBe(200);
  });

  it('refuses non-JSON bodies, so a cross-site form cannot post', async () => {
    const res = await request(door.port, { method: 'POST', path: '/rpc/app.info', headers: { host, authorization: `Bearer ${door.token}`, 'content-type': 'text/plain' }, body: '{}' });
    expect(res.status).toBe(415);
  });

  it('reports broken JSON as BAD_INPUT', async () => {
    const res = await rpc({ host, authorization: `Bearer ${door.token}` }, '{nope');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('BAD_INPUT');
  });

  it('validates input at the door', async () => {
    const res = await request(door.port, {
      method: 'POST',
      path: '/rpc/query.run',
      headers: { host, authorization: `Bearer ${door.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: 42 }),
    });
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('serves the renderer with the strict CSP', async () => {
    const res = await request(door.port, { path: '/', headers: { host } });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Sluice</title>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('never serves a file outside the renderer folder', async () => {
    const res = await request(door.port, { path: '/..%2fsluice-secret-outside.txt', headers: { host } });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('outside');
  });

  it('streams core events over SSE to a client with the token', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: door.port, path: `/events?token=${door.token}`, headers: { host } }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
          if (text.includes('connected')) core.events.emit('session.lost', { sessionId: 's1', code: 'CONNECTION_LOST' });
          if (text.includes('event: session.lost')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
    });
    expect(await received).toContain('data: {"sessionId":"s1","code":"CONNECTION_LOST"}');
  });

  it('answers 401 to the event stream without the token', async () => {
    expect((await request(door.port, { path: '/events', headers: { host } })).status).toBe(401);
  });
});

/**
 * The local web door (`sluice serve`): the same dispatch as the Electron door, over
 * `POST /rpc/<method>` and Server-Sent Events, on loopback only, behind a per-launch token
 * and a Host/Origin check. No CORS headers are ever sent.
 */
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SluiceError, type ApiError } from '../api/errors';
import type { Core } from '../core';
import { allowedHosts, originAllowed, presentedToken, tokenMatches } from './request-guard';
import { serveStatic } from './static-files';

/** How to start the door. */
export interface HttpDoorOptions {
  core: Core;
  staticDir: string;
  host?: string;
  port?: number;
  token?: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
}

/** A running door. */
export interface HttpDoor {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, error: ApiError): void {
  sendJson(res, status, { ok: false, error });
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new SluiceError('BAD_INPUT', { message: 'The request body is too large.', details: { limit } }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handleRpc(core: Core, method: string, req: IncomingMessage, res: ServerResponse, limit: number): Promise<void> {
  if (req.method !== 'POST') return sendError(res, 405, new SluiceError('BAD_INPUT', { message: 'Use POST for /rpc calls.' }).toApiError());
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendError(res, 415, new SluiceError('BAD_INPUT', { message: 'Send the input as application/json.' }).toApiError());
  }
  let input: unknown;
  try {
    const body = await readBody(req, limit);
    input = body.trim() === '' ? {} : JSON.parse(body);
  } catch (err) {
    const error = err instanceof SluiceError ? err : new SluiceError('BAD_INPUT', { message: 'The request body is not valid JSON.' });
    return sendError(res, 400, error.toApiError());
  }
  sendJson(res, 200, await core.dispatch(method, input, { door: 'http' }));
}

function handleEvents(core: Core, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const unsubscribe = core.events.subscribe((name, payload) => {
    res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

/** Starts the door; resolves once it is listening. */
export async function startHttpDoor(options: HttpDoorOptions): Promise<HttpDoor> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const limit = options.maxBodyBytes ?? 20 * 1024 * 1024;
  let hosts = new Set<string>();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://door.invalid');
    if (!originAllowed(req, hosts)) return sendError(res, 403, new SluiceError('FORBIDDEN_ORIGIN').toApiError());
    const isApi = url.pathname.startsWith('/rpc/') || url.pathname === '/events';
    if (isApi && !tokenMatches(presentedToken(req, url), token)) return sendError(res, 401, new SluiceError('UNAUTHORIZED').toApiError());
    if (url.pathname.startsWith('/rpc/')) {
      void handleRpc(options.core, decodeURIComponent(url.pathname.slice('/rpc/'.length)), req, res, limit).catch(() => res.destroy());
      return;
    }
    if (url.pathname === '/events') return handleEvents(options.core, req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, new SluiceError('BAD_INPUT', { message: 'Method not allowed.' }).toApiError());
    void serveStatic(options.staticDir, url.pathname, res).catch(() => res.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

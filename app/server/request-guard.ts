/**
 * The local web door's gatekeeping: only the exact loopback origin it serves may talk to it
 * (the DNS-rebinding guard), and only with the per-launch token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The Host header values this door answers to. */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  if (bindHost !== '127.0.0.1' && bindHost !== '::1' && bindHost !== 'localhost') hosts.add(`${bindHost}:${port}`);
  return hosts;
}

/** 403 unless Host is ours and Origin, when sent, is our own http origin. */
export function originAllowed(req: IncomingMessage, hosts: Set<string>): boolean {
  const host = req.headers.host;
  if (!host || !hosts.has(host.toLowerCase())) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return [...hosts].some((h) => origin.toLowerCase() === `http://${h}`);
}

/** Reads the token from `Authorization: Bearer …`, or from `?token=` (EventSource cannot send headers). */
export function presentedToken(req: IncomingMessage, url: URL): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  return url.searchParams.get('token');
}

/** Constant-time token comparison. */
export function tokenMatches(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

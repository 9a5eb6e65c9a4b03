/** Schemas several domains' calls share. Node-free: the renderer imports it. */
import { z } from 'zod';

/** A session id handed out by sessions.open. */
export const SessionId = z.string().min(1).max(100);

/** What a TLS handshake showed about the server certificate. */
export const TlsReport = z.object({
  protocol: z.string(),
  cipher: z.string(),
  caVerified: z.boolean(),
  hostnameVerified: z.boolean(),
  certificate: z
    .object({
      subject: z.string(),
      issuer: z.string(),
      subjectAltNames: z.array(z.string()),
      validFrom: z.string(),
      validTo: z.string(),
      daysLeft: z.number(),
      fingerprint256: z.string(),
    })
    .nullable(),
});
export type TlsReport = z.infer<typeof TlsReport>;

/** Facts about a server reached by a successful connection. */
export const ServerReport = z.object({
  dialect: z.enum(['postgres', 'mysql', 'mariadb']),
  serverVersion: z.string(),
  host: z.string(),
  port: z.number(),
  database: z.string(),
  user: z.string(),
  tls: TlsReport.nullable(),
  warnings: z.array(z.string()),
});
export type ServerReport = z.infer<typeof ServerReport>;

/** A result set as plain data: rows are arrays aligned with columns. */
export const QueryResult = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.array(z.unknown())),
  rowCount: z.number().nullable(),
  command: z.string(),
  durationMs: z.number(),
});
export type QueryResult = z.infer<typeof QueryResult>;

/** Whether a host takes writes, and how far behind its primary a replica is. */
export const HostRole = z.object({
  role: z.enum(['primary', 'replica']),
  /** Seconds the replica's applied state trails the primary; null when unknown or a primary. */
  lagSeconds: z.number().nullable(),
  /** The server itself refuses writes on this session (read-only replica or read-only session). */
  readOnly: z.boolean(),
  /** Replication threads are running (replicas only; null when the server does not say). */
  replicating: z.boolean().nullable(),
  warnings: z.array(z.string()),
});
export type HostRole = z.infer<typeof HostRole>;

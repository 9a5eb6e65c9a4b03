/** `sluice check <url>`: connect once and report the server, TLS protocol and what was verified. */
import { parseArgs } from 'node:util';
import type { ServerReport } from '../api/contract';
import { call } from '../api/dispatch';
import { report, UsageError, type CliIo } from './output';
import { createCliCore, findProfile } from './profile-command';

/** Help text for `sluice check`. */
export const CHECK_HELP = `Usage: sluice check <url> [--json]
       sluice check --profile <id|name> [--replica <id>] [--json]

Connects once and reports the dialect, server version, TLS protocol, cipher and whether the
certificate and host name were verified. SSL parameters in the URL mean what libpq
(sslmode, sslrootcert, sslcert, sslkey) and the MySQL client (ssl-mode, ssl-ca, ssl-cert, ssl-key)
say they mean. The password may come from the URL or from PGPASSWORD / MYSQL_PWD; for a saved
profile (see \`sluice profiles\`), from the encrypted password file when SLUICE_SECRET_KEY is set.

Options:
  --profile P   check a saved profile (id or name) instead of a URL
  --replica R   with --profile: check that read replica (a read-only session)
  --json   print the API envelope {"ok":true,"value":…} or {"ok":false,"error":…}
  -h, --help

Exit codes: 0 connected, 1 the connection failed (the error code says why), 2 bad usage.`;

function describe(server: ServerReport): string[] {
  const lines = [`Connected to ${server.dialect} ${server.serverVersion} at ${server.host}:${server.port}/${server.database} as ${server.user}`];
  const tls = server.tls;
  if (tls) {
    lines.push(`TLS ${tls.protocol} (${tls.cipher}); CA verified: ${tls.caVerified ? 'yes' : 'no'}; host name verified: ${tls.hostnameVerified ? 'yes' : 'no'}`);
    if (tls.certificate) lines.push(`Certificate: ${tls.certificate.subject}; issued by ${tls.certificate.issuer}; expires ${tls.certificate.validTo} (${tls.certificate.daysLeft} days)`);
  }
  for (const w of server.warnings) lines.push(`warning: ${w}`);
  return lines;
}

/** Runs `sluice check`. */
export async function checkCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, profile: { type: 'string' }, replica: { type: 'string' } }, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(CHECK_HELP);
    return 0;
  }
  const url = positionals[0];
  if (values.profile === undefined ? !url || positionals.length > 1 : positionals.length > 0) {
    throw new UsageError('check takes exactly one connection URL, or --profile <id|name>.');
  }
  if (values.replica !== undefined && values.profile === undefined) throw new UsageError('--replica needs --profile.');
  const core = createCliCore(io);
  try {
    if (values.profile !== undefined) {
      const found = await findProfile(core, values.profile);
      if (!found.ok) return report(io, found, values.json ?? false, describe);
      const target = { profileId: found.value.id, ...(values.replica !== undefined ? { replicaId: values.replica } : {}) };
      return report(io, await call(core.handlers, 'connections.check', target, { door: 'cli' }), values.json ?? false, describe);
    }
    const result = await call(core.handlers, 'connections.check', { url: url as string }, { door: 'cli' });
    return report(io, result, values.json ?? false, describe);
  } finally {
    await core.close();
  }
}

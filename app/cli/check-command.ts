/** `sluice check <url>`: connect once and report the server, TLS protocol and what was verified. */
import { parseArgs } from 'node:util';
import type { ServerReport } from '../api/contract';
import { call } from '../api/dispatch';
import { createCore } from '../core';
import { defaultDataDir } from '../util/data-dir';
import { SLUICE_VERSION } from '../version';
import { report, UsageError, type CliIo } from './output';

/** Help text for `sluice check`. */
export const CHECK_HELP = `Usage: sluice check <url> [--json]

Connects once and reports the dialect, server version, TLS protocol, cipher and whether the
certificate and host name were verified. SSL parameters in the URL mean what libpq
(sslmode, sslrootcert, sslcert, sslkey) and the MySQL client (ssl-mode, ssl-ca, ssl-cert, ssl-key)
say they mean. The password may come from the URL or from PGPASSWORD / MYSQL_PWD.

Options:
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
  const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(CHECK_HELP);
    return 0;
  }
  const url = positionals[0];
  if (!url || positionals.length > 1) throw new UsageError('check takes exactly one connection URL.');
  const core = createCore({ version: SLUICE_VERSION, dataDir: defaultDataDir(io.env), env: io.env });
  try {
    const result = await call(core.handlers, 'connections.check', { url }, { door: 'cli' });
    return report(io, result, values.json ?? false, describe);
  } finally {
    await core.close();
  }
}

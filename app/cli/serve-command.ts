/** `sluice serve`: the local web door on loopback, with a per-launch token. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore } from '../core';
import { isLogLevel, Logger } from '../logging/logger';
import { secretStoreFromEnv } from '../secrets/secret-store-from-env';
import { startHttpDoor } from '../server/http-door';
import { defaultDataDir } from '../util/data-dir';
import { SLUICE_VERSION } from '../version';
import { UsageError, type CliIo } from './output';

/** Help text for `sluice serve`. */
export const SERVE_HELP = `Usage: sluice serve [--port N] [--host 127.0.0.1] [--open]

Serves Sluice to a browser on this machine. Prints one line with the URL, including a random
token that every request must carry. Requests whose Host or Origin is not that loopback address
are refused (DNS-rebinding guard).

Options:
  --port N   port to listen on (default: a random free port)
  --host H   loopback address to bind (127.0.0.1, ::1 or localhost; default 127.0.0.1)
  --open     open the URL in the default browser
  -h, --help`;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** The built renderer, next to the package root. */
function rendererDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'out', 'renderer');
}

function openBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(opener, [url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
}

/** Runs `sluice serve` until SIGINT/SIGTERM. */
export async function serveCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, host: { type: 'string' }, open: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    io.out(SERVE_HELP);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535.');
  const host = values.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new UsageError('--host must be a loopback address: the web door is for this machine only.');
  const dataDir = defaultDataDir(io.env);
  const level = io.env.SLUICE_LOG_LEVEL;
  const core = createCore({
    version: SLUICE_VERSION,
    dataDir,
    // Passwords stay in memory unless the user opted in to the encrypted file with SLUICE_SECRET_KEY.
    secretStore: secretStoreFromEnv(io.env, dataDir),
    logger: new Logger({ sink: (line) => io.err(line), level: isLogLevel(level) ? level : 'info' }, 'serve'),
  });
  const door = await startHttpDoor({ core, staticDir: io.env.SLUICE_RENDERER_DIR ?? rendererDir(), host, port });
  io.out(`Sluice is serving at ${door.url}`);
  if (values.open) openBrowser(door.url);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await door.close();
  await core.close();
  return 0;
}

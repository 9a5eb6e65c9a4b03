/** A log sink appending to a file (the desktop app's log), creating its folder on first use. */
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { LogSink } from './logger';

/** Appends each (already scrubbed) line to `file`. */
export function fileSink(file: string): LogSink {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
  stream.on('error', () => undefined);
  return (line) => {
    stream.write(`${line}\n`);
  };
}

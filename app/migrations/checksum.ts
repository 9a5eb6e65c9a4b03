/**
 * Checksums of migration files, line by line without line terminators and without a leading BOM,
 * so a CRLF checkout on Windows and an LF checkout in CI agree (Flyway made the same choice).
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** The lines of a text as Java's BufferedReader.readLine yields them: split on CRLF, CR or LF, BOM dropped. */
export function fileLines(text: string): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = body.split(/\r\n|\r|\n/);
  // readLine() yields no empty line after a final terminator.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Flyway's checksum of a SQL migration: CRC32 over each line's UTF-8 bytes, as a signed 32-bit int. */
export function flywayChecksum(text: string): number {
  // CRC32 runs on: over the lines' bytes one after another is over their concatenation.
  return crc32(Buffer.from(fileLines(text).join(''), 'utf8')) | 0;
}

/** Sluice's checksum where the tool keeps none: SHA-256 (hex) over the lines joined by LF. */
export function sluiceChecksum(text: string): string {
  const hash = createHash('sha256');
  for (const line of fileLines(text)) hash.update(line, 'utf8').update('\n');
  return hash.digest('hex');
}

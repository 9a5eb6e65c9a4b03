import { describe, expect, it } from 'vitest';
import { logCall } from '../../../app/logging/log-calls';
import { Logger, type LogLevel } from '../../../app/logging/logger';
import { Scrubber } from '../../../app/logging/scrubber';

function recording(level: LogLevel = 'debug') {
  const lines: string[] = [];
  const logger = new Logger({ sink: (line) => lines.push(line), level, clock: () => new Date('2025-01-02T03:04:05.000Z') });
  return { logger, lines };
}

describe('Scrubber', () => {
  it('masks a registered secret verbatim, percent-encoded and JSON-escaped', () => {
    const scrubber = new Scrubber();
    const secret = 'p@ss"w/rd\\x';
    scrubber.register(secret);
    expect(scrubber.scrub(`raw ${secret} end`)).toBe('raw *** end');
    expect(scrubber.scrub(`url ${encodeURIComponent(secret)} end`)).toBe('url *** end');
    expect(scrubber.scrub(JSON.stringify({ note: `x${secret}y` }))).toBe('{"note":"x***y"}');
  });

  it('masks the longer of two overlapping secrets whole', () => {
    const scrubber = new Scrubber();
    scrubber.register('abcd');
    scrubber.register('abcdefgh');
    expect(scrubber.scrub('abcdefgh')).toBe('***');
  });

  it('masks password-shaped values whatever they are', () => {
    const scrubber = new Scrubber();
    expect(scrubber.scrub('host=db password=hunter22 user=app')).toBe('host=db password=*** user=app');
    expect(scrubber.scrub('PGPASSWORD=hunter22')).toBe('PGPASSWORD=***');
    expect(scrubber.scrub('{"password":"hunter22","user":"app"}')).toBe('{"password":***,"user":"app"}');
    expect(scrubber.scrub("'PASSWORD': 'hunter22',")).toBe("'PASSWORD': ***,");
    expect(scrubber.scrub('postgresql://app:hunter22@db:5432/x')).toBe('postgresql://app:***@db:5432/x');
    expect(scrubber.scrub('mysql://app:p%40ss@db/x and more')).toBe('mysql://app:***@db/x and more');
    expect(scrubber.scrub('http://127.0.0.1:5/?token=abcdef')).toBe('http://127.0.0.1:5/?token=***');
  });

  it('leaves ordinary text alone', () => {
    const scrubber = new Scrubber();
    scrubber.register('s3cr3t-value');
    const text = 'connected to db.example.com:5432 as app (TLSv1.3)';
    expect(scrubber.scrub(text)).toBe(text);
  });

  it('does not mask one- to three-character secrets verbatim (that would erase the log)', () => {
    const scrubber = new Scrubber();
    scrubber.register('a');
    expect(scrubber.scrub('a banana')).toBe('a banana');
  });

  it('stays linear on long adversarial lines', () => {
    const scrubber = new Scrubber();
    const started = performance.now();
    scrubber.scrub('password'.repeat(20_000) + 'a'.repeat(100_000) + 'postgres://'.repeat(5_000));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('Logger', () => {
  it('writes leveled lines with scope, time and fields, scrubbed', () => {
    const { logger, lines } = recording('info');
    logger.scrubber.register('hunter2-long');
    logger.debug('dropped');
    logger.child('profiles').warn('failed with hunter2-long', { raw: 'password=abc', n: 1 });
    expect(lines).toEqual(['2025-01-02T03:04:05.000Z WARN core.profiles failed with *** {"raw":"password=***","n":1}']);
  });

  it('keeps each record on one line', () => {
    const { logger, lines } = recording();
    logger.info('a\nb\r\nc');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/[\r\n]/);
  });

  it('never lets a broken sink break the caller', () => {
    const logger = new Logger({
      sink: () => {
        throw new Error('disk full');
      },
    });
    expect(() => logger.error('x')).not.toThrow();
  });

  it('scrubs before it cuts a long line, so a cut never exposes part of a secret', () => {
    const { logger, lines } = recording();
    const secret = 'S'.repeat(40) + 'cret';
    logger.scrubber.register(secret);
    logger.info('x'.repeat(16_370) + secret);
    expect(lines[0]).not.toContain('SSSSSSSS');
  });
});

describe('logCall', () => {
  it('logs a failed call with its code and details, never its input', () => {
    const { logger, lines } = recording();
    logCall(logger, 'sessions.open', 'http', { ok: false, error: { code: 'AUTH_FAILED', message: 'The server rejected the user name or password.', details: { raw: 'password authentication failed' } } }, 12.4);
    logCall(logger, 'app.info', 'ipc', { ok: true, value: { secret: 'not-logged' } }, 1);
    expect(lines[0]).toContain('WARN core sessions.open failed AUTH_FAILED');
    expect(lines[1]).toContain('DEBUG core app.info ok');
    expect(lines.join('\n')).not.toContain('not-logged');
  });
});

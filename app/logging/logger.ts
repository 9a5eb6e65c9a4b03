/**
 * A small leveled logger. Every line passes through the core's Scrubber before it reaches a
 * sink, so a registered secret or anything shaped like a password never reaches a log file,
 * a terminal or a test recording.
 */
import { Scrubber } from './scrubber';

/** Severity, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Where finished (already scrubbed) lines go: stderr in the CLI, a file in Electron, an array in tests. */
export type LogSink = (line: string, level: LogLevel) => void;

/** A sink that drops everything (the core's default: a door chooses where logs go). */
export const nullSink: LogSink = () => undefined;

/** A sink writing one line per record to stderr. */
export const stderrSink: LogSink = (line) => {
  process.stderr.write(`${line}\n`);
};

/** True when `value` names a level. */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && Object.hasOwn(RANK, value);
}

/** How a logger is built. */
export interface LoggerOptions {
  sink?: LogSink;
  /** Lines below this level are dropped; default info. */
  level?: LogLevel;
  /** Shared with the SecretStore so every secret it hands out is masked here. */
  scrubber?: Scrubber;
  clock?: () => Date;
}

/** Extra structured context for a line; serialized as JSON after the message. */
export type LogFields = Record<string, unknown>;

function fieldsJson(fields: LogFields): string {
  try {
    return JSON.stringify(fields, (_key, value: unknown) => {
      if (value instanceof Error) return { name: value.name, message: value.message };
      if (typeof value === 'bigint') return value.toString();
      return value;
    });
  } catch {
    return '{"unserializable":true}';
  }
}

/** Longest line written; a line is scrubbed before it is cut, so a cut never exposes part of a secret. */
const MAX_LINE = 16_384;

/** Writes scrubbed lines of one scope (`core`, `profiles`, `cli`…). */
export class Logger {
  readonly scrubber: Scrubber;
  private readonly sink: LogSink;
  private readonly threshold: number;
  private readonly clock: () => Date;

  constructor(
    options: LoggerOptions = {},
    private readonly scope = 'core',
  ) {
    this.scrubber = options.scrubber ?? new Scrubber();
    this.sink = options.sink ?? nullSink;
    this.threshold = RANK[options.level ?? 'info'];
    this.clock = options.clock ?? (() => new Date());
  }

  /** A logger for a sub-scope sharing sink, level and scrubber. */
  child(scope: string): Logger {
    const level = (Object.keys(RANK) as LogLevel[]).find((l) => RANK[l] === this.threshold) ?? 'info';
    return new Logger({ sink: this.sink, level, scrubber: this.scrubber, clock: this.clock }, `${this.scope}.${scope}`);
  }

  /** Detail for debugging; off unless asked for. */
  debug(message: string, fields?: LogFields): void {
    this.write('debug', message, fields);
  }

  /** Something worth knowing happened. */
  info(message: string, fields?: LogFields): void {
    this.write('info', message, fields);
  }

  /** Something went wrong for one call; the core carries on. */
  warn(message: string, fields?: LogFields): void {
    this.write('warn', message, fields);
  }

  /** Something went wrong for the core itself. */
  error(message: string, fields?: LogFields): void {
    this.write('error', message, fields);
  }

  private write(level: LogLevel, message: string, fields: LogFields | undefined): void {
    if (RANK[level] < this.threshold) return;
    const raw = `${this.clock().toISOString()} ${level.toUpperCase()} ${this.scope} ${message}${fields ? ` ${fieldsJson(fields)}` : ''}`;
    const line = this.scrubber.scrub(raw).replace(/[\r\n]+/g, ' ⏎ ');
    try {
      this.sink(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line, level);
    } catch {
      // A broken sink must never break a call.
    }
  }
}

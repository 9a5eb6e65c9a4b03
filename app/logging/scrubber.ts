/**
 * Removes secrets from text before it is written anywhere: every secret registered with it
 * (verbatim, percent-encoded and JSON-escaped), and anything shaped like one whatever its
 * value (`password=…`, `"password": "…"`, a URL's `user:password@`).
 */

/** What replaces a secret. */
export const MASK = '***';

/**
 * Secrets shorter than this are not masked verbatim: masking every `a` would erase the log,
 * and a one- to three-character password protects nothing. Key/value and URL patterns
 * still mask them.
 */
export const MIN_VERBATIM_LENGTH = 4;

/** The most distinct forms remembered; the oldest are forgotten first. */
const MAX_FORMS = 2048;

const SECRET_KEYS = String.raw`(?:password|passwd|passphrase|pwd|secret|secret[_-]?key|api[_-]?key|access[_-]?token|token)`;

/** `password=x`, `PGPASSWORD: x`, `"db_password": "x"`, `sslpassword='x'`: the key kept, the value masked. */
const KEY_VALUE = new RegExp(
  String.raw`((?<![A-Za-z0-9_])["']?[A-Za-z0-9_.-]{0,40}?${SECRET_KEYS}[A-Za-z0-9_-]{0,20}["']?\s{0,4}[:=]\s{0,4})("(?:[^"\\\n]|\\.){0,4096}"|'(?:[^'\\\n]|\\.){0,4096}'|[^\s&;,"'}\])]{1,4096})`,
  'gi',
);

/** `scheme://user:password@`: the password masked. */
const URL_USERINFO = /([a-z][a-z0-9+.-]{0,30}:\/\/[^\s:@/?#]{0,256}:)([^\s@]{1,4096})@/gi;

function jsonEscaped(secret: string): string {
  return JSON.stringify(secret).slice(1, -1);
}

/** Holds the secrets of one core and masks them in any text. */
export class Scrubber {
  /** Insertion-ordered, so the oldest can be evicted. */
  private readonly forms = new Set<string>();
  /** Longest first, so a secret containing another is masked whole. Rebuilt lazily. */
  private sorted: string[] | null = null;

  /** Remembers a secret so every later text is scrubbed of it. Empty and undefined are ignored. */
  register(secret: string | null | undefined): void {
    if (!secret || secret.length < MIN_VERBATIM_LENGTH) return;
    let encoded: string;
    try {
      encoded = encodeURIComponent(secret);
    } catch {
      encoded = secret; // a lone surrogate cannot be percent-encoded; the raw form still counts
    }
    for (const form of new Set([secret, encoded, jsonEscaped(secret)])) {
      this.forms.delete(form);
      this.forms.add(form);
    }
    while (this.forms.size > MAX_FORMS) {
      const oldest = this.forms.values().next().value as string;
      this.forms.delete(oldest);
    }
    this.sorted = null;
  }

  /** How many distinct forms are remembered (for tests and diagnostics). */
  get size(): number {
    return this.forms.size;
  }

  /** The text with every registered secret and every secret-shaped value masked. */
  scrub(text: string): string {
    this.sorted ??= [...this.forms].sort((a, b) => b.length - a.length);
    let out = text;
    for (const form of this.sorted) {
      if (out.includes(form)) out = out.split(form).join(MASK);
    }
    return out.replace(URL_USERINFO, `$1${MASK}@`).replace(KEY_VALUE, `$1${MASK}`);
  }
}

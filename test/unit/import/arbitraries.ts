/** fast-check generators shared by the import tests: connections, passwords, Python renderings. */
import fc from 'fast-check';
import type { ConnectionConfig, SslConfig } from '../../../app/connections/connection-config';

/** No lone surrogates: a URL cannot carry one (export maps it to U+FFFD). */
export const wellFormed = (s: string) => !/[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''));

const text = (min: number, max: number) =>
  fc.oneof(fc.string({ minLength: min, maxLength: max }), fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }), fc.string({ minLength: min, maxLength: max, unit: 'binary' })).filter(wellFormed);

/** A password like real ones: at least 8 characters with a symbol no identifier, module path or SSL mode can contain. */
export const password = fc
  .tuple(text(6, 30), fc.constantFrom('!', '$', '%', '^', '*', '~', '&', '#', '@', ':', '/', '?', '"', "'", '\\', ' ', '+', '='), text(1, 10))
  .map(([a, symbol, b]) => `${a}${symbol}${b}`)
  .filter((p) => p.length >= 8 && p.trim() === p);

/** A file path as a URL parameter carries it (not `~/…`, which is expanded, and not the word `system`). */
const filePath = text(1, 60).filter((p) => !p.startsWith('~') && p !== 'system' && p.trim() !== '');

const ca = fc.oneof(fc.record({ kind: fc.constant('file' as const), path: filePath }), fc.constant({ kind: 'system' as const }));
const clientCert = fc.option(fc.record({ certPath: filePath, keyPath: filePath }), { nil: undefined });

/** Every SSL mode a URL can express (a pasted PEM CA cannot be). */
export const ssl: fc.Arbitrary<SslConfig> = fc.oneof(
  fc.constant({ mode: 'disable' as const }),
  fc.tuple(fc.constantFrom('prefer' as const, 'require' as const), clientCert).map(([mode, cert]) => (cert ? { mode, clientCert: cert } : { mode })),
  fc.tuple(fc.constantFrom('verify-ca' as const, 'verify-full' as const), ca, clientCert).map(([mode, caSource, cert]) => (cert ? { mode, ca: caSource, clientCert: cert } : { mode, ca: caSource })),
);

/** Host names and addresses a profile accepts. */
export const host = fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6(), fc.constantFrom('localhost', 'db_internal', 'DB.Example.COM'));

/** A connection a profile can hold, as parseConnectionUrl would return it (without the password). */
export const connection: fc.Arbitrary<ConnectionConfig> = fc
  .record({
    dialect: fc.constantFrom('postgres' as const, 'mysql' as const),
    host,
    hostaddr: fc.option(fc.oneof(fc.ipV4(), fc.ipV6()), { nil: undefined }),
    port: fc.integer({ min: 1, max: 65535 }),
    database: text(0, 40),
    user: text(1, 40),
    ssl,
    connectTimeoutMs: fc.oneof(fc.constant(10_000), fc.integer({ min: 1, max: 3_600_000 })),
  })
  // PostgreSQL's empty database means "the user's": equivalent, not identical, so not generated.
  .filter((c) => c.dialect === 'mysql' || c.database !== '')
  .map(({ hostaddr, ...c }) => (hostaddr === undefined ? c : { ...c, hostaddr }));

/** Mutations of a text: deletions, insertions of syntax-heavy fragments, truncations, duplications. */
export function mutated(base: string): fc.Arbitrary<string> {
  const fragment = fc.oneof(
    fc.constantFrom('{', '}', '[', ']', '(', ')', "'", '"', "'''", '"""', ':', ',', '#', '\\', '\n', ' ', '=', '**', 'r"', "b'", "f'", 'os.environ[', 'None', 'True', 'for', '%', '@', '/', '?', '&', '0x', '1e9', '-', '.', 'DATABASES', 'ENGINE', "'PORT': ", 'sslmode=', '://'),
    fc.string({ maxLength: 5, unit: 'binary' }),
  );
  const mutation = fc.oneof(
    fc.tuple(fc.constant('delete' as const), fc.nat(), fc.integer({ min: 1, max: 30 })),
    fc.tuple(fc.constant('insert' as const), fc.nat(), fragment),
    fc.tuple(fc.constant('truncate' as const), fc.nat()),
    fc.tuple(fc.constant('duplicate' as const), fc.nat(), fc.integer({ min: 1, max: 40 })),
  );
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ops) => {
    let out = base;
    for (const op of ops) {
      const at = op[1] % (out.length + 1);
      if (op[0] === 'delete') out = out.slice(0, at) + out.slice(at + op[2]);
      else if (op[0] === 'insert') out = out.slice(0, at) + op[2] + out.slice(at);
      else if (op[0] === 'truncate') out = out.slice(0, at);
      else out = out.slice(0, at) + out.slice(at, at + op[2]) + out.slice(at);
    }
    return out;
  });
}

/** A Python string literal for `value` in one of the quoting styles settings.py files use. */
export function pyString(value: string, style: number): string {
  const escape = (s: string, quote: string) =>
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
    s.replace(/[\\\n\r\t\0-\x1f\x7f]|['"]/g, (c) => {
      if (c === '\\') return '\\\\';
      if (c === quote) return `\\${quote}`;
      if (c === '"' || c === "'") return c;
      if (c === '\n') return '\\n';
      if (c === '\r') return '\\r';
      if (c === '\t') return '\\t';
      return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    });
  switch (style % 6) {
    case 0:
      return `'${escape(value, "'")}'`;
    case 1:
      return `"${escape(value, '"')}"`;
    case 2:
      // Triple quotes: escape every quote so none can close it early.
      return `'''${escape(value, "'").replace(/"/g, '\\"')}'''`;
    case 3:
      return `"""${escape(value, '"').replace(/'/g, "\\'")}"""`;
    case 4: {
      // Implicit concatenation of two halves, as long values are wrapped in settings.py.
      const cut = Math.floor(value.length / 2);
      const head = [...value].slice(0, cut).join('');
      const tail = [...value].slice(cut).join('');
      return `(${pyString(head, 0)}\n        ${pyString(tail, 1)})`;
    }
    default:
      // A raw string when it can hold the value verbatim.
      return /^[^'\\\n\r]*$/.test(value) ? `r'${value}'` : `'${escape(value, "'")}'`;
  }
}

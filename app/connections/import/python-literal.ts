/**
 * Reads the Python literals a settings.py writes a DATABASES dict with: strings (all quote
 * styles and prefixes, escapes, implicit concatenation), numbers, True/False/None, dicts,
 * lists, tuples, `dict(k=v)`, comments and trailing commas. Anything else (`os.environ[...]`,
 * `env('X', default=...)`, `BASE_DIR / 'db'`) becomes an `expr` value that names what it
 * calls and never runs it. Bounded in length and depth; errors say where, never what (the text
 * may hold a password).
 */

/** The largest text read (a whole settings.py fits easily). */
export const MAX_SOURCE_CHARS = 1_000_000;
/** The deepest nesting of brackets read as values. */
export const MAX_DEPTH = 32;
const MAX_TOKENS = 400_000;

/** A syntax problem, with its place in the text and no excerpt of it. */
export class PythonLiteralError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'PythonLiteralError';
  }
}

/** One token of the source. `offset` is the index of its first character. */
export type Token =
  | { kind: 'str'; value: string; bytes: boolean; formatted: boolean; offset: number }
  | { kind: 'num'; text: string; offset: number }
  | { kind: 'name'; text: string; offset: number }
  | { kind: 'op'; text: string; offset: number }
  | { kind: 'newline'; offset: number }
  | { kind: 'eof'; offset: number };

/** A literal Python value, or an expression Sluice does not evaluate. */
export type PyValue =
  | { kind: 'str'; value: string; offset: number }
  | { kind: 'int'; value: number; offset: number }
  | { kind: 'float'; value: number; offset: number }
  | { kind: 'bool'; value: boolean; offset: number }
  | { kind: 'none'; offset: number }
  | { kind: 'dict'; entries: Array<{ key: PyValue; value: PyValue }>; spreads: string[]; offset: number }
  | { kind: 'list'; items: PyValue[]; tuple: boolean; offset: number }
  | PyExpr;

/** An expression that is not a literal: what it looks like, and what can be read from it without running it. */
export interface PyExpr {
  kind: 'expr';
  /** Names only, no literal text: `os.environ[…]`, `env(…)`, `an expression`. */
  summary: string;
  /** The environment variable it reads, when that is plain (`os.getenv('DB_HOST')`). */
  envVar?: string;
  /** The literal default it falls back to (`os.getenv('DB_PORT', 5432)`, `env('X', default='y')`). */
  fallback?: PyValue;
  /** A database URL literal it parses (`dj_database_url.config(default='postgres://…')`). */
  url?: string;
  offset: number;
}

const TWO_CHAR_OPS = new Set(['**', '//', '==', '!=', '<=', '>=', '->', ':=', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=']);
const THREE_CHAR_OPS = new Set(['**=', '//=', '>>=', '<<=', '...']);
const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set([')', ']', '}']);
const STRING_PREFIXES = new Set(['', 'r', 'u', 'b', 'f', 'br', 'rb', 'fr', 'rf']);
const NAME_START = /[\p{L}\p{Nl}_]/u;
const NAME_REST = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;
const NUMBER = /(?:0[xXoObB][0-9a-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?)[jJ]?/y;
const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Line and column (1-based) of an offset, for messages. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** The tokens of a source, with each bracket's partner index (-1 when unmatched). */
export interface Tokens {
  tokens: Token[];
  partner: Int32Array;
}

function hexValue(text: string, at: number, length: number, source: string): number {
  const digits = source.slice(at, at + length);
  if (digits.length !== length || !/^[0-9a-fA-F]+$/.test(digits)) throw new PythonLiteralError(`A \\${text} escape needs ${length} hex digits.`, at - 2);
  return parseInt(digits, 16);
}

/** Reads one string literal whose opening quote is at `quoteAt`; returns its value and the offset after it. */
function readString(source: string, quoteAt: number, prefix: string, tokenStart: number): { value: string; end: number } {
  const quote = source[quoteAt] as string;
  const triple = source.startsWith(quote.repeat(3), quoteAt);
  const raw = prefix.includes('r');
  const bytes = prefix.includes('b');
  let i = quoteAt + (triple ? 3 : 1);
  let out = '';
  for (;;) {
    if (i >= source.length) throw new PythonLiteralError('A string is never closed.', tokenStart);
    const ch = source[i] as string;
    if (triple ? source.startsWith(quote.repeat(3), i) : ch === quote) return { value: out, end: i + (triple ? 3 : 1) };
    if (ch === '\n' && !triple) throw new PythonLiteralError('A string is never closed on its line.', tokenStart);
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const next = source[i + 1];
    if (next === undefined) throw new PythonLiteralError('A string is never closed.', tokenStart);
    if (raw) {
      // In raw strings a backslash only keeps the next quote from closing the string; both stay.
      out += ch + next;
      i += 2;
      continue;
    }
    if (next === '\n') {
      i += 2;
      continue;
    }
    if (next === '\r' && source[i + 2] === '\n') {
      i += 3;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    if (next >= '0' && next <= '7') {
      const m = /^[0-7]{1,3}/.exec(source.slice(i + 1, i + 4)) as RegExpExecArray;
      out += String.fromCharCode(parseInt(m[0], 8));
      i += 1 + m[0].length;
      continue;
    }
    if (next === 'x') {
      out += String.fromCharCode(hexValue('x', i + 2, 2, source));
      i += 4;
      continue;
    }
    if (!bytes && (next === 'u' || next === 'U')) {
      const length = next === 'u' ? 4 : 8;
      const code = hexValue(next, i + 2, length, source);
      if (code > 0x10ffff) throw new PythonLiteralError('A \\U escape is beyond Unicode.', i);
      out += String.fromCodePoint(code);
      i += 2 + length;
      continue;
    }
    // Unknown escapes (and \N{…}, whose names Sluice does not carry) keep their backslash, as Python does.
    out += ch + next;
    i += 2;
  }
}

/** Splits a Python source into tokens; newlines are tokens only outside brackets (logical line ends). */
export function tokenize(source: string): Tokens {
  if (source.length > MAX_SOURCE_CHARS) throw new PythonLiteralError(`The text is longer than ${MAX_SOURCE_CHARS} characters.`, 0);
  const tokens: Token[] = [];
  const pairs: Array<[number, number]> = [];
  const stack: Array<{ index: number; closer: string }> = [];
  const push = (token: Token) => {
    if (tokens.length >= MAX_TOKENS) throw new PythonLiteralError('The text has too many tokens.', token.offset);
    tokens.push(token);
  };
  let i = 0;
  const n = source.length;
  while (i < n) {
    const ch = source[i] as string;
    if (ch === '\n') {
      const last = tokens[tokens.length - 1];
      if (stack.length === 0 && last && last.kind !== 'newline') push({ kind: 'newline', offset: i });
      i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\ufeff') {
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    if (ch === '\\' && (source[i + 1] === '\n' || (source[i + 1] === '\r' && source[i + 2] === '\n'))) {
      i += source[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    // A string, possibly with a prefix such as r, b, f, rb.
    const prefixMatch = /^[A-Za-z]{0,2}(?=['"])/.exec(source.slice(i, i + 3));
    if (prefixMatch && STRING_PREFIXES.has(prefixMatch[0].toLowerCase())) {
      const prefix = prefixMatch[0].toLowerCase();
      const { value, end } = readString(source, i + prefixMatch[0].length, prefix, i);
      push({ kind: 'str', value, bytes: prefix.includes('b'), formatted: prefix.includes('f'), offset: i });
      i = end;
      continue;
    }
    if ((ch >= '0' && ch <= '9') || (ch === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(source) as RegExpExecArray;
      push({ kind: 'num', text: m[0], offset: i });
      i += m[0].length;
      continue;
    }
    const cp = source.codePointAt(i) as number;
    const char = String.fromCodePoint(cp);
    if (NAME_START.test(char)) {
      let j = i + char.length;
      while (j < n) {
        const next = String.fromCodePoint(source.codePointAt(j) as number);
        if (!NAME_REST.test(next)) break;
        j += next.length;
      }
      push({ kind: 'name', text: source.slice(i, j), offset: i });
      i = j;
      continue;
    }
    const op = THREE_CHAR_OPS.has(source.slice(i, i + 3)) ? source.slice(i, i + 3) : TWO_CHAR_OPS.has(source.slice(i, i + 2)) ? source.slice(i, i + 2) : char;
    const index = tokens.length;
    push({ kind: 'op', text: op, offset: i });
    const closer = OPENERS[op];
    if (closer) {
      stack.push({ index, closer });
    } else if (CLOSERS.has(op) && stack.length > 0 && stack[stack.length - 1]?.closer === op) {
      pairs.push([(stack.pop() as { index: number }).index, index]);
    }
    i += op.length;
  }
  push({ kind: 'eof', offset: n });
  const partner = new Int32Array(tokens.length).fill(-1);
  for (const [open, close] of pairs) {
    partner[open] = close;
    partner[close] = open;
  }
  return { tokens, partner };
}

/** Keyword-ish names that make a bracket a comprehension rather than a literal. */
const COMPREHENSION = 'for';
/** Tokens that end a value inside a container or a statement. */
const VALUE_END = new Set([',', ':', ')', ']', '}', '=', ';']);
/** Calls that read an environment variable, with where their default sits. */
const ENV_CALL = /(?:^|\.)(?:getenv|get|env|config|str|int|bool|float|get_value)$|^env$/;
const URL_CALL = /(?:^|\.)(?:dj_database_url\.(?:parse|config)|db|db_url)$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const isLiteral = (v: PyValue | undefined): v is Exclude<PyValue, PyExpr | { kind: 'dict' } | { kind: 'list' }> =>
  v !== undefined && (v.kind === 'str' || v.kind === 'int' || v.kind === 'float' || v.kind === 'bool' || v.kind === 'none');

/** Turns tokens into values, starting wherever the caller points. */
export class PythonParser {
  private i = 0;
  private readonly tokens: Token[];
  private readonly partner: Int32Array;

  constructor(source: Tokens) {
    this.tokens = source.tokens;
    this.partner = source.partner;
  }

  /** The token at the cursor (plus `ahead`); eof past the end. */
  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)] as Token;
  }

  /** Where the cursor is. */
  get index(): number {
    return this.i;
  }

  /** Moves the cursor. */
  seek(index: number): void {
    this.i = Math.max(0, Math.min(index, this.tokens.length - 1));
  }

  /** Every token (for statement scanning). */
  get all(): readonly Token[] {
    return this.tokens;
  }

  /** The matching bracket of the bracket at `index`, or -1. */
  partnerOf(index: number): number {
    return this.partner[index] ?? -1;
  }

  /** Reads one value at the cursor and leaves the cursor after it. */
  parseValue(depth = 0): PyValue {
    if (depth > MAX_DEPTH) throw new PythonLiteralError(`The value is nested more than ${MAX_DEPTH} levels deep.`, this.peek().offset);
    const start = this.peek();
    const value = this.parsePrimary(depth);
    if (this.atValueEnd()) return value;
    // Something continues the expression (`+ x`, `.format()`, `or 'default'`): not a literal.
    this.skipExpression();
    return { kind: 'expr', summary: value.kind === 'expr' ? value.summary : 'an expression', offset: start.offset };
  }

  private atValueEnd(): boolean {
    const t = this.peek();
    return t.kind === 'eof' || t.kind === 'newline' || (t.kind === 'op' && VALUE_END.has(t.text));
  }

  private isOp(text: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'op' && t.text === text;
  }

  private expectOp(text: string, what: string): void {
    if (!this.isOp(text)) throw new PythonLiteralError(`Expected ${what}.`, this.peek().offset);
    this.i++;
  }

  /** Jumps from an opening bracket past its partner. */
  private skipBracket(): void {
    const close = this.partnerOf(this.i);
    if (close < 0) throw new PythonLiteralError(`A "${(this.peek() as { text: string }).text}" is never closed.`, this.peek().offset);
    this.i = close + 1;
  }

  private skipExpression(): void {
    while (!this.atValueEnd()) {
      const t = this.peek();
      if (t.kind === 'op' && OPENERS[t.text]) this.skipBracket();
      else if (t.kind === 'op' && CLOSERS.has(t.text)) throw new PythonLiteralError(`An unmatched "${t.text}".`, t.offset);
      else this.i++;
    }
  }

  /** True when the bracket at the cursor holds a comprehension (`for` at its own level). */
  private isComprehension(): boolean {
    const close = this.partnerOf(this.i);
    for (let j = this.i + 1; j < close; j++) {
      const t = this.tokens[j] as Token;
      if (t.kind === 'name' && t.text === COMPREHENSION) return true;
      if (t.kind === 'op' && OPENERS[t.text]) j = Math.max(j, this.partnerOf(j));
    }
    return false;
  }

  private parsePrimary(depth: number): PyValue {
    const t = this.peek();
    switch (t.kind) {
      case 'str':
        return this.parseStrings();
      case 'num':
        this.i++;
        return this.number(t.text, t.offset, 1);
      case 'name':
        if (t.text === 'True' || t.text === 'False') {
          this.i++;
          return { kind: 'bool', value: t.text === 'True', offset: t.offset };
        }
        if (t.text === 'None') {
          this.i++;
          return { kind: 'none', offset: t.offset };
        }
        return this.parseNameExpression(depth);
      case 'op': {
        if ((t.text === '-' || t.text === '+') && this.peek(1).kind === 'num') {
          const num = this.peek(1) as { text: string };
          this.i += 2;
          return this.number(num.text, t.offset, t.text === '-' ? -1 : 1);
        }
        if (t.text === '{') return this.parseDict(depth);
        if (t.text === '[') return this.parseSequence(depth, ']', false);
        if (t.text === '(') return this.parseParen(depth);
        throw new PythonLiteralError('Expected a value.', t.offset);
      }
      case 'newline':
      case 'eof':
        throw new PythonLiteralError('Expected a value, but the text ends.', t.offset);
    }
  }

  private number(text: string, offset: number, sign: number): PyValue {
    const clean = text.replace(/_/g, '');
    if (/[jJ]$/.test(clean)) return { kind: 'expr', summary: 'a complex number', offset };
    if (/^0[xXoObB]/.test(clean)) {
      const kind = clean[1]?.toLowerCase();
      const radix = kind === 'x' ? 16 : kind === 'o' ? 8 : 2;
      const digits = clean.slice(2);
      const valid = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[01]+$/;
      if (!valid.test(digits)) throw new PythonLiteralError('A number is not valid.', offset);
      return { kind: 'int', value: sign * parseInt(digits, radix), offset };
    }
    if (/^\d+$/.test(clean)) {
      if (clean.length > 1 && clean.startsWith('0') && !/^0+$/.test(clean)) throw new PythonLiteralError('A number has a leading zero.', offset);
      return { kind: 'int', value: sign * Number(clean), offset };
    }
    const value = Number(clean);
    if (!Number.isFinite(value) || /__|_$|^_/.test(text)) throw new PythonLiteralError('A number is not valid.', offset);
    return { kind: 'float', value: sign * value, offset };
  }

  /** Adjacent string literals concatenate, as in Python. */
  private parseStrings(): PyValue {
    const first = this.peek() as Extract<Token, { kind: 'str' }>;
    let value = '';
    let bytes: boolean | null = null;
    let formatted = false;
    while (this.peek().kind === 'str') {
      const t = this.peek() as Extract<Token, { kind: 'str' }>;
      if (bytes !== null && bytes !== t.bytes) throw new PythonLiteralError('Bytes and text strings cannot be joined.', t.offset);
      bytes = t.bytes;
      if (t.formatted) {
        const unbraced = t.value.replace(/\{\{|\}\}/g, '');
        if (/[{}]/.test(unbraced)) formatted = true;
        value += t.value.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      } else {
        value += t.value;
      }
      this.i++;
    }
    if (formatted) return { kind: 'expr', summary: 'an f-string', offset: first.offset };
    if (bytes) return { kind: 'expr', summary: 'a bytes literal', offset: first.offset };
    return { kind: 'str', value, offset: first.offset };
  }

  private parseDict(depth: number): PyValue {
    const open = this.peek();
    if (this.partnerOf(this.i) < 0) throw new PythonLiteralError('A "{" is never closed.', open.offset);
    if (this.isComprehension()) {
      this.skipBracket();
      return { kind: 'expr', summary: 'a dict comprehension', offset: open.offset };
    }
    this.i++;
    const entries: Array<{ key: PyValue; value: PyValue }> = [];
    const spreads: string[] = [];
    let isSet = false;
    while (!this.isOp('}')) {
      if (this.isOp('**')) {
        this.i++;
        const spread = this.parseValue(depth + 1);
        spreads.push(spread.kind === 'expr' ? spread.summary : 'a literal');
      } else {
        const key = this.parseValue(depth + 1);
        if (this.isOp(':')) {
          this.i++;
          entries.push({ key, value: this.parseValue(depth + 1) });
        } else if (this.isOp(',') || this.isOp('}')) {
          isSet = true;
        } else {
          throw new PythonLiteralError('Expected ":" after a dictionary key.', this.peek().offset);
        }
      }
      if (this.isOp(',')) this.i++;
      else if (!this.isOp('}')) throw new PythonLiteralError('Expected "," or "}" in a dictionary.', this.peek().offset);
    }
    this.i++;
    if (isSet) return { kind: 'expr', summary: 'a set', offset: open.offset };
    return { kind: 'dict', entries, spreads, offset: open.offset };
  }

  private parseSequence(depth: number, closer: string, tuple: boolean): PyValue {
    const open = this.peek();
    if (this.partnerOf(this.i) < 0) throw new PythonLiteralError(`A "${(open as { text: string }).text}" is never closed.`, open.offset);
    if (this.isComprehension()) {
      this.skipBracket();
      return { kind: 'expr', summary: 'a comprehension', offset: open.offset };
    }
    this.i++;
    const items: PyValue[] = [];
    while (!this.isOp(closer)) {
      items.push(this.parseValue(depth + 1));
      if (this.isOp(',')) this.i++;
      else if (!this.isOp(closer)) throw new PythonLiteralError(`Expected "," or "${closer}".`, this.peek().offset);
    }
    this.i++;
    return { kind: 'list', items, tuple, offset: open.offset };
  }

  /** `(x)` is x; `(x,)`, `(x, y)` and `()` are tuples. */
  private parseParen(depth: number): PyValue {
    const open = this.peek();
    const close = this.partnerOf(this.i);
    if (close < 0) throw new PythonLiteralError('A "(" is never closed.', open.offset);
    if (this.isComprehension()) {
      this.skipBracket();
      return { kind: 'expr', summary: 'a generator', offset: open.offset };
    }
    if (this.partnerOf(this.i) === this.i + 1) {
      this.i += 2;
      return { kind: 'list', items: [], tuple: true, offset: open.offset };
    }
    this.i++;
    const first = this.parseValue(depth + 1);
    if (this.isOp(')')) {
      this.i++;
      return first;
    }
    const items = [first];
    while (!this.isOp(')')) {
      this.expectOp(',', '"," or ")"');
      if (this.isOp(')')) break;
      items.push(this.parseValue(depth + 1));
    }
    this.i++;
    return { kind: 'list', items, tuple: true, offset: open.offset };
  }

  /** `a.b.c`, then calls and subscripts; literal-like calls (`dict(k=v)`) become values. */
  private parseNameExpression(depth: number): PyValue {
    const start = this.peek();
    const parts = [(start as { text: string }).text];
    this.i++;
    while (this.isOp('.') && this.peek(1).kind === 'name') {
      parts.push((this.peek(1) as { text: string }).text);
      this.i += 2;
    }
    const callee = parts.join('.');
    let summary = callee.length > 60 ? `${callee.slice(0, 57)}…` : callee;
    let trailers = 0;
    let analysed: Omit<PyExpr, 'kind' | 'summary' | 'offset'> = {};
    let literal: PyValue | null = null;
    while (this.isOp('(') || this.isOp('[') || (this.isOp('.') && this.peek(1).kind === 'name')) {
      trailers++;
      if (this.isOp('.')) {
        this.i += 2;
        summary += '.…';
        continue;
      }
      if (this.isOp('[')) {
        const close = this.partnerOf(this.i);
        if (close < 0) throw new PythonLiteralError('A "[" is never closed.', this.peek().offset);
        const key = this.peek(1);
        if (trailers === 1 && close === this.i + 2 && key.kind === 'str' && ENV_NAME.test(key.value) && /(?:^|\.)environ$/.test(callee)) {
          analysed = { envVar: key.value };
        }
        this.i = close + 1;
        summary += '[…]';
        continue;
      }
      const call = this.parseCallArguments(depth);
      summary += '(…)';
      if (trailers === 1 && call) {
        if (callee === 'dict' && call.args.length === 0) {
          literal = {
            kind: 'dict',
            entries: Object.entries(call.kwargs).map(([k, v]) => ({ key: { kind: 'str', value: k, offset: start.offset }, value: v })),
            spreads: call.spreads,
            offset: start.offset,
          };
        } else {
          analysed = analyseCall(callee, call);
        }
      } else {
        literal = null;
        analysed = {};
      }
    }
    if (literal && trailers === 1) return literal;
    return { kind: 'expr', summary, ...(trailers === 1 ? analysed : {}), offset: start.offset };
  }

  /** Reads `(a, b, key=c)`; returns null (and skips the call) when it holds more than plain arguments. */
  private parseCallArguments(depth: number): { args: PyValue[]; kwargs: Record<string, PyValue>; spreads: string[] } | null {
    const open = this.i;
    const close = this.partnerOf(open);
    if (close < 0) throw new PythonLiteralError('A "(" is never closed.', this.peek().offset);
    if (this.isComprehension()) {
      this.i = close + 1;
      return null;
    }
    this.i++;
    const args: PyValue[] = [];
    const kwargs: Record<string, PyValue> = {};
    const spreads: string[] = [];
    try {
      while (!this.isOp(')')) {
        if (this.peek().kind === 'name' && this.isOp('=', 1)) {
          const name = (this.peek() as { text: string }).text;
          this.i += 2;
          kwargs[name] = this.parseValue(depth + 1);
        } else if (this.isOp('*') || this.isOp('**')) {
          this.i++;
          const spread = this.parseValue(depth + 1);
          spreads.push(spread.kind === 'expr' ? spread.summary : 'a literal');
        } else {
          args.push(this.parseValue(depth + 1));
        }
        if (this.isOp(',')) this.i++;
        else if (!this.isOp(')')) throw new PythonLiteralError('Expected "," or ")".', this.peek().offset);
      }
    } catch (err) {
      if (!(err instanceof PythonLiteralError)) throw err;
      this.i = close + 1;
      return null;
    }
    this.i = close + 1;
    return { args, kwargs, spreads };
  }
}

/** What can be read from a call without running it: the variable it reads, its default, a URL literal. */
function analyseCall(callee: string, call: { args: PyValue[]; kwargs: Record<string, PyValue> }): Omit<PyExpr, 'kind' | 'summary' | 'offset'> {
  const out: Omit<PyExpr, 'kind' | 'summary' | 'offset'> = {};
  const [first, second] = call.args;
  // int(os.getenv('PORT', 5432)) reads what its argument reads.
  if ((callee === 'int' || callee === 'str' || callee === 'float') && call.args.length === 1 && first?.kind === 'expr') {
    const { envVar, fallback, url } = first;
    return { ...(envVar ? { envVar } : {}), ...(fallback ? { fallback } : {}), ...(url ? { url } : {}) };
  }
  if (URL_CALL.test(callee)) {
    const url = callee.endsWith('.parse') ? first : (call.kwargs.default ?? (callee.endsWith('.config') ? undefined : second));
    if (url?.kind === 'str') out.url = url.value;
    const envName = callee.endsWith('.config') ? call.kwargs.env : callee.endsWith('.parse') ? undefined : first;
    if (envName?.kind === 'str' && ENV_NAME.test(envName.value)) out.envVar = envName.value;
    if (callee.endsWith('.config') && !out.envVar) out.envVar = 'DATABASE_URL';
    return out;
  }
  if (ENV_CALL.test(callee)) {
    if (first?.kind === 'str' && ENV_NAME.test(first.value)) out.envVar = first.value;
    const fallback = call.kwargs.default ?? (/(?:^|\.)(?:getenv|get)$/.test(callee) ? second : undefined);
    if (isLiteral(fallback)) out.fallback = fallback;
  }
  return out;
}

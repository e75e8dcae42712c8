// Kconfig expressions: tokens, the parser (kconfig's own precedence: `||` below
// `&&` below `!`, comparisons between two symbols), and the text of an expression.
// Macros `$(...)` are kept whole and never expanded here: most run the compiler.

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A word: a symbol, or a constant when no symbol has that name (y, m, n, 64, 0x1000). */
export interface SymbolRef {
  kind: 'symbol';
  name: string;
}
/** A quoted constant. */
export interface StringConst {
  kind: 'string';
  value: string;
}
/** `$(...)` as written: only kconfig's preprocessor (with a shell) knows its value. */
export interface Macro {
  kind: 'macro';
  text: string;
}
export type Operand = SymbolRef | StringConst | Macro;

export type Expr =
  | Operand
  | { kind: 'not'; operand: Expr }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'compare'; op: CompareOp; left: Operand; right: Operand };

export class KconfigSyntaxError extends Error {}

export interface Token {
  /** '(' ')' '!' '&&' '||' a CompareOp, 'word', 'string' or 'macro'. */
  type: string;
  text: string;
  start: number;
  end: number;
}

const WORD = /[A-Za-z0-9_-]/;
const OPERATORS = ['&&', '||', '!=', '<=', '>=', '=', '<', '>', '!', '(', ')'];

/** End (exclusive) of the `$(...)` starting at `start`, nested parentheses and all. */
function macroEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  throw new KconfigSyntaxError(`unterminated macro in '${text.slice(start)}'`);
}

/** The tokens of a Kconfig line's remainder (comments already removed). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j];
      }
      if (j >= text.length) throw new KconfigSyntaxError(`unterminated string in '${text.slice(i)}'`);
      tokens.push({ type: 'string', text: value, start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (WORD.test(c) || (c === '$' && text[i + 1] === '(')) {
      // A word may contain macros (FOO_$(ARCH)); any macro makes it one the preprocessor owns.
      let j = i;
      let macro = false;
      while (j < text.length) {
        if (WORD.test(text[j]!)) j++;
        else if (text[j] === '$' && text[j + 1] === '(') {
          j = macroEnd(text, j);
          macro = true;
        } else break;
      }
      tokens.push({ type: macro ? 'macro' : 'word', text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) throw new KconfigSyntaxError(`unexpected '${c}' in '${text}'`);
    tokens.push({ type: op, text: op, start: i, end: i + op.length });
    i += op.length;
  }
  return tokens;
}

/** Parses tokens[from, to) as one expression. */
export function parseTokens(tokens: Token[], from = 0, to = tokens.length): Expr {
  let pos = from;
  const peek = (): Token | undefined => (pos < to ? tokens[pos] : undefined);
  const where = (): string => (peek() ? `'${peek()!.text}'` : 'the end');

  const operand = (): Operand => {
    const t = peek();
    if (!t) throw new KconfigSyntaxError('expression ends where a symbol was expected');
    pos++;
    if (t.type === 'word') return { kind: 'symbol', name: t.text };
    if (t.type === 'string') return { kind: 'string', value: t.text };
    if (t.type === 'macro') return { kind: 'macro', text: t.text };
    throw new KconfigSyntaxError(`a symbol was expected, not '${t.text}'`);
  };
  const primary = (): Expr => {
    const t = peek();
    if (t?.type === '(') {
      pos++;
      const e = or();
      if (peek()?.type !== ')') throw new KconfigSyntaxError(`')' expected at ${where()}`);
      pos++;
      return e;
    }
    if (t?.type === '!') {
      pos++;
      return { kind: 'not', operand: primary() };
    }
    const left = operand();
    const op = peek()?.type;
    if (op === '=' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') {
      pos++;
      return { kind: 'compare', op, left, right: operand() };
    }
    return left;
  };
  const and = (): Expr => {
    let e = primary();
    while (peek()?.type === '&&') {
      pos++;
      e = { kind: 'and', left: e, right: primary() };
    }
    return e;
  };
  const or = (): Expr => {
    let e = and();
    while (peek()?.type === '||') {
      pos++;
      e = { kind: 'or', left: e, right: and() };
    }
    return e;
  };
  const e = or();
  if (pos !== to) throw new KconfigSyntaxError(`unexpected ${where()} after an expression`);
  return e;
}

export function parseExpr(text: string): Expr {
  return parseTokens(tokenize(text));
}

const PRECEDENCE = { or: 1, and: 2 } as const;

/** The expression as Kconfig would spell it, with only the parentheses it needs. */
export function exprText(e: Expr, parent = 0): string {
  switch (e.kind) {
    case 'symbol':
      return e.name;
    case 'string':
      return JSON.stringify(e.value);
    case 'macro':
      return e.text;
    case 'not':
      return `!${exprText(e.operand, 3)}`;
    case 'compare': {
      const text = `${exprText(e.left)} ${e.op} ${exprText(e.right)}`;
      return parent > 2 ? `(${text})` : text;
    }
    case 'and':
    case 'or': {
      const p = PRECEDENCE[e.kind];
      const text = `${exprText(e.left, p)} ${e.kind === 'and' ? '&&' : '||'} ${exprText(e.right, p)}`;
      return parent > p ? `(${text})` : text;
    }
  }
}

/** Every word an expression names (symbols and unquoted constants alike). */
export function wordsOf(e: Expr, out: Set<string> = new Set()): Set<string> {
  switch (e.kind) {
    case 'symbol':
      out.add(e.name);
      break;
    case 'not':
      wordsOf(e.operand, out);
      break;
    case 'and':
    case 'or':
      wordsOf(e.left, out);
      wordsOf(e.right, out);
      break;
    case 'compare':
      wordsOf(e.left, out);
      wordsOf(e.right, out);
      break;
    default:
  }
  return out;
}

// Kconfig expressions: kconfig's precedence, comparisons, macros kept whole.
import { describe, expect, it } from 'vitest';
import { exprText, KconfigSyntaxError, parseExpr, tokenize } from '../../src/kconfig/expr.ts';

describe('Kconfig expressions', () => {
  it.each([
    ['A || B && C', 'A || B && C', 'or'],
    ['(A || B) && C', '(A || B) && C', 'and'],
    ['!A && B', '!A && B', 'and'],
    ['!(A && B)', '!(A && B)', 'not'],
    ['!A = B', '!(A = B)', 'not'],
    ['X86_64 = y || NR_CPUS >= 0x10', 'X86_64 = y || NR_CPUS >= 0x10', 'or'],
    ['FOO != "bar baz"', 'FOO != "bar baz"', 'compare'],
    ['A&&B||C', 'A && B || C', 'or'],
  ])('parses %s', (text, printed, kind) => {
    const e = parseExpr(text);
    expect(e.kind).toBe(kind);
    expect(exprText(e)).toBe(printed);
  });

  it('keeps a macro whole, nested parentheses and commas included', () => {
    const e = parseExpr('$(cc-option,-mfoo=$(bar)) && 64BIT');
    expect(e).toMatchObject({ kind: 'and', left: { kind: 'macro', text: '$(cc-option,-mfoo=$(bar))' }, right: { kind: 'symbol', name: '64BIT' } });
  });

  it('reads single and double quotes with escapes', () => {
    expect(tokenize(`'it''s' "a \\"b\\""`).map((t) => t.text)).toEqual(['it', 's', 'a "b"']);
  });

  it.each(['A &&', '(A || B', 'A B', '&& A', '"open'])('refuses %s', (text) => {
    expect(() => parseExpr(text)).toThrow(KconfigSyntaxError);
  });
});

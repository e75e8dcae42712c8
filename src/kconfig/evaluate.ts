// Evaluates Kconfig expressions against a .config as kconfig does (tristate
// logic, `m` meaning `m && MODULES`, comparisons by the symbols' types), and the
// visibility of each entry's prompt. A macro cannot be evaluated without the shell
// kconfig runs, so its value, and any result that hangs on it, is `undefined`.
import type { Expr, Operand } from './expr.ts';
import { enclosingBlocks, type Block, type Condition, type Definition, type Kconfig, type KconfigSymbol, type SymbolType } from './model.ts';

/** n, m, y as kconfig orders them. */
export type Tri = 0 | 1 | 2;
export const TRI_TEXT = ['n', 'm', 'y'] as const;

export function triOf(value: string): Tri {
  return value === 'y' ? 2 : value === 'm' ? 1 : 0;
}

/** A `select` of the symbol: by whom, how strongly, and the conditions it is under. */
export interface Selector {
  by: string;
  value: Tri | undefined;
  at: Condition['at'];
  /** The selecting entry's dependencies and the select's own `if`. */
  gates: Gate[];
}

/** Where a prompt's visibility (or a select) is decided, outermost first. */
export interface Gate {
  kind: 'if' | 'menu' | 'choice' | 'visible-if' | 'depends' | 'prompt-if' | 'select-if';
  cond: Condition;
  block?: Block;
}

const min = (a: Tri | undefined, b: Tri | undefined): Tri | undefined =>
  a === 0 || b === 0 ? 0 : a === undefined || b === undefined ? undefined : (Math.min(a, b) as Tri);
const max = (a: Tri | undefined, b: Tri | undefined): Tri | undefined =>
  a === 2 || b === 2 ? 2 : a === undefined || b === undefined ? undefined : (Math.max(a, b) as Tri);

/** Gates every value of the entry depends on (its dir_dep): enclosing blocks, then its own `depends on`. */
export function dependencyGates(def: Definition): Gate[] {
  const gates: Gate[] = [];
  for (const block of enclosingBlocks(def.block)) {
    for (const cond of block.dependsOn) gates.push({ kind: block.kind, cond, block });
  }
  for (const cond of def.dependsOn) gates.push({ kind: 'depends', cond });
  return gates;
}

/** Gates the entry's prompt must pass to be shown: its dependencies, the menus' `visible if`, the prompt's own `if`. */
export function promptGates(def: Definition): Gate[] {
  const gates: Gate[] = [];
  for (const block of enclosingBlocks(def.block)) {
    for (const cond of block.dependsOn) gates.push({ kind: block.kind, cond, block });
    for (const cond of block.visibleIf) gates.push({ kind: 'visible-if', cond, block });
  }
  for (const cond of def.dependsOn) gates.push({ kind: 'depends', cond });
  if (def.prompt?.cond) gates.push({ kind: 'prompt-if', cond: def.prompt.cond });
  return gates;
}

type NumberKind = { kind: 'number'; value: bigint } | { kind: 'string' };

export class Evaluator {
  /**
   * @param values the .config's options by name (CONFIG_FOO), raw as written
   *   ("n" for `# CONFIG_FOO is not set`; strings still quoted).
   */
  constructor(
    readonly kconfig: Kconfig,
    private readonly values: ReadonlyMap<string, string>,
  ) {}

  symbol(name: string): KconfigSymbol | undefined {
    const s = this.kconfig.symbols.get(name);
    return s && s.definitions.length > 0 ? s : undefined;
  }

  /** A defined symbol's value as the .config has it; kconfig leaves out n and what is invisible without a default. */
  value(name: string): string {
    const raw = this.values.get(`CONFIG_${name}`);
    const type = this.symbol(name)?.type;
    if (raw === undefined) return type === 'int' ? '0' : type === 'hex' ? '0x0' : type === 'string' ? '' : 'n';
    if (type === 'string' && raw.startsWith('"')) {
      try {
        return JSON.parse(raw) as string;
      } catch {
        return raw.slice(1, -1);
      }
    }
    return raw;
  }

  /** Whether the .config has a line for the symbol at all. */
  written(name: string): boolean {
    return this.values.has(`CONFIG_${name}`);
  }

  private get modulesOn(): Tri {
    return this.kconfig.modules ? triOf(this.value(this.kconfig.modules)) : 0;
  }

  /** A word's tristate: y, m (only with MODULES on) and n are constants; undefined words are n, as in kconfig. */
  private wordTri(name: string): Tri {
    if (name === 'y') return 2;
    if (name === 'n') return 0;
    if (name === 'm') return this.modulesOn === 0 ? 0 : 1;
    const s = this.symbol(name);
    if (!s || (s.type !== 'bool' && s.type !== 'tristate')) return 0;
    return triOf(this.value(name));
  }

  tri(e: Expr): Tri | undefined {
    switch (e.kind) {
      case 'symbol':
        return this.wordTri(e.name);
      case 'string':
        return 0;
      case 'macro':
        return undefined;
      case 'not': {
        const v = this.tri(e.operand);
        return v === undefined ? undefined : ((2 - v) as Tri);
      }
      case 'and':
        return min(this.tri(e.left), this.tri(e.right));
      case 'or':
        return max(this.tri(e.left), this.tri(e.right));
      case 'compare':
        return this.compare(e.op, e.left, e.right);
    }
  }

  /** An operand's string value and the type kconfig parses it by. */
  private operand(o: Operand): { text: string; type?: SymbolType } | undefined {
    if (o.kind === 'macro') return undefined;
    if (o.kind === 'string') return { text: o.value };
    if (o.name === 'y' || o.name === 'm' || o.name === 'n') return { text: o.name, type: 'tristate' };
    const s = this.symbol(o.name);
    return s ? { text: this.value(o.name), type: s.type } : { text: o.name };
  }

  private compare(op: string, l: Operand, r: Operand): Tri | undefined {
    const a = this.operand(l);
    const b = this.operand(r);
    if (!a || !b) return undefined;
    const parse = (v: { text: string; type?: SymbolType }): NumberKind => {
      const t = v.text;
      if (v.type === 'bool' || v.type === 'tristate') {
        const n = ['n', 'm', 'y'].indexOf(t);
        return { kind: 'number', value: BigInt(n) };
      }
      const re = v.type === 'int' ? /^[+-]?\d+$/ : v.type === 'hex' ? /^(0x)?[0-9a-f]+$/i : /^([+-]?\d+|0x[0-9a-f]+|0[0-7]*)$/i;
      if (!re.test(t)) return { kind: 'string' };
      if (v.type === 'hex' && !/^0x/i.test(t)) return { kind: 'number', value: BigInt(`0x${t}`) };
      return { kind: 'number', value: /^0[0-7]+$/.test(t) ? BigInt(`0o${t.slice(1)}`) : BigInt(t) };
    };
    let res: number;
    const both = a.type === 'string' && b.type === 'string';
    const pa = both ? { kind: 'string' as const } : parse(a);
    const pb = both ? { kind: 'string' as const } : parse(b);
    if (pa.kind === 'string' || pb.kind === 'string') res = a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
    else res = pa.value < pb.value ? -1 : pa.value > pb.value ? 1 : 0;
    const truth: Record<string, boolean> = { '=': res === 0, '!=': res !== 0, '<': res < 0, '<=': res <= 0, '>': res > 0, '>=': res >= 0 };
    return truth[op] ? 2 : 0;
  }

  /** The conjunction of gates, undefined when one cannot be evaluated and none is n. */
  all(gates: Gate[]): Tri | undefined {
    let v: Tri | undefined = 2;
    for (const g of gates) v = min(v, this.tri(g.cond.expr));
    return v;
  }

  /** How visible a symbol's prompts are (the highest value a user can give it). */
  visibility(name: string): Tri | undefined {
    const s = this.symbol(name);
    if (!s) return 0;
    let v: Tri | undefined = 0;
    for (const def of s.definitions) if (def.prompt) v = max(v, this.all(promptGates(def)));
    // A bool, or a tristate without modules, shown as m is shown as y.
    if (v === 1 && (s.type !== 'tristate' || this.modulesOn === 0)) v = 2;
    return v;
  }

  /** What `select`s force on the symbol: the highest of SELECTOR && COND (its dependencies included). */
  selected(name: string): { value: Tri | undefined; by: Selector[] } {
    const s = this.symbol(name) ?? this.kconfig.symbols.get(name);
    let value: Tri | undefined = 0;
    const by: Selector[] = [];
    for (const r of s?.selectedBy ?? []) {
      // kconfig ANDs the selecting entry's own dependencies in: a selector forced on against them selects nothing.
      const gates: Gate[] = [...dependencyGates(r.definition), ...(r.cond ? [{ kind: 'select-if' as const, cond: r.cond }] : [])];
      const v = min(this.wordTri(r.by), this.all(gates));
      by.push({ by: r.by, value: v, at: r.at, gates });
      value = max(value, v);
    }
    return { value, by };
  }
}

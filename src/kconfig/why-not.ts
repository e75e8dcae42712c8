// Why an option did not get the value asked for: the first condition that held
// it back (an enclosing `if`/`menu`/`choice`, its own `depends on`, a prompt's
// `if`), a `select` that forced it, a choice that took another member, a default
// that applied because no one could set it, and for each symbol in that condition
// how it got its value: asked for at file:line, or itself lost (then the chain
// goes on to the real cause). What needs the shell to evaluate is said, not guessed.
import type { Location } from '../errors.ts';
import { exprText, type Expr, type Operand } from './expr.ts';
import { dependencyGates, Evaluator, promptGates, TRI_TEXT, triOf, type Gate, type Tri } from './evaluate.ts';
import { where, type Default, type KconfigLine, type KconfigSymbol } from './model.ts';
import { placeText, sameValue, type RequestedValues } from './values.ts';

/** How a symbol came to the value it has. */
export type Origin =
  | { kind: 'asked'; from?: Location }
  | { kind: 'lost'; from?: Location; asked: string; why: Explanation }
  | { kind: 'selected'; by: string; at: KconfigLine }
  | { kind: 'default'; at?: KconfigLine }
  | { kind: 'not-asked'; why?: Explanation }
  | { kind: 'missing' };

/** A symbol whose value makes a condition come out as it did. */
export interface Responsible {
  /** CONFIG_FOO */
  option: string;
  value: string;
  origin: Origin;
}

export type CauseKind = 'missing' | Gate['kind'] | 'no-prompt' | 'selected' | 'chosen' | 'default' | 'bool' | 'no-modules' | 'range' | 'unknown';

export interface Cause {
  kind: CauseKind;
  /** The Kconfig line responsible. */
  at?: KconfigLine;
  /** The condition as written there. */
  condition?: string;
  /** What the condition came to; 'unknown' when it needs the shell. */
  value?: 'n' | 'm' | 'y' | 'unknown';
  responsible: Responsible[];
  /** One line: "inside 'if VIRTIO_MENU' (drivers/virtio/Kconfig:34), and CONFIG_VIRTIO_MENU is n (set by a.config:3)". */
  text: string;
}

export interface Explanation {
  option: string;
  asked: string;
  got: string;
  /** The first is the one to fix first; empty when the values agree. */
  causes: Cause[];
  /** The first cause as one line: the one to fix first. */
  text: string;
}

export interface WhyNotOptions {
  /** What the config asked for, to say "set by file:line" and to follow lost options. */
  requested?: RequestedValues;
  /** How far to follow a chain of symbols (default 4). */
  depth?: number;
}

const MAX_LISTED = 3;

class Explainer {
  private readonly visiting = new Set<string>();
  constructor(
    readonly ev: Evaluator,
    readonly requested: RequestedValues,
    readonly maxDepth: number,
  ) {}

  explain(name: string, asked: string, got: string, depth: number): Explanation {
    const option = `CONFIG_${name}`;
    const causes = this.causes(name, asked, got, depth);
    return { option, asked, got, causes, text: causes[0]?.text ?? '' };
  }

  private causes(name: string, asked: string, got: string, depth: number): Cause[] {
    const sym = this.ev.symbol(name);
    if (!sym) return [{ kind: 'missing', responsible: [], text: 'this kernel has no such option' }];
    if (sameValue(asked, got)) return [];
    this.visiting.add(name);
    try {
      if (sym.type === 'bool' || sym.type === 'tristate') {
        const a = triOf(asked);
        const g = triOf(got);
        if (asked === 'm' && sym.type === 'bool') return [{ kind: 'bool', responsible: [], text: `a bool option is y or n, never m` }];
        if (a > g) return this.tooLow(sym, a, depth);
        if (a < g) return this.tooHigh(sym, a, g, depth);
        return [];
      }
      return this.otherValue(sym, asked, depth);
    } finally {
      this.visiting.delete(name);
    }
  }

  /** Asked y or m, got less. */
  private tooLow(sym: KconfigSymbol, asked: Tri, depth: number): Cause[] {
    const prompted = sym.definitions.filter((d) => d.prompt);
    // A condition at m lets a bool (or a tristate without modules) be y.
    const modules = this.ev.kconfig.modules;
    const modulesOff = !modules || triOf(this.ev.value(modules)) === 0;
    const need: Tri = sym.type === 'tristate' && !modulesOff ? asked : 1;
    if (prompted.length > 0) {
      const vis = this.ev.visibility(sym.name);
      if (vis === undefined || vis < asked) {
        const causes: Cause[] = [];
        for (const def of prompted) causes.push(...this.gateCauses(promptGates(def), need, depth));
        return dedupe(causes);
      }
      if (sym.choice) return [this.chosen(sym, depth)];
      return [{ kind: 'unknown', responsible: [], text: 'its prompt is visible, yet kconfig did not take the value; this check cannot tell why' }];
    }
    // No prompt: only a select or a default can set it, and a default only within its dependencies.
    const gated = sym.definitions.map((d) => this.gateCauses(dependencyGates(d), need, depth));
    if (gated.every((g) => g.length > 0)) return dedupe(gated.flat());
    return [this.noPrompt(sym, need, depth)];
  }

  /** Asked n or m, got more. */
  private tooHigh(sym: KconfigSymbol, asked: Tri, got: Tri, depth: number): Cause[] {
    const modules = this.ev.kconfig.modules;
    if (asked === 1 && got === 2 && modules && triOf(this.ev.value(modules)) === 0) {
      const r = this.responsible(modules, depth);
      return [{ kind: 'no-modules', responsible: [r], text: `${r.option} is n (${originText(r.origin)}): a tristate is then y or n` }];
    }
    const sel = this.ev.selected(sym.name);
    if (sel.value !== undefined && sel.value > asked) {
      const by = sel.by.filter((b) => b.value !== undefined && b.value > asked);
      const responsible = by.slice(0, MAX_LISTED).map((b) => this.responsible(b.by, depth));
      const list = responsible.map((r, i) => `CONFIG_${by[i]!.by} (${where(by[i]!.at)}), which is ${r.value} (${originText(r.origin)})`);
      const more = by.length > MAX_LISTED ? ` and ${by.length - MAX_LISTED} more` : '';
      return [{ kind: 'selected', at: by[0]!.at, responsible, text: `selected by ${list.join(', ')}${more}` }];
    }
    if (sym.choice && got === 2) return [this.chosen(sym, depth)];
    // Setting a lower value needs the prompt shown at all; hidden, the default decides.
    const prompted = sym.definitions.filter((d) => d.prompt);
    const vis = this.ev.visibility(sym.name);
    if (vis === undefined || vis === 0 || prompted.length === 0) {
      const applied = this.appliedDefault(sym);
      const hidden =
        prompted.length > 0
          ? this.gateCauses(
              prompted.flatMap((d) => promptGates(d)),
              1,
              depth,
            )[0]
          : undefined;
      const why = hidden ? `its prompt is hidden: ${hidden.text}` : 'it has no prompt';
      const dflt = applied ? `, so its default ${applied.valueText} (${where(applied.at)}) applies` : ', so its default applies';
      return [{ kind: 'default', at: applied?.at, responsible: hidden?.responsible ?? [], text: `${why}${dflt}` }];
    }
    return [{ kind: 'unknown', responsible: [], text: 'nothing selects it and its prompt is visible; this check cannot tell why' }];
  }

  /** int, hex, string: asked one value, got another. */
  private otherValue(sym: KconfigSymbol, asked: string, depth: number): Cause[] {
    const prompted = sym.definitions.filter((d) => d.prompt);
    const vis = this.ev.visibility(sym.name);
    if (prompted.length === 0) return [{ kind: 'default', responsible: [], text: 'it has no prompt: only its default sets it' }];
    if (vis === undefined || vis === 0) {
      const causes = dedupe(prompted.flatMap((d) => this.gateCauses(promptGates(d), 1, depth)));
      const applied = this.appliedDefault(sym);
      if (causes[0] && applied) causes[0] = { ...causes[0], text: `${causes[0].text}, so its default ${applied.valueText} (${where(applied.at)}) applies` };
      return causes;
    }
    for (const def of sym.definitions) {
      for (const r of def.ranges) {
        if (r.cond && this.ev.tri(r.cond.expr) === 0) continue;
        if (this.ev.all(dependencyGates(def)) === 0) continue;
        const lo = this.operandValue(r.min);
        const hi = this.operandValue(r.max);
        const v = toNumber(asked, sym.type);
        if (lo === undefined || hi === undefined || v === undefined) break;
        const [l, h] = [toNumber(lo, sym.type), toNumber(hi, sym.type)];
        if (l !== undefined && h !== undefined && (v < l || v > h)) {
          return [{ kind: 'range', at: r.at, condition: r.text, responsible: [], text: `${asked} is outside its range ${lo}..${hi} (${where(r.at)})` }];
        }
        break;
      }
    }
    if (toNumber(asked, sym.type) === undefined && (sym.type === 'int' || sym.type === 'hex')) {
      return [{ kind: 'unknown', responsible: [], text: `'${asked}' is not a valid ${sym.type} value` }];
    }
    return [{ kind: 'unknown', responsible: [], text: 'its prompt is visible, yet kconfig did not take the value; this check cannot tell why' }];
  }

  private operandValue(e: Expr): string | undefined {
    if (e.kind === 'symbol') return this.ev.symbol(e.name) ? this.ev.value(e.name) : e.name;
    if (e.kind === 'string') return e.value;
    return undefined;
  }

  /** The gates whose value is below `need`, each with the symbols that hold it there. */
  private gateCauses(gates: Gate[], need: Tri | number, depth: number): Cause[] {
    const causes: Cause[] = [];
    for (const gate of gates) {
      const v = this.ev.tri(gate.cond.expr);
      if (v !== undefined && v >= need) continue;
      const culprits = v === undefined ? macrosOf(gate.cond.expr) : this.culprits(gate.cond.expr, true, need as Tri);
      const responsible = culprits
        .filter((o): o is Extract<Operand, { kind: 'symbol' }> => o.kind === 'symbol' && !['y', 'm', 'n'].includes(o.name))
        .slice(0, MAX_LISTED)
        .map((o) => this.responsible(o.name, depth));
      const value = v === undefined ? 'unknown' : TRI_TEXT[v];
      let because: string;
      if (v === undefined) because = `which only the compiler can evaluate (${culprits.map((c) => exprText(c)).join(', ')}): this check cannot tell`;
      else if (responsible.length === 0) because = `which is ${value}`;
      else because = responsible.map((r) => `${r.option} is ${r.value} (${originText(r.origin)})`).join(' and ');
      const limit = v === 1 ? ': at most m' : '';
      causes.push({
        kind: gate.kind,
        at: gate.cond.at,
        condition: gate.cond.text,
        value,
        responsible,
        text: `${gateText(gate)}, and ${because}${limit}`,
      });
    }
    return causes;
  }

  /**
   * The operands that hold `e` below `need` (low) or at or above it (high):
   * for `A && B` too low, those that are too low; for `A || B`, all of them.
   */
  private culprits(e: Expr, low: boolean, need: Tri): Operand[] {
    const v = this.ev.tri(e);
    switch (e.kind) {
      case 'symbol':
      case 'string':
      case 'macro':
        return [e];
      case 'compare':
        return [e.left, e.right];
      case 'not':
        // !X < t exactly when X >= 3 - t, and !X >= t when X < 3 - t.
        return this.culprits(e.operand, !low, (3 - need) as Tri);
      case 'and':
      case 'or': {
        const kids = [e.left, e.right];
        // low: a child counts if it is below `need`; high: if it is above the threshold.
        const bad = (x: Expr): boolean => {
          const t = this.ev.tri(x);
          return t === undefined || (low ? t < need : t >= need);
        };
        const pick = (low ? e.kind === 'and' : e.kind === 'or') ? kids.filter(bad) : kids;
        if (v === undefined) return kids.flatMap((k) => macrosOf(k));
        return dedupeOperands(pick.flatMap((k) => this.culprits(k, low, need)));
      }
    }
  }

  /** How a symbol named in a condition came to its value. */
  private responsible(name: string, depth: number): Responsible {
    const option = `CONFIG_${name}`;
    const sym = this.ev.symbol(name);
    if (!sym) return { option, value: 'n', origin: { kind: 'missing' } };
    const value = this.ev.value(name);
    const req = this.requested.get(option);
    const deeper = depth + 1 < this.maxDepth && !this.visiting.has(name);
    if (req) {
      if (sameValue(req.value, value)) return { option, value, origin: { kind: 'asked', from: req.from } };
      const why = deeper ? this.explain(name, req.value, value, depth + 1) : undefined;
      return { option, value, origin: why ? { kind: 'lost', from: req.from, asked: req.value, why } : { kind: 'asked', from: req.from } };
    }
    if (sym.type !== 'bool' && sym.type !== 'tristate') return { option, value, origin: { kind: 'default' } };
    const tri = triOf(value);
    if (tri > 0) {
      const sel = this.ev.selected(name);
      const by = sel.by.find((b) => b.value !== undefined && b.value >= tri);
      if (by) return { option, value, origin: { kind: 'selected', by: `CONFIG_${by.by}`, at: by.at } };
      return { option, value, origin: { kind: 'default', at: this.appliedDefault(sym)?.at } };
    }
    // Off and not asked for. One without a prompt cannot be asked for: say what keeps it off.
    if (!sym.definitions.some((d) => d.prompt) && deeper) {
      return { option, value, origin: { kind: 'not-asked', why: this.explain(name, 'y', value, depth + 1) } };
    }
    return { option, value, origin: { kind: 'not-asked' } };
  }

  /** A choice member not taken: which member was, and why. */
  private chosen(sym: KconfigSymbol, depth: number): Cause {
    const choice = sym.choice!;
    const title = choice.prompt ? `choice '${choice.prompt.text}'` : 'a choice';
    const taken = choice.members.find((m) => m !== sym.name && this.ev.value(m) === 'y');
    if (!taken) return { kind: 'chosen', at: choice.at, responsible: [], text: `it is a member of ${title} (${where(choice.at)}), and no member is set` };
    const r = this.responsible(taken, depth);
    // kconfig moves each member read as y to the front: of several asked for, the last one read wins.
    const both = r.origin.kind === 'asked' && this.requested.has(`CONFIG_${sym.name}`) ? ': a choice keeps one member, the last one asked for' : '';
    return {
      kind: 'chosen',
      at: choice.at,
      responsible: [r],
      text: `${title} (${where(choice.at)}) has ${r.option} instead (${originText(r.origin)})${both}`,
    };
  }

  /** Neither prompt nor dependency held it back: no select is on, no default applies. */
  private noPrompt(sym: KconfigSymbol, need: Tri, depth: number): Cause {
    const sel = this.ev.selected(sym.name).by;
    // A selector that is on selects nothing when its select's conditions fail: say which.
    const blocked = sel.filter((b) => this.ev.value(b.by) !== 'n' && b.value !== undefined && b.value < need);
    const listed: string[] = [];
    const responsible: Responsible[] = [];
    for (const b of blocked.slice(0, MAX_LISTED)) {
      const c = this.gateCauses(b.gates, need, depth)[0];
      if (!c) continue;
      responsible.push(...c.responsible);
      listed.push(`CONFIG_${b.by} is ${this.ev.value(b.by)} but ${c.text}`);
    }
    // The selectors asked for are the ones to follow: one of them lost is the likely cause.
    const asked = sel.filter((b) => !blocked.includes(b) && this.requested.has(`CONFIG_${b.by}`));
    const askedResp = asked.slice(0, MAX_LISTED).map((b) => this.responsible(b.by, depth));
    responsible.push(...askedResp);
    listed.push(...askedResp.map((r) => `${r.option} is ${r.value} (${originText(r.origin)})`));
    const others = sel.filter((b) => !blocked.includes(b) && !asked.includes(b)).map((b) => `CONFIG_${b.by}`);
    if (others.length > MAX_LISTED) listed.push(`${others.length} others, none asked for`);
    else if (others.length > 0) listed.push(`${others.join(', ')} ${others.length === 1 ? 'is' : 'are'} not asked for`);
    const selects = sel.length === 0 ? 'nothing selects it' : `nothing that selects it is ${need === 2 ? 'y' : 'on'}: ${listed.join(', ')}`;
    const def = sym.definitions.flatMap((d) => d.defaults)[0];
    const dflt = def ? `; its default ${def.valueText}${def.cond ? ` if ${def.cond.text}` : ''} (${where(def.at)}) gives ${this.ev.value(sym.name)}` : '';
    return {
      kind: 'no-prompt',
      at: sym.definitions[0]!.at,
      responsible,
      text: `it has no prompt, so only a select or its default sets it, and ${selects}${dflt}`,
    };
  }

  /** The default kconfig took: the first whose condition and entry dependencies hold. */
  private appliedDefault(sym: KconfigSymbol): Default | undefined {
    for (const def of sym.definitions) {
      if (this.ev.all(dependencyGates(def)) === 0) continue;
      for (const d of def.defaults) if (!d.cond || this.ev.tri(d.cond.expr) !== 0) return d;
    }
    return undefined;
  }
}

function gateText(gate: Gate): string {
  const at = where(gate.cond.at);
  const name = gate.block?.title ?? gate.block?.choice?.prompt?.text;
  const title = name ? ` '${name}'` : '';
  switch (gate.kind) {
    case 'if':
      return `inside 'if ${gate.cond.text}' (${at})`;
    case 'menu':
      return `inside menu${title}, which depends on ${gate.cond.text} (${at})`;
    case 'choice':
      return `inside choice${title}, which depends on ${gate.cond.text} (${at})`;
    case 'visible-if':
      return `inside menu${title}, visible only if ${gate.cond.text} (${at})`;
    case 'depends':
      return `depends on ${gate.cond.text} (${at})`;
    case 'prompt-if':
      return `its prompt shows only if ${gate.cond.text} (${at})`;
    case 'select-if':
      return `selects it only if ${gate.cond.text} (${at})`;
  }
}

/** "set by a.config:3", "asked y at a.config:3, lost too: …", "selected by CONFIG_X (file:line)"… */
export function originText(o: Origin): string {
  switch (o.kind) {
    case 'asked':
      return `set by ${placeText(o.from)}`;
    case 'lost':
      return `asked ${o.asked} at ${placeText(o.from)}, lost too: ${o.why.text}`;
    case 'selected':
      return `selected by ${o.by} (${where(o.at)})`;
    case 'default':
      return o.at ? `its default, ${where(o.at)}` : 'its default';
    case 'not-asked':
      return o.why && o.why.causes.length > 0 ? `not asked for, and cannot be on: ${o.why.text}` : 'not asked for';
    case 'missing':
      return 'no such option in this kernel';
  }
}

function macrosOf(e: Expr): Operand[] {
  switch (e.kind) {
    case 'macro':
      return [e];
    case 'not':
      return macrosOf(e.operand);
    case 'and':
    case 'or':
      return [...macrosOf(e.left), ...macrosOf(e.right)];
    case 'compare':
      return [e.left, e.right].filter((o) => o.kind === 'macro');
    default:
      return [];
  }
}

function dedupeOperands(ops: Operand[]): Operand[] {
  const seen = new Set<string>();
  return ops.filter((o) => {
    const k = exprText(o);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function dedupe(causes: Cause[]): Cause[] {
  const seen = new Set<string>();
  return causes.filter((c) => {
    const k = c.at ? `${where(c.at)} ${c.kind}` : c.text;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function toNumber(v: string, type: KconfigSymbol['type']): bigint | undefined {
  if (type === 'hex') return /^(0x)?[0-9a-f]+$/i.test(v) ? BigInt(/^0x/i.test(v) ? v : `0x${v}`) : undefined;
  return /^[+-]?\d+$/.test(v) ? BigInt(v) : undefined;
}

/**
 * Why CONFIG_<name> is `got` and not `asked`, against the .config the evaluator holds.
 * `name` is without CONFIG_. Empty causes when the values agree.
 */
export function whyNot(ev: Evaluator, name: string, asked: string, got: string, options: WhyNotOptions = {}): Explanation {
  return new Explainer(ev, options.requested ?? new Map(), options.depth ?? 4).explain(name.replace(/^CONFIG_/, ''), asked, got, 0);
}

// Reads a kernel tree's Kconfig as kconfig does: from `Kconfig` at the root,
// following `source` (with $(SRCARCH) and $(ARCH) for the target), keeping for
// each symbol its entries (file, line, type, prompt, own `depends on`, defaults,
// selects, ranges), the `if`/`menu`/`choice` blocks around them, and who selects
// or implies it. Nothing is run: a macro that needs the shell stays a macro.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.ts';
import { KconfigSyntaxError, parseTokens, tokenize, type Expr, type Token } from './expr.ts';
import type { Block, Choice, Condition, Definition, Kconfig, KconfigLine, KconfigSymbol, Prompt, SymbolType } from './model.ts';

export interface ReadKconfigOptions {
  /** The directory under arch/ ($(SRCARCH)): x86, arm64, riscv. */
  srcArch: string;
  /** make's ARCH= ($(ARCH)): x86_64, arm64, riscv. */
  arch: string;
}

const TYPES = new Set<string>(['bool', 'tristate', 'string', 'int', 'hex']);

/** Lines as kconfig reads them: continuations joined, comments cut, help text skipped. */
interface LogicalLine {
  text: string;
  line: number;
}

/** Where a `#` comment starts, outside quotes and macros; -1 when there is none. */
function commentStart(text: string): number {
  let quote = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '$' && text[i + 1] === '(') {
      depth++;
      i++;
    } else if (c === '(' && depth > 0) depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (c === '#' && depth === 0) return i;
  }
  return -1;
}

/** Width of a line's leading white space, tabs to the next multiple of 8 (as kconfig counts help text). */
function indentOf(text: string): number {
  let w = 0;
  for (const c of text) {
    if (c === ' ') w++;
    else if (c === '\t') w = (w & ~7) + 8;
    else break;
  }
  return w;
}

function logicalLines(text: string): LogicalLine[] {
  const raw = text.split('\n');
  const out: LogicalLine[] = [];
  for (let i = 0; i < raw.length; i++) {
    const first = i;
    let line = raw[i]!.replace(/\r$/, '');
    while (line.endsWith('\\') && i + 1 < raw.length) line = line.slice(0, -1) + raw[++i]!.replace(/\r$/, '');
    const cut = commentStart(line);
    const code = (cut >= 0 ? line.slice(0, cut) : line).trimEnd();
    if (/^\s*(help|---help---)\s*$/.test(code)) {
      // Help text: every following line indented at least as much as its first one, blank lines included.
      let level = -1;
      while (i + 1 < raw.length) {
        const next = raw[i + 1]!.replace(/\r$/, '');
        if (next.trim() === '') {
          i++;
          continue;
        }
        const indent = indentOf(next);
        if (level < 0) {
          if (indent === 0) break;
          level = indent;
        } else if (indent < level) break;
        i++;
      }
      continue;
    }
    if (code.trim() !== '') out.push({ text: code, line: first + 1 });
  }
  return out;
}

class Reader {
  readonly symbols = new Map<string, KconfigSymbol>();
  readonly choices: Choice[] = [];
  readonly files: string[] = [];
  readonly problems: Kconfig['problems'] = [];
  modules?: string;
  private readonly variables = new Map<string, string>();
  private readonly reading: string[] = [];
  private blocks: Block[] = [];
  /** The entry that the property lines belong to. */
  private current: { kind: 'config'; def: Definition } | { kind: 'choice'; choice: Choice } | { kind: 'menu'; block: Block } | { kind: 'other' } = {
    kind: 'other',
  };

  constructor(
    readonly tree: string,
    options: ReadKconfigOptions,
  ) {
    this.variables.set('SRCARCH', options.srcArch);
    this.variables.set('ARCH', options.arch);
    this.variables.set('srctree', tree);
  }

  symbol(name: string): KconfigSymbol {
    let s = this.symbols.get(name);
    if (!s) this.symbols.set(name, (s = { name, definitions: [], selectedBy: [], impliedBy: [] }));
    return s;
  }

  problem(at: KconfigLine, message: string): void {
    this.problems.push({ at, message });
  }

  /** `$(NAME)` replaced by plain variables; undefined when a macro needs more than that. */
  expand(text: string): string | undefined {
    let unresolved = false;
    const out = text.replace(/\$\(([A-Za-z0-9_-]+)\)/g, (_, name: string) => {
      const v = this.variables.get(name);
      if (v === undefined || v.includes('$(')) unresolved = true;
      return v ?? '';
    });
    return unresolved || out.includes('$(') ? undefined : out;
  }

  readFile(file: string, from?: KconfigLine): void {
    if (this.reading.includes(file)) {
      this.problem(from ?? { file, line: 0 }, `${file} sources itself again; not read twice`);
      return;
    }
    let text: string;
    try {
      text = readFileSync(path.join(this.tree, file), 'utf8');
    } catch (e) {
      this.problem(from ?? { file, line: 0 }, `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return;
    }
    this.files.push(file);
    this.reading.push(file);
    for (const l of logicalLines(text)) {
      const at = { file, line: l.line };
      try {
        this.statement(l.text, at);
      } catch (e) {
        if (!(e instanceof KconfigSyntaxError)) throw e;
        this.problem(at, e.message);
      }
    }
    this.reading.pop();
  }

  private condition(tokens: Token[], from: number, to: number, text: string, at: KconfigLine): Condition {
    return { expr: this.expr(tokens, from, to, text, at), text: text.slice(tokens[from]!.start, tokens[to - 1]!.end), at };
  }

  /** Parses tokens[from, to); what cannot be parsed becomes a macro, which no one evaluates. */
  private expr(tokens: Token[], from: number, to: number, text: string, at: KconfigLine): Expr {
    if (from >= to) throw new KconfigSyntaxError('an expression was expected');
    try {
      return parseTokens(tokens, from, to);
    } catch (e) {
      if (!(e instanceof KconfigSyntaxError)) throw e;
      this.problem(at, e.message);
      return { kind: 'macro', text: text.slice(tokens[from]!.start, tokens[to - 1]!.end) };
    }
  }

  /** Splits `VALUE if COND` at its top-level `if`. */
  private splitIf(tokens: Token[], from: number, text: string, at: KconfigLine): { end: number; cond?: Condition } {
    let depth = 0;
    for (let i = from; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.type === '(') depth++;
      else if (t.type === ')') depth--;
      else if (depth === 0 && t.type === 'word' && t.text === 'if') {
        return { end: i, cond: this.condition(tokens, i + 1, tokens.length, text, at) };
      }
    }
    return { end: tokens.length };
  }

  private prompt(tokens: Token[], from: number, text: string, at: KconfigLine): Prompt {
    const t = tokens[from];
    if (!t || t.type !== 'string') throw new KconfigSyntaxError('a quoted prompt was expected');
    const { cond } = this.splitIf(tokens, from + 1, text, at);
    return { text: t.text, cond, at };
  }

  private innermostBlock(): Block | undefined {
    return this.blocks[this.blocks.length - 1];
  }

  private pop(kind: Block['kind'], at: KconfigLine): void {
    const top = this.innermostBlock();
    if (top?.kind !== kind) {
      this.problem(at, `end${kind} without a matching ${kind}${top ? ` (the open block is the ${top.kind} at ${top.at.file}:${top.at.line})` : ''}`);
      const i = this.blocks.map((b) => b.kind).lastIndexOf(kind);
      if (i >= 0) this.blocks.length = i;
    } else {
      this.blocks.pop();
    }
    this.current = { kind: 'other' };
  }

  private statement(text: string, at: KconfigLine): void {
    const assign = /^\s*([A-Za-z0-9_-]+)\s*(:=|\+=|=)\s*(.*)$/.exec(text);
    if (assign && !TYPES.has(assign[1]!)) {
      const [, name, op, value] = assign;
      this.variables.set(name!, op === '+=' ? `${this.variables.get(name!) ?? ''} ${value}` : value!);
      return;
    }
    if (/^\s*\$\(/.test(text)) return; // a bare macro call ($(error-if,...)): the preprocessor's business
    const tokens = tokenize(text);
    const head = tokens[0]!;
    const keyword = head.type === 'word' ? head.text : '';
    const word = (i: number): string | undefined => (tokens[i]?.type === 'word' ? tokens[i]!.text : undefined);
    switch (keyword) {
      case 'config':
      case 'menuconfig': {
        const name = word(1);
        if (!name || tokens.length !== 2) throw new KconfigSyntaxError(`${keyword} needs one symbol name`);
        const def: Definition = { symbol: name, at, dependsOn: [], defaults: [], selects: [], implies: [], ranges: [], block: this.innermostBlock() };
        const sym = this.symbol(name);
        sym.definitions.push(def);
        const choice = [...this.blocks].reverse().find((b) => b.kind !== 'if');
        if (choice?.kind === 'choice') {
          choice.choice!.members.push(name);
          sym.choice = choice.choice;
        }
        this.current = { kind: 'config', def };
        return;
      }
      case 'choice': {
        const block: Block = { kind: 'choice', at, dependsOn: [], visibleIf: [], parent: this.innermostBlock() };
        const choice: Choice = { at, block, members: [], defaults: [] };
        block.choice = choice;
        this.choices.push(choice);
        this.blocks.push(block);
        this.current = { kind: 'choice', choice };
        return;
      }
      case 'endchoice':
        return this.pop('choice', at);
      case 'menu': {
        const title = tokens[1]?.type === 'string' ? tokens[1].text : undefined;
        const block: Block = { kind: 'menu', at, title, dependsOn: [], visibleIf: [], parent: this.innermostBlock() };
        this.blocks.push(block);
        this.current = { kind: 'menu', block };
        return;
      }
      case 'endmenu':
        return this.pop('menu', at);
      case 'if': {
        const block: Block = { kind: 'if', at, dependsOn: [this.condition(tokens, 1, tokens.length, text, at)], visibleIf: [], parent: this.innermostBlock() };
        this.blocks.push(block);
        this.current = { kind: 'other' };
        return;
      }
      case 'endif':
        return this.pop('if', at);
      case 'source': {
        const t = tokens[1];
        if (!t || t.type !== 'string') throw new KconfigSyntaxError('source needs a quoted path');
        const file = this.expand(t.text);
        if (file === undefined) return this.problem(at, `cannot expand the path in source "${t.text}"`);
        this.current = { kind: 'other' };
        return this.readFile(path.normalize(path.isAbsolute(file) ? path.relative(this.tree, file) : file), at);
      }
      case 'comment':
      case 'mainmenu':
        this.current = { kind: 'other' };
        return;
      default:
        return this.property(keyword, tokens, text, at);
    }
  }

  /** A line inside an entry: type, prompt, default, depends on, select... */
  private property(keyword: string, tokens: Token[], text: string, at: KconfigLine): void {
    const cur = this.current;
    const def = cur.kind === 'config' ? cur.def : undefined;
    const choice = cur.kind === 'choice' ? cur.choice : undefined;
    const setType = (type: SymbolType): void => {
      if (def) {
        def.type ??= type;
        const sym = this.symbol(def.symbol);
        sym.type ??= type;
      } else if (choice) choice.type ??= type;
    };
    if (keyword === 'depends' && tokens[1]?.text === 'on') {
      const cond = this.condition(tokens, 2, tokens.length, text, at);
      if (def) def.dependsOn.push(cond);
      else if (choice) choice.block.dependsOn.push(cond);
      else if (cur.kind === 'menu') cur.block.dependsOn.push(cond);
      return; // comments have dependencies too; they set nothing
    }
    if (keyword === 'visible' && tokens[1]?.text === 'if') {
      if (cur.kind === 'menu') cur.block.visibleIf.push(this.condition(tokens, 2, tokens.length, text, at));
      else this.problem(at, "'visible if' outside a menu");
      return;
    }
    if (!def && !choice) {
      if (cur.kind === 'other' && keyword !== '') this.problem(at, `'${keyword}' outside an entry`);
      return;
    }
    if (TYPES.has(keyword)) {
      setType(keyword as SymbolType);
      if (tokens.length > 1) this.setPrompt(this.prompt(tokens, 1, text, at), at);
      return;
    }
    switch (keyword) {
      case 'def_bool':
      case 'def_tristate': {
        setType(keyword === 'def_bool' ? 'bool' : 'tristate');
        this.addDefault(tokens, text, at);
        return;
      }
      case 'prompt':
        return this.setPrompt(this.prompt(tokens, 1, text, at), at);
      case 'default':
        return this.addDefault(tokens, text, at);
      case 'select':
      case 'imply': {
        const target = tokens[1]?.type === 'word' ? tokens[1].text : undefined;
        if (!def || !target) throw new KconfigSyntaxError(`${keyword} needs a symbol inside a config entry`);
        const { cond } = this.splitIf(tokens, 2, text, at);
        const list = keyword === 'select' ? def.selects : def.implies;
        list.push({ symbol: target, cond, at });
        const rev = { by: def.symbol, cond, at, definition: def };
        (keyword === 'select' ? this.symbol(target).selectedBy : this.symbol(target).impliedBy).push(rev);
        return;
      }
      case 'range': {
        if (!def) throw new KconfigSyntaxError('range outside a config entry');
        const { end, cond } = this.splitIf(tokens, 1, text, at);
        if (end !== 3) throw new KconfigSyntaxError('range needs two values');
        def.ranges.push({
          min: this.expr(tokens, 1, 2, text, at),
          max: this.expr(tokens, 2, 3, text, at),
          text: text.slice(tokens[1]!.start, tokens[2]!.end),
          cond,
          at,
        });
        return;
      }
      case 'modules':
        if (def) this.modules = def.symbol;
        return;
      case 'optional':
      case 'transitional':
      case 'option':
        // Attributes of older or newer kconfigs that do not change a value's dependencies.
        return;
      default:
        this.problem(at, `unknown line '${text.trim()}'`);
    }
  }

  private setPrompt(prompt: Prompt, at: KconfigLine): void {
    const cur = this.current;
    if (cur.kind === 'config') {
      if (cur.def.prompt) this.problem(at, `${cur.def.symbol} has a second prompt; the first is kept`);
      else cur.def.prompt = prompt;
    } else if (cur.kind === 'choice') cur.choice.prompt ??= prompt;
  }

  private addDefault(tokens: Token[], text: string, at: KconfigLine): void {
    const { end, cond } = this.splitIf(tokens, 1, text, at);
    const cur = this.current;
    if (cur.kind === 'choice') {
      const target = tokens[1]?.type === 'word' ? tokens[1].text : undefined;
      if (!target || end !== 2) throw new KconfigSyntaxError("a choice's default is one of its symbols");
      cur.choice.defaults.push({ symbol: target, cond, at });
      return;
    }
    if (cur.kind !== 'config') return;
    cur.def.defaults.push({ value: this.expr(tokens, 1, end, text, at), valueText: text.slice(tokens[1]!.start, tokens[end - 1]!.end), cond, at });
  }
}

/** Reads the Kconfig of `tree` for one architecture. Problems are listed in the result, not thrown. */
export function readKconfig(tree: string, options: ReadKconfigOptions): Kconfig {
  const reader = new Reader(tree, options);
  reader.readFile('Kconfig');
  if (reader.files.length === 0) throw new ConfigError(`${tree}/Kconfig cannot be read: not a kernel source tree`);
  return {
    tree,
    srcArch: options.srcArch,
    symbols: reader.symbols,
    choices: reader.choices,
    files: reader.files,
    modules: reader.modules,
    problems: reader.problems,
  };
}

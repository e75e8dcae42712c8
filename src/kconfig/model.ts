// What a kernel tree's Kconfig says about each symbol, as the reader keeps it:
// enough to tell why kconfig gave an option the value it did.
import type { Expr } from './expr.ts';

export type SymbolType = 'bool' | 'tristate' | 'string' | 'int' | 'hex';

/** A line of a Kconfig file; `file` is relative to the tree's root. */
export interface KconfigLine {
  file: string;
  line: number;
}

/** A condition as written, where it was written. */
export interface Condition {
  expr: Expr;
  /** The expression's text as in the file. */
  text: string;
  at: KconfigLine;
}

/** An enclosing `if`, `menu` or `choice`: its conditions hold for every entry inside. */
export interface Block {
  kind: 'if' | 'menu' | 'choice';
  at: KconfigLine;
  /** The menu's title or the choice's prompt. */
  title?: string;
  /** `if EXPR`, or the `depends on` lines of a menu or choice. */
  dependsOn: Condition[];
  /** A menu's `visible if` lines: they hide the prompts inside, not the values. */
  visibleIf: Condition[];
  parent?: Block;
  /** Set on choice blocks. */
  choice?: Choice;
}

export interface Prompt {
  text: string;
  /** `bool "text" if COND`. */
  cond?: Condition;
  at: KconfigLine;
}

export interface Default {
  value: Expr;
  valueText: string;
  cond?: Condition;
  at: KconfigLine;
}

/** `select X if COND` or `imply X if COND`, seen from X. */
export interface ReverseDependency {
  /** The symbol whose entry says `select`. */
  by: string;
  cond?: Condition;
  at: KconfigLine;
  definition: Definition;
}

export interface Range {
  min: Expr;
  max: Expr;
  text: string;
  cond?: Condition;
  at: KconfigLine;
}

/** One `config` or `menuconfig` entry (a symbol may have several). */
export interface Definition {
  symbol: string;
  at: KconfigLine;
  type?: SymbolType;
  prompt?: Prompt;
  /** The entry's own `depends on` lines. */
  dependsOn: Condition[];
  defaults: Default[];
  selects: { symbol: string; cond?: Condition; at: KconfigLine }[];
  implies: { symbol: string; cond?: Condition; at: KconfigLine }[];
  ranges: Range[];
  /** The innermost enclosing block; walk `parent` for the others. */
  block?: Block;
}

export interface KconfigSymbol {
  name: string;
  type?: SymbolType;
  definitions: Definition[];
  selectedBy: ReverseDependency[];
  impliedBy: ReverseDependency[];
  /** The choice it is a member of. */
  choice?: Choice;
}

export interface Choice {
  at: KconfigLine;
  prompt?: Prompt;
  type?: SymbolType;
  block: Block;
  /** Members in menu order: kconfig takes the first visible one asked for. */
  members: string[];
  defaults: { symbol: string; cond?: Condition; at: KconfigLine }[];
}

export interface Kconfig {
  /** Absolute path of the kernel tree. */
  tree: string;
  srcArch: string;
  symbols: Map<string, KconfigSymbol>;
  choices: Choice[];
  /** Files read, relative to the tree, in the order `source` reached them. */
  files: string[];
  /** The symbol with the `modules` attribute (MODULES): `m` means `m && MODULES`. */
  modules?: string;
  /** What the reader could not understand, with where: reported, never guessed around. */
  problems: { at: KconfigLine; message: string }[];
}

/** The enclosing blocks of an entry, outermost first. */
export function enclosingBlocks(block: Block | undefined): Block[] {
  const out: Block[] = [];
  for (let b = block; b; b = b.parent) out.unshift(b);
  return out;
}

export const where = (at: KconfigLine): string => `${at.file}:${at.line}`;

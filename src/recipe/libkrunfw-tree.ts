// Reads a libkrunfw source tree (the layout of github.com/containers/libkrunfw) as
// a build recipe: the versions its Makefile sets, the patches in the order its
// Makefile applies them, the kernel config for a variant and arch, and for SEV/TDX
// the firmware and initrd it bundles beside the kernel.
//
// The Makefile is read, never run. Only plain assignments outside conditionals
// count, and a value is used only when it can be worked out exactly; anything
// else is an error that says which construct was in the way, never a guess.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { ARCHES, type Arch, type Host, type Variant } from '../target.ts';

export interface LibkrunfwTreeRecipe {
  /** Absolute. */
  dir: string;
  /** e.g. '6.12.44' (without the 'linux-' prefix). */
  kernelVersion: string;
  /** e.g. 5: the soname's number. */
  abiVersion: number;
  /** e.g. '5.1.0': the library file's full version. */
  version: string;
  /** Absolute paths, in the order libkrunfw applies them. */
  patches: string[];
  /** Absolute path of the full kernel config for this variant and arch. */
  config: string;
  /** sev/tdx only: absolute path of that variant's bios.bin. */
  qboot?: string;
  /** sev/tdx only: absolute path of initrd/initrd.gz. */
  initrd?: string;
}

/**
 * What `make`, `make SEV=1` and `make TDX=1` use. Where the layout changed over
 * libkrunfw's history, the current place comes first and the older one after it
 * (before TDX support, SEV had patches-sev/ and qboot/bios.bin).
 */
const LAYOUT: Record<Variant, { suffix: string; teePatches: string[]; qboot: string[] }> = {
  generic: { suffix: '', teePatches: [], qboot: [] },
  sev: { suffix: '-sev', teePatches: ['patches-tee', 'patches-sev'], qboot: ['qboot/sev/bios.bin', 'qboot/bios.bin'] },
  tdx: { suffix: '-tdx', teePatches: ['patches-tee'], qboot: ['qboot/tdx/bios.bin'] },
};

const INITRD = 'initrd/initrd.gz';
const KERNEL_VERSION = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-rc\d+)?$/;
const FULL_VERSION = /^\d+\.\d+\.\d+$/;

// ---------------------------------------------------------------------------
// The Makefile: just enough of make's syntax to read top-level assignments.

interface MakeVar {
  /** Recursive (`=`, `?=`) values expand when read; simple (`:=`) ones when set. */
  flavor: 'recursive' | 'simple';
  value: string;
  line: number;
  /** Why the value cannot be worked out, found when the variable was set. */
  problem?: Unevaluable;
}

/**
 * Why a value cannot be worked out without running make. `reason` reads after the
 * variable's name; `at` is the variable whose definition has the problem, once known.
 */
class Unevaluable extends Error {
  constructor(
    readonly reason: string,
    readonly at?: { name: string; line: number },
  ) {
    super(reason);
  }
}

/** Lines as make sees them: continuations joined, with their first line's number. */
function logicalLines(text: string): { text: string; line: number }[] {
  const raw = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const out: { text: string; line: number }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const line = i + 1;
    let joined = raw[i]!;
    // An odd number of trailing backslashes continues the line (an even number is escaped ones).
    while (/(^|[^\\])(\\\\)*\\$/.test(joined) && i + 1 < raw.length) {
      joined = `${joined.slice(0, -1).trimEnd()} ${raw[++i]!.trimStart()}`;
    }
    out.push({ text: joined, line });
  }
  return out;
}

/** The line without its comment; `\#` is a literal '#'. */
function stripComment(text: string): string {
  const m = /(^|[^\\])#/.exec(text);
  const cut = m ? text.slice(0, m.index + m[1]!.length) : text;
  return cut.replace(/\\#/g, '#');
}

const CONDITIONAL = /^(ifeq|ifneq|ifdef|ifndef)\b/;
const ASSIGNMENT = /^(?:(?:export|override)\s+)*([A-Za-z0-9_.-]+)\s*(:::=|::=|:=|\?=|\+=|!=|=)\s*(.*)$/;

/** The index of the bracket closing the one at `open`, or -1. */
function closing(text: string, open: number): number {
  const [o, c] = text[open] === '(' ? ['(', ')'] : ['{', '}'];
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === o) depth++;
    else if (text[i] === c && --depth === 0) return i;
  }
  return -1;
}

/**
 * Expands plain variable references ($(NAME), ${NAME}) and `$$`. Functions
 * ($(shell …), $(wildcard …)), computed names and automatic variables throw.
 */
function expand(text: string, lookup: (name: string) => string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$') {
      out += text[i];
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(' || next === '{') {
      const end = closing(text, i + 1);
      if (end < 0) throw new Unevaluable(`has an unclosed '${text.slice(i)}'`);
      const inner = text.slice(i + 2, end);
      if (!/^[A-Za-z0-9_.-]+$/.test(inner)) {
        throw new Unevaluable(`uses '${text.slice(i, end + 1)}', which only make can evaluate`);
      }
      out += lookup(inner);
      i = end;
    } else {
      throw new Unevaluable(`uses '$${next ?? ''}', which only make can evaluate`);
    }
  }
  return out;
}

/** The variables a Makefile sets at its top level, read without running make. */
class Makefile {
  private readonly vars = new Map<string, MakeVar>();
  /** Variables assigned inside ifeq/ifdef blocks, which are not evaluated: name → first line. */
  private readonly conditional = new Map<string, number>();

  constructor(readonly file: string) {
    let depth = 0;
    let inDefine = false;
    let inRule = false;
    for (const { text: raw, line } of logicalLines(readFileSync(file, 'utf8'))) {
      // A tab-led line after a rule is a recipe for the shell, not make syntax.
      if (inRule && raw.startsWith('\t')) continue;
      const text = stripComment(raw).trim();
      if (!text) continue;
      const word = text.split(/\s/, 1)[0];
      if (inDefine) {
        if (word === 'endef') inDefine = false;
      } else if (CONDITIONAL.test(text)) {
        depth++;
      } else if (word === 'endif') {
        depth = Math.max(0, depth - 1);
      } else if (word === 'define') {
        inDefine = true;
        const name = text.split(/\s+/)[1];
        if (name) this.assign(name, 'define', '', line, depth > 0);
      } else if (word !== 'else') {
        const m = ASSIGNMENT.exec(text);
        if (m) {
          inRule = false;
          this.assign(m[1]!, m[2]!, m[3]!.trim(), line, depth > 0);
        } else if (text.includes(':')) {
          inRule = true;
        }
      }
    }
  }

  private assign(name: string, op: string, value: string, line: number, conditional: boolean): void {
    if (conditional) {
      if (!this.conditional.has(name)) this.conditional.set(name, line);
      return;
    }
    const old = this.vars.get(name);
    const at = { name, line };
    if (op === 'define') {
      this.vars.set(name, { flavor: 'simple', value, line, problem: new Unevaluable("is set by a 'define' block", at) });
    } else if (op === '!=') {
      const problem = new Unevaluable("is set with '!=', a shell command's output", at);
      this.vars.set(name, { flavor: 'simple', value, line, problem });
    } else if (op === '?=') {
      if (!old) this.vars.set(name, { flavor: 'recursive', value, line });
    } else if (op === '+=' && old) {
      const added = old.flavor === 'simple' ? this.simple(name, value, line) : { value };
      this.vars.set(name, {
        flavor: old.flavor,
        value: [old.value, added.value].filter(Boolean).join(' '),
        line: old.line,
        problem: old.problem ?? added.problem,
      });
    } else if (op === '=' || op === '+=') {
      this.vars.set(name, { flavor: 'recursive', value, line });
    } else {
      this.vars.set(name, { flavor: 'simple', line, ...this.simple(name, value, line) });
    }
  }

  /** A `:=` value, expanded now with what is set so far, as make does. */
  private simple(name: string, value: string, line: number): { value: string; problem?: Unevaluable } {
    try {
      return { value: expand(value, (ref) => this.resolve(ref, [], line)) };
    } catch (e) {
      if (!(e instanceof Unevaluable)) throw e;
      return { value, problem: e.at ? e : new Unevaluable(e.reason, { name, line }) };
    }
  }

  /** The value of a variable the recipe needs, or an InputError naming what is in the way. */
  get(name: string): string {
    if (!this.vars.has(name)) {
      const cond = this.conditional.get(name);
      const only = cond !== undefined ? ` outside conditionals (it is set only inside one, at line ${cond})` : '';
      throw new InputError(`${this.file} does not set ${name}${only}`, [{ file: this.file, title: `${name} missing` }]);
    }
    try {
      return this.resolve(name, [], undefined).trim();
    } catch (e) {
      if (!(e instanceof Unevaluable) || !e.at) throw e;
      const subject = e.at.name === name ? name : `${e.at.name} (which ${name} uses)`;
      throw new InputError(`${this.file}:${e.at.line}: ${subject} ${e.reason} (the Makefile is read, never run)`, [
        { file: this.file, line: e.at.line, title: `cannot evaluate ${e.at.name}` },
      ]);
    }
  }

  /**
   * `chain` holds the variables being expanded, to catch a loop; `before` limits
   * the lookup to what was set above that line (for a `:=` value).
   */
  private resolve(name: string, chain: string[], before: number | undefined): string {
    const v = this.vars.get(name);
    if (!v || (before !== undefined && v.line > before)) {
      const cond = this.conditional.get(name);
      const only = cond !== undefined ? ` (it is set only inside a conditional, at line ${cond})` : '';
      const above = before !== undefined ? ` above line ${before}` : '';
      throw new Unevaluable(`refers to $(${name}), which the Makefile does not set${above}${only}`);
    }
    if (chain.includes(name)) throw new Unevaluable(`refers to itself through $(${name})`);
    const cond = this.conditional.get(name);
    if (cond !== undefined) {
      const reason = `is also set inside a conditional (ifeq/ifdef) at line ${cond}, so its value depends on how make is run`;
      throw new Unevaluable(reason, { name, line: v.line });
    }
    if (v.problem) throw v.problem;
    if (v.flavor === 'simple') return v.value;
    try {
      return expand(v.value, (ref) => this.resolve(ref, [...chain, name], before));
    } catch (e) {
      if (e instanceof Unevaluable && !e.at) throw new Unevaluable(e.reason, { name, line: v.line });
      throw e;
    }
  }
}

// ---------------------------------------------------------------------------
// Files in the tree.

/** The path of `rel` in the tree, if it exists; one whose real path leaves the tree is refused. */
function inTree(root: string, rel: string, kind: 'file' | 'dir'): string | undefined {
  const file = path.join(root, rel);
  if (!existsSync(file)) return undefined;
  const real = realpathSync(file);
  const realRoot = realpathSync(root);
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    throw new InputError(`${file} leads out of the libkrunfw tree (to ${real}); refusing to use it`, [{ file, title: 'symlink out of the tree' }]);
  }
  const stat = statSync(real);
  return (kind === 'dir' ? stat.isDirectory() : stat.isFile()) ? file : undefined;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * libkrunfw's rule: `find <dir>/ -name "0*.patch" | sort`. So it descends into
 * subdirectories (not through symlinked ones, as find does not), keeps names that
 * start with '0' and end in '.patch', and sorts the paths find prints. Sorted by
 * code point, as `sort` does in the C and C.UTF-8 locales CI runs in.
 */
function findPatches(root: string, rel: string): string[] {
  const found: string[] = [];
  const walk = (relDir: string): void => {
    const entries: Dirent[] = readdirSync(path.join(root, relDir), { withFileTypes: true });
    for (const e of entries) {
      const relPath = `${relDir}/${e.name}`;
      if (e.isDirectory()) walk(relPath);
      else if (/^0.*\.patch$/s.test(e.name) && inTree(root, relPath, 'file')) found.push(relPath);
    }
  };
  walk(rel);
  return found.sort(byCodePoint).map((p) => path.join(root, p));
}

function patchDir(root: string, candidates: string[], makefile: string): string {
  for (const rel of candidates) if (inTree(root, rel, 'dir')) return rel;
  throw new InputError(`${root} has no ${candidates.map((c) => `${c}/`).join(' or ')} directory, which ${makefile} takes patches from`, [
    { file: root, title: 'patch directory missing' },
  ]);
}

function configFor(root: string, variant: Variant, arch: Arch, host: Host): string {
  // libkrunfw's Windows build (make OS=Windows) has a config of its own, with the Hyper-V guest options.
  const name = `config-libkrunfw${host === 'windows' ? '-windows' : LAYOUT[variant].suffix}_${arch}`;
  const file = inTree(root, name, 'file');
  if (file) return file;
  const present = readdirSync(root)
    .filter((f) => f.startsWith('config-libkrunfw'))
    .sort(byCodePoint);
  throw new InputError(
    `${root} has no ${name}, the kernel config for ${variant} on ${arch}; ` + `config files there: ${present.length ? present.join(', ') : 'none'}`,
    [{ file: root, title: `${name} missing` }],
  );
}

function blob(root: string, candidates: string[], variant: Variant, what: string): string {
  for (const rel of candidates) {
    const file = inTree(root, rel, 'file');
    if (file) return file;
  }
  throw new InputError(`${root} has no ${candidates.join(' or ')}, the ${what} libkrunfw-${variant} bundles`, [{ file: root, title: `${what} missing` }]);
}

function versions(makefile: Makefile): Pick<LibkrunfwTreeRecipe, 'kernelVersion' | 'abiVersion' | 'version'> {
  const bad = (name: string, value: string, like: string): InputError =>
    new InputError(`${makefile.file}: ${name} is '${value}', which is not a version like ${like}`, [{ file: makefile.file, title: `bad ${name}` }]);
  const kernel = makefile.get('KERNEL_VERSION');
  const kernelVersion = kernel.replace(/^linux-/, '');
  if (!KERNEL_VERSION.test(kernelVersion)) throw bad('KERNEL_VERSION', kernel, 'linux-6.12.44');
  const abi = makefile.get('ABI_VERSION');
  if (!/^\d+$/.test(abi) || !Number.isSafeInteger(Number(abi))) throw bad('ABI_VERSION', abi, '5');
  const version = makefile.get('FULL_VERSION');
  if (!FULL_VERSION.test(version)) throw bad('FULL_VERSION', version, '5.1.0');
  return { kernelVersion, abiVersion: Number(abi), version };
}

/** The build recipe a libkrunfw source tree holds for one variant and arch. */
export function readLibkrunfwTree(dir: string, opts: { variant: Variant; arch: Arch; host?: Host }): LibkrunfwTreeRecipe {
  const { variant, arch, host = 'linux' } = opts;
  if (!Object.hasOwn(LAYOUT, variant)) {
    throw new InputError(`unknown libkrunfw variant '${variant}'; use one of ${Object.keys(LAYOUT).join(', ')}`);
  }
  if (!ARCHES.includes(arch)) throw new InputError(`unknown libkrunfw arch '${arch}'; use one of ${ARCHES.join(', ')}`);
  if (variant !== 'generic' && arch !== 'x86_64') {
    throw new InputError(`libkrunfw's ${variant} variant is built for x86_64 only, not ${arch}`);
  }

  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new InputError(`${root} is not a directory; expected a libkrunfw source tree`, [{ file: root }]);
  }
  const makefilePath = inTree(root, 'Makefile', 'file');
  if (!makefilePath) {
    throw new InputError(`${root} has no Makefile; expected a libkrunfw source tree`, [{ file: root, title: 'no Makefile' }]);
  }
  const makefile = new Makefile(makefilePath);
  const recipe: LibkrunfwTreeRecipe = {
    dir: root,
    ...versions(makefile),
    patches: findPatches(root, patchDir(root, ['patches'], makefilePath)),
    config: configFor(root, variant, arch, host),
  };
  if (variant === 'generic') return recipe;

  recipe.patches.push(...findPatches(root, patchDir(root, LAYOUT[variant].teePatches, makefilePath)));
  recipe.qboot = blob(root, LAYOUT[variant].qboot, variant, 'qboot firmware');
  recipe.initrd = blob(root, [INITRD], variant, 'initrd');
  return recipe;
}

// The config part of check mode (issue 14.3): kconfig makes the .config exactly
// as the configure stage does (the same writeConfig), and every option asked for
// that does not land is reported with what it became and why, from the Kconfig.
// An option this kernel does not have is said to be gone; a patch of the series
// that did not apply and would add it is named; a symbol under the same directory
// with the same prompt is suggested as its new name.
import path from 'node:path';
import type { Location } from '../errors.ts';
import { Evaluator, whyNot, type Explanation, type Kconfig, type KconfigLine } from '../kconfig/index.ts';
import type { StageContext } from '../pipeline/stage.ts';
import { configValues, findLost, isDerived, treeKconfig, writeConfig } from '../pipeline/stages/configure.ts';
import type { KernelConfig } from '../request/types.ts';
import type { Arch } from '../target.ts';
import { seriesKconfig, type PatchedSymbol } from './kconfig-in-patches.ts';

export interface CheckConfigInput {
  tree: string;
  arch: Arch;
  config: KernelConfig;
  crossCompile?: string;
  /** The series as tried: its patches in order, and the names of those left out. */
  series?: { patches: string[]; leftOut: string[] };
  /** The Kconfig of the kernel the config was written for, when the caller has that tree: renames by prompt. */
  previous?: Kconfig;
}

export interface RenameSuggestion {
  /** CONFIG_NEW */
  option: string;
  at: KconfigLine;
  prompt: string;
  /** Where the old name's prompt and directory were learnt from. */
  basis: string;
}

export interface ConfigVerdict {
  option: string;
  requested: string;
  /** What kconfig made of it: its value, or 'absent' when the .config has no line for it. */
  actual: string;
  from?: Location;
  /** lost: the kernel has the option but gave it another value; vanished: the kernel has no such option. */
  status: 'lost' | 'vanished';
  /**
   * A full config's option with no prompt here: kconfig derives it (from the compiler,
   * or from other options), so it is listed but does not fail the check, as configure
   * decides (isDerived). A full config written with another compiler loses those
   * (CONFIG_GCC_VERSION…) whatever it says; a fragment's every line must land.
   */
  derived: boolean;
  /** One line: why. */
  cause: string;
  why: Explanation;
  /** The entry's own `depends on` lines. */
  dependsOn: string[];
  /** A patch of the series, left out, that adds the option. */
  addedBy?: { patch: string; name: string; file: string };
  renames: RenameSuggestion[];
}

export interface ConfigCheck {
  mode: KernelConfig['mode'];
  files: string[];
  dotConfig: string;
  /** Options asked for, and how many landed. */
  requested: number;
  kept: number;
  verdicts: ConfigVerdict[];
  /** Reading the Kconfig, done only when something was lost. */
  kconfig?: { files: number; symbols: number; ms: number; problems: number };
}

const normalPrompt = (p: string): string => p.trim().replace(/\s+/g, ' ').toLowerCase();

/** Symbols with the same prompt under the same directory (or below it) as an old definition. */
function renamesOf(kconfig: Kconfig, old: { symbol: string; file: string; prompt?: string }, basis: string): RenameSuggestion[] {
  if (!old.prompt) return [];
  const dir = path.dirname(old.file);
  const want = normalPrompt(old.prompt);
  const out: RenameSuggestion[] = [];
  for (const sym of kconfig.symbols.values()) {
    if (sym.name === old.symbol) continue;
    for (const def of sym.definitions) {
      if (!def.prompt || normalPrompt(def.prompt.text) !== want) continue;
      const d = path.dirname(def.at.file);
      if (d !== dir && !d.startsWith(`${dir}/`)) continue;
      out.push({ option: `CONFIG_${sym.name}`, at: def.at, prompt: def.prompt.text, basis });
      break;
    }
  }
  return out;
}

/** Makes the .config from the request and reports every option that did not land, with why. */
export async function checkConfig(input: CheckConfigInput, ctx: StageContext): Promise<ConfigCheck> {
  const written = await writeConfig(input, ctx);
  const { requested, final } = written;
  const lost = findLost(requested, final);
  const result: ConfigCheck = {
    mode: input.config.mode,
    files: input.config.files,
    dotConfig: written.dotConfig,
    requested: requested.size,
    kept: requested.size - lost.length,
    verdicts: [],
  };
  if (lost.length === 0) return result;

  const started = performance.now();
  const kconfig = treeKconfig(input.tree, input.arch);
  result.kconfig = {
    files: kconfig.files.length,
    symbols: [...kconfig.symbols.values()].filter((s) => s.definitions.length > 0).length,
    ms: Math.round(performance.now() - started),
    problems: kconfig.problems.length,
  };
  for (const p of kconfig.problems) ctx.log.debug(`Kconfig: ${p.at.file}:${p.at.line}: ${p.message}`);
  const ev = new Evaluator(kconfig, configValues(final));
  const patched = input.series ? seriesKconfig(input.series.patches) : { added: [], removed: [] };
  const leftOut = new Set(input.series?.leftOut ?? []);

  for (const o of lost) {
    const name = o.option.replace(/^CONFIG_/, '');
    const sym = ev.symbol(name);
    const why = whyNot(ev, o.option, o.requested, final.get(o.option)?.value ?? 'n', { requested });
    const verdict: ConfigVerdict = {
      option: o.option,
      requested: o.requested,
      actual: final.has(o.option) ? final.get(o.option)!.value : 'absent',
      from: o.from,
      status: sym ? 'lost' : 'vanished',
      derived: isDerived(input.config.mode, o.option, kconfig),
      cause: why.text,
      why,
      dependsOn: sym ? sym.definitions.flatMap((d) => d.dependsOn.map((c) => c.text)) : [],
      renames: [],
    };
    if (!sym) {
      verdict.cause = 'no longer exists in this kernel';
      const adder = patched.added.find((a: PatchedSymbol) => a.symbol === name && leftOut.has(a.name));
      if (adder) {
        verdict.addedBy = { patch: adder.patch, name: adder.name, file: adder.file };
        verdict.cause = `${adder.name} adds it (${adder.file}), and that patch did not apply`;
      }
      const olds: { symbol: string; file: string; prompt?: string; basis: string }[] = [];
      for (const r of patched.removed.filter((x) => x.symbol === name)) olds.push({ ...r, basis: `${r.name} removes it from ${r.file}` });
      for (const def of input.previous?.symbols.get(name)?.definitions ?? []) {
        olds.push({ symbol: name, file: def.at.file, prompt: def.prompt?.text, basis: `${def.at.file}:${def.at.line} of the previous kernel` });
      }
      for (const old of olds) {
        for (const s of renamesOf(kconfig, old, old.basis)) if (!verdict.renames.some((r) => r.option === s.option)) verdict.renames.push(s);
      }
      if (verdict.renames.length > 0) {
        verdict.cause += `; renamed? ${verdict.renames.map((r) => `${r.option} (${r.at.file}:${r.at.line}) has the same prompt '${r.prompt}'`).join(', ')}`;
      }
    }
    result.verdicts.push(verdict);
  }
  return result;
}

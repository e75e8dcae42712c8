// configure: make the kernel .config from a full config or from fragments merged
// onto allnoconfig, then prove that every option asked for kept its value.
// Kconfig silently drops an option whose dependencies are unmet; we do not.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, LostConfigOptionsError, type Location, type LostOption } from '../../errors.ts';
import { Evaluator, readKconfig, sameValue, whyNot, type Kconfig, type RequestedValues } from '../../kconfig/index.ts';
import type { KernelConfig } from '../../request/types.ts';
import { archFacts, type Arch } from '../../target.ts';
import { run } from '../../util/run.ts';
import type { Stage, StageContext } from '../stage.ts';
import { readInputText } from '../../util/input-file.ts';

export { sameValue };

export interface ConfigureInput {
  tree: string;
  arch: Arch;
  config: KernelConfig;
  /** make CROSS_COMPILE=: kconfig asks the target's compiler what it supports. */
  crossCompile?: string;
}

export interface ConfigureOutput {
  /** The final .config in the tree. */
  dotConfig: string;
  /** The options the user set, with where. */
  requested: Map<string, RequestedOption>;
  /** Options in the final config set to something other than n. */
  enabled: number;
}

export interface RequestedOption {
  value: string;
  from: Location;
}

/** make's arguments that pick the architecture and its toolchain. */
export function archArgs(arch: Arch, crossCompile = ''): string[] {
  return [`ARCH=${archFacts(arch).kernelArch}`, ...(crossCompile ? [`CROSS_COMPILE=${crossCompile}`] : [])];
}

const SET = /^(CONFIG_[A-Za-z0-9_]+)=(.*)$/;
const UNSET = /^# (CONFIG_[A-Za-z0-9_]+) is not set$/;

/** Options of a config file; `n` for "is not set". */
export function parseConfig(text: string): Map<string, { value: string; line: number }> {
  const out = new Map<string, { value: string; line: number }>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    let m = SET.exec(line);
    if (m) return void out.set(m[1]!, { value: m[2]!, line: i + 1 });
    m = UNSET.exec(line);
    if (m) out.set(m[1]!, { value: 'n', line: i + 1 });
  });
  return out;
}

/** A config the caller gave: a regular file of at most 4 MiB, refused by name otherwise (util/input-file.ts). */
const readConfigFile = (file: string): string => readInputText(file, { input: 'kernel-config', kind: 'config' });

/** Where each requested option comes from; later files override earlier ones. */
export function requestedOptions(files: string[], onOverride?: (option: string, was: Location, now: Location) => void): Map<string, RequestedOption> {
  const requested = new Map<string, RequestedOption>();
  for (const file of files) {
    for (const [option, { value, line }] of parseConfig(readConfigFile(file))) {
      const prev = requested.get(option);
      const from = { file, line };
      if (prev && prev.value !== value) onOverride?.(option, prev.from, from);
      requested.set(option, { value, from });
    }
  }
  return requested;
}

/** Options by name (CONFIG_FOO) with their raw values, as the Kconfig evaluator takes them. */
export function configValues(final: Map<string, { value: string }>): Map<string, string> {
  return new Map([...final].map(([k, v]) => [k, v.value]));
}

/**
 * Says why each lost option is lost, from the tree's Kconfig: the first condition
 * that held it back and the option or line behind that (issue 15.8). Reads the
 * Kconfig only when called, that is when something was lost.
 */
export function explainLost(kconfig: Kconfig, lost: LostOption[], requested: RequestedValues, final: Map<string, { value: string }>): void {
  const ev = new Evaluator(kconfig, configValues(final));
  for (const o of lost) {
    const sym = ev.symbol(o.option.replace(/^CONFIG_/, ''));
    if (sym) o.dependsOn = sym.definitions.flatMap((d) => d.dependsOn.map((c) => c.text));
    const why = whyNot(ev, o.option, o.requested, final.get(o.option)?.value ?? 'n', { requested });
    if (why.text) o.cause = why.text;
  }
}

/** The tree's Kconfig for `arch`: read only when something was lost (about 1,600 files). */
export function treeKconfig(tree: string, arch: Arch): Kconfig {
  const facts = archFacts(arch);
  return readKconfig(tree, { srcArch: facts.srcArch, arch: facts.kernelArch });
}

/**
 * Whether a lost option was really asked for. A full config holds every option,
 * the derived ones too: one with no prompt in this kernel (the compiler's
 * version, an option only others select) is kconfig's to decide, not the
 * caller's, and a config written with another toolchain always differs there.
 * In fragments every line is a choice, and every one must land.
 */
export function isDerived(mode: KernelConfig['mode'], option: string, kconfig: Kconfig): boolean {
  const sym = kconfig.symbols.get(option.replace(/^CONFIG_/, ''));
  return mode === 'full' && sym !== undefined && sym.definitions.length > 0 && !sym.definitions.some((d) => d.prompt);
}

/** The .config kconfig made from the request, and what the request asked for. */
export interface WrittenConfig {
  dotConfig: string;
  requested: Map<string, RequestedOption>;
  final: Map<string, { value: string; line: number }>;
}

/** Makes the tree's .config: a full config then olddefconfig, or the fragments merged onto allnoconfig then olddefconfig. */
export async function writeConfig(input: ConfigureInput, ctx: StageContext): Promise<WrittenConfig> {
  const { tree, config } = input;
  const make = async (args: string[], what: string): Promise<void> => {
    const r = await run('make', ['-C', tree, ...archArgs(input.arch, input.crossCompile), ...args], { logFile: ctx.logFile, env: { LC_ALL: 'C' } });
    if (r.exitCode !== 0) {
      throw new ConfigError(`make ${args.join(' ')} failed while ${what} (exit ${r.exitCode}):\n${r.tail.slice(-25).join('\n')}`);
    }
  };
  const dotConfig = path.join(tree, '.config');
  const requested = requestedOptions(config.files, (option, was, now) =>
    ctx.log.notice(`${option} from ${was.file}:${was.line} is overridden by ${now.file}:${now.line}`, now),
  );
  if (config.mode === 'full') {
    ctx.log.info(`full config ${config.files[0]} (${requested.size} options), then olddefconfig`);
    copyFileSync(config.files[0]!, dotConfig);
  } else {
    const merged = path.join(ctx.workDir, 'config', 'fragments.config');
    mkdirSync(path.dirname(merged), { recursive: true });
    writeFileSync(merged, config.files.map((f) => `# --- ${f}\n${readConfigFile(f).replace(/\n?$/, '\n')}`).join(''));
    ctx.log.info(`${config.files.length} fragment(s), ${requested.size} options, merged onto allnoconfig`);
    await make([`KCONFIG_ALLCONFIG=${merged}`, 'allnoconfig'], 'merging the fragments onto allnoconfig');
  }
  await make(['olddefconfig'], 'completing the config');
  return { dotConfig, requested, final: parseConfig(readFileSync(dotConfig, 'utf8')) };
}

/** The options asked for that kconfig did not keep, in the order they were asked for. */
export function findLost(requested: Map<string, RequestedOption>, final: Map<string, { value: string }>): LostOption[] {
  const lost: LostOption[] = [];
  for (const [option, want] of requested) {
    const got = final.get(option)?.value ?? 'n';
    if (!sameValue(want.value, got)) {
      lost.push({ option, requested: want.value, actual: final.has(option) ? got : 'not set (absent)', from: want.from });
    }
  }
  return lost;
}

export const configureStage: Stage<ConfigureInput, ConfigureOutput> = {
  name: 'configure',
  title: 'configure the kernel',
  async run(input, ctx) {
    const { dotConfig, requested, final } = await writeConfig(input, ctx);
    let lost = findLost(requested, final);
    if (lost.length > 0) {
      const kconfig = treeKconfig(input.tree, input.arch);
      const derived = lost.filter((o) => isDerived(input.config.mode, o.option, kconfig));
      if (derived.length > 0) {
        ctx.log.info(
          `${derived.length} option(s) of the full config have no prompt in this kernel and stay as kconfig derived them: ${derived.map((o) => o.option).join(', ')}`,
        );
        lost = lost.filter((o) => !derived.includes(o));
      }
      if (lost.length > 0) {
        explainLost(kconfig, lost, requested, final);
        throw new LostConfigOptionsError(lost);
      }
    }
    const enabled = [...final.values()].filter((v) => v.value !== 'n').length;
    return { dotConfig, requested, enabled };
  },
  produces: (o) => [o.dotConfig],
  summary: (o) => `${o.requested.size} requested options all kept; ${o.enabled} enabled`,
};

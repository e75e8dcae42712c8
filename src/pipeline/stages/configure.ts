// configure: make the kernel .config from a full config or from fragments merged
// onto allnoconfig, then prove that every option asked for kept its value.
// Kconfig silently drops an option whose dependencies are unmet; we do not.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, LostConfigOptionsError, type Location, type LostOption } from '../../errors.ts';
import type { KernelConfig } from '../../request/types.ts';
import { archFacts, type Arch } from '../../target.ts';
import { run } from '../../util/run.ts';
import type { Stage } from '../stage.ts';

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

/** Whether kconfig's value is the one asked for (numbers compare by value: 0x10 = 16). */
export function sameValue(requested: string, actual: string): boolean {
  if (requested === actual) return true;
  const num = (v: string): bigint | undefined => (/^(0x[0-9a-f]+|-?\d+)$/i.test(v) ? BigInt(v) : undefined);
  const a = num(requested);
  const b = num(actual);
  return a !== undefined && a === b;
}

/** Where each requested option comes from; later files override earlier ones. */
export function requestedOptions(files: string[], onOverride?: (option: string, was: Location, now: Location) => void): Map<string, RequestedOption> {
  const requested = new Map<string, RequestedOption>();
  for (const file of files) {
    for (const [option, { value, line }] of parseConfig(readFileSync(file, 'utf8'))) {
      const prev = requested.get(option);
      const from = { file, line };
      if (prev && prev.value !== value) onOverride?.(option, prev.from, from);
      requested.set(option, { value, from });
    }
  }
  return requested;
}

/**
 * Every Kconfig symbol of the tree with the `depends on` lines of its entry, to say
 * why an option was lost. Built only when something was lost: it reads ~1,700 files.
 */
export function kconfigDependencies(tree: string, srcArch: string): Map<string, string[]> {
  const index = new Map<string, string[]>();
  const stack = [tree];
  const archDir = path.join(tree, 'arch');
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      // Other architectures define the same symbols with their own dependencies.
      if (dir === archDir && d.isDirectory() && d.name !== srcArch) continue;
      if (d.isDirectory() && !d.name.startsWith('.')) stack.push(path.join(dir, d.name));
      else if (d.isFile() && d.name.startsWith('Kconfig')) indexKconfig(readFileSync(path.join(dir, d.name), 'utf8'), index);
    }
  }
  return index;
}

function indexKconfig(text: string, index: Map<string, string[]>): void {
  let deps: string[] | undefined;
  for (const line of text.split('\n')) {
    const entry = /^\s*(?:menu)?config\s+([A-Za-z0-9_]+)\s*$/.exec(line);
    if (entry) {
      deps = index.get(`CONFIG_${entry[1]}`) ?? [];
      index.set(`CONFIG_${entry[1]}`, deps);
      continue;
    }
    if (/^\s*(choice|endchoice|menu|endmenu|if|endif|source|comment)\b/.test(line)) deps = undefined;
    const dep = /^\s*depends on\s+(.*)$/.exec(line);
    if (dep && deps) deps.push(dep[1]!.trim());
  }
}

export const configureStage: Stage<ConfigureInput, ConfigureOutput> = {
  name: 'configure',
  title: 'configure the kernel',
  async run(input, ctx) {
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
      writeFileSync(
        merged,
        config.files.map((f) => `# --- ${f}\n${readFileSync(f, 'utf8').replace(/\n?$/, '\n')}`).join(''),
      );
      ctx.log.info(`${config.files.length} fragment(s), ${requested.size} options, merged onto allnoconfig`);
      await make([`KCONFIG_ALLCONFIG=${merged}`, 'allnoconfig'], 'merging the fragments onto allnoconfig');
    }
    await make(['olddefconfig'], 'completing the config');

    const final = parseConfig(readFileSync(dotConfig, 'utf8'));
    const lost: LostOption[] = [];
    for (const [option, want] of requested) {
      const got = final.get(option)?.value ?? 'n';
      if (!sameValue(want.value, got)) {
        lost.push({ option, requested: want.value, actual: final.has(option) ? got : 'not set (absent)', from: want.from });
      }
    }
    if (lost.length > 0) {
      const kconfig = kconfigDependencies(tree, archFacts(input.arch).srcArch);
      for (const o of lost) {
        const deps = kconfig.get(o.option);
        if (deps === undefined) o.actual += '; this kernel has no such option';
        else o.dependsOn = deps;
      }
    }
    if (lost.length > 0) throw new LostConfigOptionsError(lost);
    const enabled = [...final.values()].filter((v) => v.value !== 'n').length;
    return { dotConfig, requested, enabled };
  },
  produces: (o) => [o.dotConfig],
  summary: (o) => `${o.requested.size} requested options all kept; ${o.enabled} enabled`,
};

// build.yml's plan: the reusable workflow's inputs → one matrix cell per
// variant × architecture the action builds, each on a runner that suits it.
// Every input is checked before any runner starts a build; all the refusals are
// reported at once, each naming its input. What the action builds comes from
// src/target.ts; only where GitHub runs each architecture is said here.
import { knownKernelSha256, VERSION_PATTERN } from '../kernel-versions.ts';
import {
  archFacts,
  ARCHES,
  crossPackages,
  HOST_PACKAGES,
  hostInfix,
  HOSTS,
  TEE_ARCHES,
  TEE_VARIANTS,
  VARIANTS,
  WINDOWS_TARGET,
  type Arch,
  type Host,
  type Variant,
} from '../target.ts';
import { quote, type Message } from './step-io.ts';

/** The plan's inputs: build.yml's workflow_call inputs of the same names. */
export const PLAN_INPUTS = [
  'variants',
  'architectures',
  'hosts',
  'kernel-version',
  'kernel-sha256',
  'libkrunfw-ref',
  'libkrunfw-repository',
  'qboot',
  'initrd',
  'check',
  'upload',
  'boot-test',
  'retention-days',
  'artifact-prefix',
] as const;
export type PlanInput = (typeof PLAN_INPUTS)[number];
export type RawPlanInputs = Record<PlanInput, string>;

/** build.yml's defaults, for a plan run outside it (test/workflows checks they agree). */
export const PLAN_DEFAULTS: Partial<RawPlanInputs> = {
  variants: '["generic"]',
  architectures: '["x86_64"]',
  hosts: '["linux"]',
  check: 'false',
  upload: 'true',
  'boot-test': 'true',
  'retention-days': '0',
  'artifact-prefix': 'libkrunfw',
};

/**
 * Where each architecture builds: natively where GitHub has a runner of it,
 * else cross-compiled on an x86_64 runner (the cell installs crossPackages, and
 * the action verifies the library under qemu-user).
 */
export const RUNNERS: Record<Arch, { label: string; host: Arch }> = {
  x86_64: { label: 'ubuntu-24.04', host: 'x86_64' },
  aarch64: { label: 'ubuntu-24.04-arm', host: 'aarch64' },
  riscv64: { label: 'ubuntu-24.04', host: 'x86_64' },
};

/** Where the cells that need qboot or initrd check out the caller's repository. */
export const CALLER_DIR = '.libkrunfw-caller';

/** One build job: the matrix entry build.yml's cells read (every value a string). */
export interface Cell {
  variant: Variant;
  arch: Arch;
  /** The action's host input: linux (.so) or windows (libkrunfw.dll). */
  host: Host;
  /** runs-on */
  runner: string;
  /** The workflow artifact: <prefix>-<variant>-<arch>, <prefix>-<variant>-windows-<arch> for the DLL. */
  artifact: string;
  /** The action's boot-test input. */
  boot: 'true' | 'false';
  /** The Debian package with the QEMU that boots this cell's kernel; '' when it is not booted. */
  emulator: string;
  /** Debian packages to install when cross-compiling, space-separated; '' natively. */
  cross: string;
  /** Debian packages the host's library needs (windows: mingw and wine), space-separated; '' for linux. */
  hostPackages: string;
  /** The action's qboot and initrd inputs: paths in the caller's checkout, for sev/tdx only. */
  qboot: string;
  initrd: string;
}

export interface Plan {
  cells: Cell[];
  /** Asked for, but not a thing the action builds (sev/tdx off x86_64). */
  leftOut: { variant: Variant; arch: Arch }[];
  /** The artifacts the cells upload ([] when upload is off). */
  artifacts: string[];
  /** A download-artifact pattern for exactly those. */
  artifactPattern: string;
}

export interface PlanResult {
  /** Errors, warnings and notices, in the order found. */
  messages: Message[];
  /** Absent when any message is an error. */
  plan?: Plan;
}

/** A list input: a JSON array of strings, or names separated by commas or blanks. */
export function nameList(raw: string): { names: string[] } | { problem: string } {
  const text = raw.trim();
  if (!text.startsWith('[')) return { names: text.split(/[\s,]+/).filter(Boolean) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { problem: `not a JSON array (${(e as Error).message})` };
  }
  if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) {
    return { problem: `must be a JSON array of strings, got ${quote(text)}` };
  }
  return { names: parsed };
}

const PLAIN_PATH = /^[A-Za-z0-9_][A-Za-z0-9._/+-]*$/;
const GIT_REF = /^[A-Za-z0-9_][A-Za-z0-9._/+-]*$/;
const HTTPS_GIT_URL = /^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~-]+)+\/?$/;
const ARTIFACT_PREFIX = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

type Report = (text: string) => void;

/** A list input's names, each one of `buildable` (each unknown one reported). */
function names<T extends string>(error: Report, label: string, value: string, buildable: readonly T[]): T[] {
  const list = nameList(value);
  if ('problem' in list) {
    error(`${label}: ${list.problem}`);
    return [];
  }
  if (list.names.length === 0) error(`${label}: empty; buildable: ${buildable.join(', ')}`);
  const unique = [...new Set(list.names)];
  for (const name of unique)
    if (!(buildable as readonly string[]).includes(name)) error(`${label}: unknown value ${quote(name)}; buildable: ${buildable.join(', ')}`);
  return unique.filter((n): n is T => (buildable as readonly string[]).includes(n));
}

/** A file in the caller's repository: relative, inside it, plain characters. */
function repositoryPath(error: Report, label: string, value: string): string {
  const path = value.trim();
  if (!path) return '';
  if (!PLAIN_PATH.test(path) || path.split('/').some((p) => p === '' || p === '.' || p === '..')) {
    error(`${label}: ${quote(path)} is not a plain relative path in your repository (like ci/qboot/bios.bin)`);
    return '';
  }
  return `${CALLER_DIR}/${path}`;
}

/** The kernel and recipe inputs; returns the libkrunfw ref ('' for the action's recipe). */
function checkSource(error: Report, raw: RawPlanInputs): string {
  const kernelVersion = raw['kernel-version'].trim();
  const kernelSha256 = raw['kernel-sha256'].trim();
  if (kernelVersion && !VERSION_PATTERN.test(kernelVersion)) {
    error(`kernel-version: ${quote(kernelVersion)} is not a kernel.org release number like 6.12.87`);
  } else if (kernelVersion && !kernelSha256 && !knownKernelSha256(kernelVersion)) {
    // The action refuses it in every cell; say so once, before they start.
    error(`kernel-version: ${kernelVersion} has no sha256 the action knows; set kernel-sha256 (from kernel.org's signed sha256sums.asc)`);
  }
  if (kernelSha256 && !/^[0-9a-fA-F]{64}$/.test(kernelSha256)) error('kernel-sha256: must be 64 hex digits');
  if (kernelSha256 && !kernelVersion) error('kernel-sha256: given without kernel-version');

  const ref = raw['libkrunfw-ref'].trim();
  if (ref && (!GIT_REF.test(ref) || ref.includes('..') || /(\.|\/|\.lock)$/.test(ref))) {
    error(`libkrunfw-ref: ${quote(ref)} is not a branch, tag or commit sha`);
  }
  const repository = raw['libkrunfw-repository'].trim();
  if (repository && !HTTPS_GIT_URL.test(repository)) {
    error(`libkrunfw-repository: ${quote(repository)} is not an https git URL like https://github.com/containers/libkrunfw`);
  }
  if (repository && !ref) error('libkrunfw-repository: given without libkrunfw-ref (say which ref of it to build)');
  return ref;
}

/** Every variant × architecture asked for, split into the cells that exist and those left out (with a notice). */
function pairsOf(messages: Message[], variants: Variant[], arches: Arch[]): { kept: Pair[]; leftOut: Pair[] } {
  const exists = (v: Variant, a: Arch): boolean => !TEE_VARIANTS.includes(v) || TEE_ARCHES.includes(a);
  const pairs = variants.flatMap((variant) => arches.map((arch) => ({ variant, arch })));
  const kept = pairs.filter((p) => exists(p.variant, p.arch));
  const leftOut = pairs.filter((p) => !exists(p.variant, p.arch));
  if (variants.length > 0 && arches.length > 0 && kept.length === 0) {
    messages.push({
      level: 'error',
      text: `nothing to build: ${variants.join(', ')} exist only for ${TEE_ARCHES.join(', ')}, and architectures holds ${arches.join(', ')}`,
    });
  } else if (leftOut.length > 0) {
    messages.push({
      level: 'notice',
      text:
        `left out: ${leftOut.map((p) => `${p.variant} ${p.arch}`).join(', ')} ` +
        `(${TEE_VARIANTS.join(', ')} are confidential guests for ${TEE_ARCHES.join(', ')} only)`,
    });
  }
  return { kept, leftOut };
}

type Pair = { variant: Variant; arch: Arch };

/** Each pair for each host asked: windows only for x86_64 generic, as the action refuses it elsewhere (an error when that pair is not asked). */
function hostCells(error: Report, hosts: Host[], kept: Pair[]): (Pair & { host: Host })[] {
  const windowsPair = kept.find((p) => p.arch === WINDOWS_TARGET.arch && p.variant === WINDOWS_TARGET.variant);
  if (hosts.includes('windows') && !windowsPair && kept.length > 0) {
    error(
      `hosts: windows is built for ${WINDOWS_TARGET.arch} ${WINDOWS_TARGET.variant} only, and variants x architectures hold ${kept.map((p) => `${p.variant} ${p.arch}`).join(', ')}`,
    );
  }
  return hosts.flatMap((host): (Pair & { host: Host })[] =>
    host === 'windows' ? (windowsPair ? [{ ...windowsPair, host }] : []) : kept.map((p) => ({ ...p, host })),
  );
}

export function planBuilds(raw: RawPlanInputs): PlanResult {
  const messages: Message[] = [];
  const error: Report = (text) => void messages.push({ level: 'error', text });
  const variants = names(error, 'variants', raw.variants, VARIANTS);
  const arches = names(error, 'architectures', raw.architectures, ARCHES);
  const hosts = names(error, 'hosts', raw.hosts, HOSTS);
  const ref = checkSource(error, raw);
  const qboot = repositoryPath(error, 'qboot', raw.qboot);
  const initrd = repositoryPath(error, 'initrd', raw.initrd);
  const retention = raw['retention-days'].trim();
  if (!/^\d+$/.test(retention) || Number(retention) > 90) {
    error(`retention-days: ${quote(retention)} is not a whole number of days from 0 to 90`);
  }
  const prefix = raw['artifact-prefix'].trim();
  if (!ARTIFACT_PREFIX.test(prefix)) error(`artifact-prefix: ${quote(prefix)} may hold only letters, digits, '.', '_' and '-'`);

  const { kept, leftOut } = pairsOf(messages, variants, arches);
  // A check compiles and links nothing, so it bundles no qboot or initrd and boots nothing.
  const check = raw.check === 'true';
  const tee = TEE_VARIANTS.filter((v) => kept.some((p) => p.variant === v));
  if (tee.length > 0 && !check && !ref && !(qboot && initrd)) {
    const missing = [qboot ? '' : 'qboot', initrd ? '' : 'initrd'].filter(Boolean).join(' and ');
    error(
      `variants: ${tee.join(', ')} bundle the qboot firmware and an initrd: set libkrunfw-ref ` +
        '(a containers/libkrunfw ref, whose qboot/<variant>/bios.bin and initrd/initrd.gz are used), ' +
        `or ${missing} (a path in your repository)`,
    );
  }
  if ((qboot || initrd) && (tee.length === 0 || check)) {
    messages.push({
      level: 'warning',
      text: `qboot and initrd are for the sev and tdx builds, and ${check ? 'a check builds none' : 'none is planned'}; they are not used`,
    });
  }
  const planned = hostCells(error, hosts, kept);
  if (messages.some((m) => m.level === 'error')) return { messages };

  const cells = planned.map(({ variant, arch, host }): Cell => {
    const blobs = TEE_VARIANTS.includes(variant) && !check;
    // The action boots only what it has an emulator for; elsewhere its verify stage checks the library.
    const boot = !check && raw['boot-test'] === 'true' && archFacts(arch).bootEmulator !== undefined;
    return {
      variant,
      arch,
      host,
      runner: RUNNERS[arch].label,
      artifact: `${prefix}-${variant}${hostInfix(host)}-${arch}`,
      boot: boot ? 'true' : 'false',
      emulator: boot ? archFacts(arch).bootPackage! : '',
      cross: RUNNERS[arch].host === arch ? '' : crossPackages(arch).join(' '),
      hostPackages: HOST_PACKAGES[host].join(' '),
      qboot: blobs ? qboot : '',
      initrd: blobs ? initrd : '',
    };
  });
  const artifacts = raw.upload === 'true' ? cells.map((c) => c.artifact) : [];
  return { messages, plan: { cells, leftOut, artifacts, artifactPattern: `${prefix}-*` } };
}

/** The plan job's outputs, as build.yml hands them on. */
export function planOutputs(plan: Plan): Record<'matrix' | 'artifacts' | 'artifact-pattern' | 'builds', string> {
  return {
    matrix: JSON.stringify({ include: plan.cells }),
    artifacts: JSON.stringify(plan.artifacts),
    'artifact-pattern': plan.artifactPattern,
    builds: JSON.stringify(plan.cells.map(({ variant, arch, runner, artifact }) => ({ variant, arch, runner, artifact }))),
  };
}

/** The job summary: a row per cell, and one per cell left out. */
export function planSummary(plan: Plan): string {
  const rows = plan.cells.map((c) => {
    const how = c.cross ? `${c.runner} (cross)` : c.runner;
    const uploaded = plan.artifacts.includes(c.artifact) ? c.artifact : '(not uploaded)';
    return `| ${c.variant} | ${c.arch}${c.host === 'linux' ? '' : ` (${c.host})`} | ${how} | ${c.boot === 'true' ? 'yes' : 'no'} | ${uploaded} |\n`;
  });
  const left = plan.leftOut.map((p) => `| ${p.variant} | ${p.arch} | (left out: ${p.variant} is for ${TEE_ARCHES.join(', ')} only) | | |\n`);
  return ['| variant | arch | runner | boot test | artifact |\n| --- | --- | --- | --- | --- |\n', ...rows, ...left].join('');
}

// The one resolver: raw inputs, as either door read them, become one typed,
// validated request. Every input is read here and nowhere else, every default
// is applied here (static ones from the table in inputs.ts), and every check on
// what the caller gave happens before anything touches the disk, the network
// or a compiler. Reading the caller's files to validate them is all it does.
//
// In two steps: what the caller gave is parsed and checked (`parseGiven`), then
// the recipe fills what was not given (`applyRecipe`). With libkrunfw-ref the
// recipe is a tree that must be checked out first: the request comes back
// pending, everything the caller gave already checked, and `settle` applies the
// tree once the route has checked it out.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { kernelOrgUrl, requireKernelSha256, VERSION_PATTERN } from '../kernel-versions.ts';
import { parseMemoryMiB, parseVcpus } from '../measure/options.ts';
import { checkDylibVersion } from '../pipeline/macos-bundle.ts';
import { RECIPE } from '../recipe.ts';
import { checkRefArguments } from '../recipe/checkout.ts';
import { readLibkrunfwTree } from '../recipe/libkrunfw-tree.ts';
import {
  archFacts,
  archOfHost,
  ARCHES,
  HOSTS,
  isArch,
  isHost,
  isVariant,
  TEE_ARCHES,
  TEE_VARIANTS,
  VARIANTS,
  WINDOWS_TARGET,
  type Arch,
  type Host,
  type Variant,
} from '../target.ts';
import { checkBlob } from './blobs.ts';
import { BUILD_INPUTS, type BuildInputName, type InputSpec, type Mode, type RawBuildInputs } from './inputs.ts';
import { checkInputFile, readInputText } from '../util/input-file.ts';
import { readSeries } from './series.ts';
import {
  BLOB_NAMES,
  type BlobName,
  type BlobSource,
  type BootTest,
  type BuildRequest,
  type CacheSettings,
  type CheckedOutTree,
  type KernelConfig,
  type LibraryRequest,
  type RecipeSource,
  type Request,
  type RequestEnvironment,
  type VerifySourceRequest,
} from './types.ts';

const SHA256 = /^[0-9a-f]{64}$/;
const LIB_VERSION = /^\d+\.\d+\.\d+$/;

/** The raw inputs, read once: each one's value as given, else its default from the table. */
class Values {
  constructor(private readonly raw: RawBuildInputs) {}

  private static spec(name: BuildInputName) {
    return BUILD_INPUTS.find((s) => s.name === name)!;
  }

  private static declaredDefault(name: BuildInputName): string | undefined {
    const spec = Values.spec(name);
    return 'default' in spec ? spec.default : undefined;
  }

  /** What the caller wrote, trimmed; undefined when empty. */
  private givenText(name: BuildInputName): string | undefined {
    const v = this.raw[name];
    if (Array.isArray(v)) return v.join('\n').trim() || undefined;
    if (typeof v === 'boolean') return String(v);
    return v?.trim() || undefined;
  }

  /**
   * Whether the caller chose this input. A runner passes every action.yml
   * default as if given, so a value equal to its default is not a choice.
   */
  given(name: BuildInputName): boolean {
    const v = this.givenText(name);
    return v !== undefined && v !== Values.declaredDefault(name);
  }

  text(name: BuildInputName): string | undefined {
    return this.givenText(name) ?? Values.declaredDefault(name);
  }

  list(name: BuildInputName): string[] {
    const v = this.raw[name];
    const parts = Array.isArray(v) ? v : typeof v === 'string' ? v.split('\n') : [];
    return parts.map((p) => p.trim()).filter((p) => p.length > 0);
  }

  flag(name: BuildInputName): boolean {
    const v = this.raw[name];
    if (typeof v === 'boolean') return v;
    const t = this.text(name);
    if (t !== undefined && ['true', 'True', 'TRUE', '1', 'yes'].includes(t)) return true;
    if (t === undefined || ['false', 'False', 'FALSE', '0', 'no'].includes(t)) return false;
    throw new InputError(`${name} must be true or false, not '${t}'`);
  }
}

function positiveInt(value: string, name: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new InputError(`${name} must be a positive whole number, not '${value}'`);
  }
  return Number(value);
}

function existing(file: string, input: string): string {
  if (!existsSync(file)) throw new InputError(`${input}: ${file} does not exist`);
  return file;
}

/** Which mode the inputs ask for: a vmlinux to package, a source release to verify, or else a build. */
function modeOf(v: Values): Mode {
  const chosen = (['vmlinux', 'verify-source', 'check'] as const).filter((n) => v.given(n));
  if (chosen.length > 1) throw new InputError(`give one of ${chosen.join(', ')}, not several: they ask for different runs`);
  return v.given('verify-source') ? 'verify-source' : v.given('vmlinux') ? 'bundle' : v.flag('check') ? 'check' : 'build';
}

const DOING: Record<Mode, string> = {
  build: 'building a kernel',
  bundle: 'packaging an existing vmlinux',
  'verify-source': 'verifying a source release',
  check: 'checking a series and config without building',
};

/** Inputs the caller chose that mean nothing in this mode: refused, not silently ignored. */
function refuseStrays(v: Values, mode: Mode): void {
  const applies = (spec: InputSpec): boolean => spec.modes.includes(mode);
  const stray = BUILD_INPUTS.filter((s) => !applies(s) && v.given(s.name)).map((s) => s.name);
  if (stray.length > 0) throw new InputError(`${stray.join(', ')} ${stray.length === 1 ? 'does' : 'do'} not apply when ${DOING[mode]}`);
}

export function resolveRequest(raw: RawBuildInputs, env: RequestEnvironment): Request {
  const v = new Values(raw);
  const mode = modeOf(v);
  refuseStrays(v, mode);
  if (mode === 'verify-source') return resolveVerifySource(v, env);
  if (mode === 'bundle') {
    const file = path.resolve(env.cwd, v.text('vmlinux')!);
    checkInputFile(file, { input: 'vmlinux', kind: 'vmlinux' });
    return { mode, image: file, upload: v.flag('upload'), ...libraryRequest(parseLibrary(v, env), projectVersions()) };
  }
  return resolveBuild(v, env, mode);
}

function workDirOf(v: Values, env: RequestEnvironment, mode: Mode): string {
  const given = v.text('work-dir');
  return given ? path.resolve(env.cwd, given) : path.join(env.tempDir, mode === 'verify-source' ? 'libkrunfw-verify-source' : 'libkrunfw-work');
}

function jobsOf(v: Values, env: RequestEnvironment): number {
  const jobs = v.text('jobs');
  return jobs === undefined ? Math.max(1, env.cpuCount) : positiveInt(jobs, 'jobs');
}

function resolveVerifySource(v: Values, env: RequestEnvironment): VerifySourceRequest {
  return {
    mode: 'verify-source',
    release: path.resolve(env.cwd, v.text('verify-source')!),
    workDir: workDirOf(v, env, 'verify-source'),
    keepWorkDir: v.flag('keep-work-dir'),
    jobs: jobsOf(v, env),
  };
}

// ---------------------------------------------------------------------------
// What the caller gave for a library, checked; the recipe fills the rest.

interface GivenLibrary {
  arch: Arch;
  variant: Variant;
  host: Host;
  blobs: Partial<Record<BlobName, BlobSource>>;
  abiVersion?: number;
  version?: string;
  bootTest: BootTest;
  measure?: { vcpus: number[]; memoryMiB: number[] };
  sourceDateEpoch: number;
  outDir: string;
  workDir: string;
  keepWorkDir: boolean;
}

function parseArch(v: Values, env: RequestEnvironment): Arch {
  const given = v.text('arch');
  if (given === undefined) {
    const host = archOfHost(env.hostArch);
    if (!host) throw new InputError(`this machine (${env.hostArch}) is not one we build on natively; set arch to one of ${ARCHES.join(', ')}`);
    return host;
  }
  if (!isArch(given)) throw new InputError(`arch '${given}' is not supported; supported: ${ARCHES.join(', ')}`);
  return given;
}

function parseVariant(v: Values, arch: Arch): Variant {
  const given = v.text('variant')!;
  if (!isVariant(given)) throw new InputError(`variant must be one of ${VARIANTS.join(', ')}, not '${given}'`);
  if (TEE_VARIANTS.includes(given) && !TEE_ARCHES.includes(arch)) {
    throw new InputError(`variant ${given} is for ${TEE_ARCHES.join(', ')} confidential guests; it does not exist for ${arch}`);
  }
  return given;
}

/** windows: x86_64 generic only (WHP runs x86_64 guests, and there is no SEV/TDX library for it). */
function parseHost(v: Values, arch: Arch, variant: Variant): Host {
  const given = v.text('host')!;
  if (!isHost(given)) throw new InputError(`host must be one of ${HOSTS.join(', ')}, not '${given}'`);
  if (given === 'windows' && (arch !== WINDOWS_TARGET.arch || variant !== WINDOWS_TARGET.variant)) {
    throw new InputError(`host windows is built for ${WINDOWS_TARGET.arch} ${WINDOWS_TARGET.variant} only, not ${arch} ${variant}`);
  }
  return given;
}

function parseBlobs(v: Values, env: RequestEnvironment, variant: Variant): GivenLibrary['blobs'] {
  const given = BLOB_NAMES.filter((n) => v.given(n));
  if (!TEE_VARIANTS.includes(variant)) {
    if (given.length > 0) throw new InputError(`${given.join(' and ')} only apply to the sev and tdx variants, not ${variant}`);
    return {};
  }
  const blobs: GivenLibrary['blobs'] = {};
  for (const name of given) {
    const file = path.resolve(env.cwd, v.text(name)!);
    checkBlob(name, file, name);
    blobs[name] = { file, origin: `input ${name}: ${path.basename(file)}` };
  }
  return blobs;
}

function parseEpoch(v: Values, env: RequestEnvironment): number {
  const given = v.text('source-date-epoch') ?? env.sourceDateEpoch?.trim();
  if (!given) return RECIPE.sourceDateEpoch;
  if (!/^\d+$/.test(given) || !Number.isSafeInteger(Number(given))) {
    throw new InputError(`source-date-epoch must be whole seconds since 1970, not '${given}'`);
  }
  return Number(given);
}

function parseBootTest(v: Values, arch: Arch): BootTest {
  const boot = v.text('boot-test')!;
  if (!['auto', 'true', 'false'].includes(boot)) throw new InputError(`boot-test must be auto, true or false, not '${boot}'`);
  if (boot === 'true' && !archFacts(arch).bootEmulator) {
    throw new InputError(`boot-test: true, but there is no boot test for ${arch} yet; use auto or false`);
  }
  return boot === 'auto' ? 'auto' : boot === 'true' ? 'on' : 'off';
}

/** sev libraries are measured (src/measure/); the launches to measure mean nothing for another variant. */
function parseMeasure(v: Values, variant: Variant): GivenLibrary['measure'] {
  if (variant !== 'sev') {
    const stray = (['measure-vcpus', 'measure-memory'] as const).filter((n) => v.given(n));
    if (stray.length > 0) throw new InputError(`${stray.join(' and ')} only apply to the sev variant, not ${variant}`);
    return undefined;
  }
  return { vcpus: parseVcpus(v.text('measure-vcpus')!, 'measure-vcpus'), memoryMiB: parseMemoryMiB(v.text('measure-memory')!, 'measure-memory') };
}

function parseLibrary(v: Values, env: RequestEnvironment): GivenLibrary {
  const arch = parseArch(v, env);
  const variant = parseVariant(v, arch);
  const abi = v.text('abi-version');
  const version = v.text('version');
  if (version !== undefined && !LIB_VERSION.test(version)) throw new InputError(`version must look like 5.4.0, not '${version}'`);
  return {
    arch,
    variant,
    host: parseHost(v, arch, variant),
    blobs: parseBlobs(v, env, variant),
    abiVersion: abi === undefined ? undefined : positiveInt(abi, 'abi-version'),
    version,
    bootTest: parseBootTest(v, arch),
    measure: parseMeasure(v, variant),
    sourceDateEpoch: parseEpoch(v, env),
    outDir: path.resolve(env.cwd, v.text('out-dir')!),
    workDir: workDirOf(v, env, 'build'),
    keepWorkDir: v.flag('keep-work-dir'),
  };
}

/** The library's versions and blobs as the recipe would have them, for what the caller did not give. */
interface RecipeVersions {
  abiVersion: number;
  version: string;
  blobs?: Partial<Record<BlobName, BlobSource>>;
  /** Names the recipe in "needs qboot" messages. */
  offersBlobs?: string;
}

function projectVersions(): RecipeVersions {
  return { abiVersion: RECIPE.abiVersion, version: RECIPE.version };
}

function libraryRequest(g: GivenLibrary, recipe: RecipeVersions, needsBlobs = true): LibraryRequest {
  const abiVersion = g.abiVersion ?? recipe.abiVersion;
  const version = g.version ?? recipe.version;
  if (!version.startsWith(`${abiVersion}.`)) {
    throw new InputError(`version ${version} does not belong to abi-version ${abiVersion} (it must start with '${abiVersion}.')`);
  }
  // aarch64 libraries also ship the macOS bundle, whose dylib version has narrower fields.
  if (g.arch === 'aarch64') checkDylibVersion('version', version);
  let blobs: LibraryRequest['blobs'];
  if (TEE_VARIANTS.includes(g.variant) && needsBlobs) {
    const all: Partial<Record<BlobName, BlobSource>> = { ...recipe.blobs, ...g.blobs };
    for (const name of BLOB_NAMES) {
      if (all[name]) continue;
      throw new InputError(
        `the ${g.variant} variant needs ${name === 'qboot' ? 'the qboot firmware (a 64 KiB bios.bin)' : 'an initrd (initrd.gz)'}: ` +
          `set ${name}, or build from a libkrunfw source tree (libkrunfw-dir or libkrunfw-ref) that has one`,
      );
    }
    blobs = { qboot: all.qboot!, initrd: all.initrd! };
  }
  return {
    arch: g.arch,
    variant: g.variant,
    host: g.host,
    blobs,
    bootTest: g.bootTest,
    measure: g.measure,
    abiVersion,
    version,
    reproducibility: { sourceDateEpoch: g.sourceDateEpoch, user: RECIPE.buildUser, host: RECIPE.buildHost },
    outDir: g.outDir,
    workDir: g.workDir,
    keepWorkDir: g.keepWorkDir,
  };
}

// ---------------------------------------------------------------------------
// A build: the kernel, its patches and config, the caches, upload.

interface GivenBuild extends GivenLibrary {
  mode: 'build' | 'check';
  recipe: { kind: 'project' } | { kind: 'dir'; dir: string } | { kind: 'ref'; repository: string; ref: string };
  kernel: { version?: string; source?: BuildRequest['kernel']['source']; sha256?: string };
  patches?: string[];
  config: { mode: 'auto' | 'full' | 'fragments'; files: string[]; entries: number };
  jobs: number;
  cache: CacheSettings;
  cacheDir?: string;
  upload: boolean;
  retentionDays: number;
}

function parseKernel(v: Values, env: RequestEnvironment): GivenBuild['kernel'] {
  const version = v.text('kernel-version');
  const source = v.text('kernel-source');
  const sha256 = v.text('kernel-sha256')?.toLowerCase();
  if (sha256 !== undefined && !SHA256.test(sha256)) throw new InputError(`kernel-sha256 must be 64 hex digits, not '${sha256}'`);
  if (version !== undefined && source !== undefined) throw new InputError('give kernel-version or kernel-source, not both');
  if (version !== undefined && !VERSION_PATTERN.test(version)) throw new InputError(`kernel-version '${version}' is not a version like 6.12.87`);
  if (source === undefined) return { version, sha256 };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    let url: URL;
    try {
      url = new URL(source);
    } catch {
      throw new InputError(`kernel-source '${source}' is not a valid URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new InputError(`kernel-source: only https and http URLs are supported, not ${url.protocol}`);
    }
    if (!sha256) {
      throw new InputError(
        `kernel-source is a URL (${source}) but kernel-sha256 is not set: a downloaded kernel must be pinned. ` +
          "Set kernel-sha256 to the tarball's published sha256.",
      );
    }
    return { source: { kind: 'url', url: source }, sha256 };
  }
  const file = path.resolve(env.cwd, source);
  checkInputFile(file, { input: 'kernel-source', kind: 'kernel-source' });
  return { source: { kind: 'file', path: file }, sha256 };
}

/** Files of a config input: a directory stands for its *.config files in name order. */
function configFiles(entries: string[], cwd: string): string[] {
  const files: string[] = [];
  for (const entry of entries) {
    const p = existing(path.resolve(cwd, entry), 'kernel-config');
    if (statSync(p).isDirectory()) {
      const inDir = configsIn(p);
      if (inDir.length === 0) throw new InputError(`kernel-config: directory ${p} holds no *.config files`);
      files.push(...inDir);
    } else {
      checkInputFile(p, { input: 'kernel-config', kind: 'config' });
      files.push(p);
    }
  }
  return files;
}

function configsIn(dir: string): string[] {
  // Sorted by code point, not locale, so every machine merges in the same order.
  return readdirSync(dir)
    .filter((f) => f.endsWith('.config'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((f) => path.join(dir, f));
}

/** A single file that kconfig wrote (it says so in its header) is a full config. */
export function looksLikeFullConfig(file: string): boolean {
  const head = readInputText(file, { input: 'kernel-config', kind: 'config' }).slice(0, 4096);
  return /^# Automatically generated file; DO NOT EDIT\./m.test(head) || /^CONFIG_CC_VERSION_TEXT=/m.test(head);
}

function parseConfig(v: Values, env: RequestEnvironment): GivenBuild['config'] {
  const mode = v.text('kernel-config-mode')!;
  if (mode !== 'auto' && mode !== 'full' && mode !== 'fragments') {
    throw new InputError(`kernel-config-mode must be auto, full or fragments, not '${mode}'`);
  }
  const entries = v.list('kernel-config');
  const files = configFiles(entries, env.cwd);
  if (mode === 'full' && files.length > 1) {
    throw new InputError(`kernel-config-mode is full, which takes one file, but ${files.length} were given`);
  }
  return { mode, files, entries: entries.length };
}

function parseCache(v: Values): CacheSettings {
  const ccacheMaxSize = v.text('ccache-max-size')!;
  if (!/^\d+(\.\d+)?[KMGT]?i?B?$/i.test(ccacheMaxSize)) {
    throw new InputError(`ccache-max-size must be a size like 2G or 500M, not '${ccacheMaxSize}'`);
  }
  return { source: v.flag('cache-source'), compiler: v.flag('cache-compiler'), output: v.flag('cache-output'), tree: v.flag('cache-tree'), ccacheMaxSize };
}

function parseRetention(v: Values): number {
  const days = v.text('retention-days')!;
  if (!/^\d+$/.test(days) || Number(days) > 400) throw new InputError(`retention-days must be a whole number of days (0 for the default), not '${days}'`);
  return Number(days);
}

function parseRecipe(v: Values, env: RequestEnvironment): GivenBuild['recipe'] {
  const dir = v.text('libkrunfw-dir');
  const ref = v.text('libkrunfw-ref');
  if (dir !== undefined && ref !== undefined) throw new InputError('give libkrunfw-dir or libkrunfw-ref, not both');
  if (v.given('libkrunfw-repository') && ref === undefined) {
    throw new InputError('libkrunfw-repository is set but libkrunfw-ref is not: say which branch, tag or commit of it to build');
  }
  if (dir !== undefined) return { kind: 'dir', dir: path.resolve(env.cwd, dir) };
  if (ref === undefined) return { kind: 'project' };
  const repository = v.text('libkrunfw-repository')!;
  checkRefArguments({ repository, ref });
  // A local repository path is relative to where the caller is, like every other path.
  return { kind: 'ref', repository: /^[A-Za-z][A-Za-z0-9+.-]*:\/\/|^[^/]+:/.test(repository) ? repository : path.resolve(env.cwd, repository), ref };
}

function parseBuild(v: Values, env: RequestEnvironment): Omit<GivenBuild, 'mode'> {
  const library = parseLibrary(v, env);
  const patches = v.text('patches');
  const cacheDir = v.text('cache-dir');
  return {
    ...library,
    recipe: parseRecipe(v, env),
    kernel: parseKernel(v, env),
    patches: patches === undefined ? undefined : patches === 'none' ? [] : readSeries(existing(path.resolve(env.cwd, patches), 'patches')),
    config: parseConfig(v, env),
    jobs: jobsOf(v, env),
    cache: parseCache(v),
    cacheDir: cacheDir === undefined ? undefined : path.resolve(env.cwd, cacheDir),
    upload: v.flag('upload'),
    retentionDays: parseRetention(v),
  };
}

function resolveBuild(v: Values, env: RequestEnvironment, mode: 'build' | 'check'): Request {
  const given = { ...parseBuild(v, env), mode };
  const { recipe } = given;
  if (recipe.kind === 'project') return applyRecipe(given, projectRecipe(given.arch, given.variant, given.host), { kind: 'project' });
  if (recipe.kind === 'dir') return applyRecipe(given, treeRecipe(recipe.dir, given), { kind: 'libkrunfw-tree', dir: recipe.dir });
  return {
    mode,
    checkout: { repository: recipe.repository, ref: recipe.ref },
    workDir: given.workDir,
    keepWorkDir: given.keepWorkDir,
    outDir: given.outDir,
    cacheDir: given.cacheDir,
    settle: (tree: CheckedOutTree) =>
      applyRecipe(given, treeRecipe(tree.dir, given), {
        kind: 'libkrunfw-tree',
        dir: tree.dir,
        repository: tree.repository,
        ref: tree.ref,
        commit: tree.commit,
      }),
  };
}

// ---------------------------------------------------------------------------
// The recipes: what a build takes when the caller does not say.

/** What a recipe supplies for one arch and variant. */
interface Recipe extends RecipeVersions {
  kernelVersion: string;
  patches: string[];
  config: KernelConfig;
}

function projectRecipe(arch: Arch, variant: Variant, host: Host): Recipe {
  // The project's series and config fragments; a confidential guest or the Windows host adds its own on top.
  const tee = TEE_VARIANTS.includes(variant);
  const extra = tee ? [`${arch}-${variant}`] : host === 'windows' ? [`${arch}-windows`] : [];
  const files: string[] = [];
  for (const dir of [RECIPE.configDir(arch), ...extra.map((d) => RECIPE.configDir(d))]) {
    const inDir = existsSync(dir) ? configsIn(dir) : [];
    if (inDir.length === 0) throw new InputError(`the project has no kernel config for ${path.basename(dir)} (expected *.config files in ${dir})`);
    files.push(...inDir);
  }
  return {
    ...projectVersions(),
    kernelVersion: RECIPE.kernelVersion,
    patches: [RECIPE.patchesDir, ...(tee ? [RECIPE.teePatchesDir] : [])].flatMap((dir) => readSeries(dir)),
    config: { mode: 'fragments', files },
  };
}

function treeRecipe(dir: string, g: Pick<GivenLibrary, 'arch' | 'variant' | 'host'>): Recipe {
  const tree = readLibkrunfwTree(dir, { arch: g.arch, variant: g.variant, host: g.host });
  const where = (f: string): string => `libkrunfw tree: ${path.relative(tree.dir, f)}`;
  const blobs: Recipe['blobs'] = {};
  if (tree.qboot) blobs.qboot = { file: tree.qboot, origin: where(tree.qboot) };
  if (tree.initrd) blobs.initrd = { file: tree.initrd, origin: where(tree.initrd) };
  for (const [name, b] of Object.entries(blobs) as [BlobName, BlobSource][]) checkBlob(name, b.file, where(b.file));
  return {
    kernelVersion: tree.kernelVersion,
    abiVersion: tree.abiVersion,
    version: tree.version,
    blobs,
    patches: tree.patches,
    config: { mode: 'full', files: [tree.config] },
  };
}

function applyRecipe(g: GivenBuild, recipe: Recipe, source: RecipeSource): BuildRequest {
  let kernel: BuildRequest['kernel'];
  if (g.kernel.source) {
    kernel = { source: g.kernel.source, sha256: g.kernel.sha256 };
  } else {
    const version = g.kernel.version ?? recipe.kernelVersion;
    kernel = { source: { kind: 'url', url: kernelOrgUrl(version), version }, sha256: requireKernelSha256(version, g.kernel.sha256) };
  }
  let config: KernelConfig;
  if (g.config.files.length === 0) {
    if (g.config.mode === 'full' && recipe.config.mode !== 'full') throw new InputError('kernel-config-mode is full but no kernel-config was given');
    config = recipe.config;
  } else if (
    g.config.mode === 'full' ||
    (g.config.mode === 'auto' && g.config.entries === 1 && g.config.files.length === 1 && looksLikeFullConfig(g.config.files[0]!))
  ) {
    config = { mode: 'full', files: g.config.files };
  } else {
    config = { mode: 'fragments', files: g.config.files };
  }
  return {
    mode: g.mode,
    // A check makes no library: the blobs a sev or tdx library carries are not needed.
    ...libraryRequest(g, recipe, g.mode === 'build'),
    recipe: source,
    kernel,
    patches: g.patches ?? recipe.patches,
    config,
    jobs: g.jobs,
    cache: g.cache,
    cacheDir: g.cacheDir,
    upload: g.upload,
    retentionDays: g.retentionDays,
  };
}

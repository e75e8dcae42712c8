// One typed, validated build request, made from what either door read. Every
// check on user input happens here, once; the stages trust what they get.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { RECIPE } from '../recipe.ts';
import { kernelOrgUrl, requireKernelSha256, VERSION_PATTERN } from '../kernel-versions.ts';
import type { CacheSettings } from '../cache/build-caches.ts';
import { checkBlob, type BlobName, type BlobSource } from '../pipeline/stages/bundle.ts';
import { readSeries } from '../pipeline/stages/patch.ts';
import { archOfHost, ARCHES, TEE_VARIANTS, VARIANTS, type Arch, type Variant } from '../target.ts';
import { readLibkrunfwTree, type LibkrunfwTreeRecipe } from '../recipe/libkrunfw-tree.ts';
import { BUILD_INPUTS, type BuildInputName, type RawBuildInputs } from './inputs.ts';

export type KernelSource =
  | { kind: 'url'; url: string; version?: string }
  | { kind: 'file'; path: string };

export interface KernelConfig {
  mode: 'full' | 'fragments';
  /** Absolute paths, in merge order (later fragments win). */
  files: string[];
}

export interface Reproducibility {
  sourceDateEpoch: number;
  user: string;
  host: string;
}

/** Where the defaults come from: this project, or a libkrunfw source tree. */
export type RecipeSource =
  | { kind: 'project' }
  | { kind: 'libkrunfw-tree'; dir: string; repository?: string; ref?: string; commit?: string };

export interface BuildRequest extends CommonRequest {
  recipe: RecipeSource;
  kernel: { source: KernelSource; sha256?: string };
  /** The patch files, absolute, in the order they apply. */
  patches: string[];
  config: KernelConfig;
  jobs: number;
  cache: CacheSettings;
  /** A directory for the caches instead of the platform's own cache service. */
  cacheDir?: string;
  /** Publish the results where the platform can (GitHub artifacts). */
  upload: boolean;
  retentionDays: number;
}

/** The facts about the machine a door passes in, so resolving stays pure. */
export interface RequestEnvironment {
  cwd: string;
  tempDir: string;
  cpuCount: number;
  /** process.arch spelled as Node does (x64, arm64, riscv64). */
  hostArch: string;
  sourceDateEpoch?: string;
}

const SHA256 = /^[0-9a-f]{64}$/;
const LIB_VERSION = /^\d+\.\d+\.\d+$/;

function text(raw: RawBuildInputs, name: BuildInputName): string | undefined {
  const v = raw[name];
  if (Array.isArray(v)) return v.join('\n').trim() || undefined;
  if (typeof v === 'boolean') return String(v);
  const t = v?.trim();
  return t ? t : undefined;
}

function list(raw: RawBuildInputs, name: BuildInputName): string[] {
  const v = raw[name];
  const parts = Array.isArray(v) ? v : typeof v === 'string' ? v.split('\n') : [];
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function flag(raw: RawBuildInputs, name: BuildInputName, otherwise = false): boolean {
  const v = raw[name];
  if (typeof v === 'boolean') return v;
  const t = text(raw, name);
  if (t === undefined) return otherwise;
  if (['true', 'True', 'TRUE', '1', 'yes'].includes(t)) return true;
  if (['false', 'False', 'FALSE', '0', 'no'].includes(t)) return false;
  throw new InputError(`${name} must be true or false, not '${t}'`);
}

function positiveInt(value: string, name: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new InputError(`${name} must be a positive whole number, not '${value}'`);
  }
  return Number(value);
}

function mustExist(file: string, input: string): string {
  if (!existsSync(file)) throw new InputError(`${input}: ${file} does not exist`);
  return file;
}

/** Files of a config input: a directory stands for its *.config files in name order. */
function configFiles(entries: string[], cwd: string): string[] {
  const files: string[] = [];
  for (const entry of entries) {
    const p = mustExist(path.resolve(cwd, entry), 'kernel-config');
    if (statSync(p).isDirectory()) {
      const inDir = readdirConfig(p);
      if (inDir.length === 0) throw new InputError(`kernel-config: directory ${p} holds no *.config files`);
      files.push(...inDir);
    } else {
      files.push(p);
    }
  }
  return files;
}

function readdirConfig(dir: string): string[] {
  // Sorted by code point, not locale, so every machine merges in the same order.
  return readdirSync(dir)
    .filter((f) => f.endsWith('.config'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((f) => path.join(dir, f));
}

/** A single file that kconfig wrote (it says so in its header) is a full config. */
export function looksLikeFullConfig(file: string): boolean {
  const head = readFileSync(file, 'utf8').slice(0, 4096);
  return /^# Automatically generated file; DO NOT EDIT\./m.test(head) || /^CONFIG_CC_VERSION_TEXT=/m.test(head);
}

function resolveConfig(raw: RawBuildInputs, env: RequestEnvironment, arch: Arch, variant: Variant, tree?: LibkrunfwTreeRecipe): KernelConfig {
  const given = list(raw, 'kernel-config');
  const mode = text(raw, 'kernel-config-mode') ?? 'auto';
  if (!['auto', 'full', 'fragments'].includes(mode)) {
    throw new InputError(`kernel-config-mode must be auto, full or fragments, not '${mode}'`);
  }
  if (given.length === 0 && tree) return { mode: 'full', files: [tree.config] };
  if (given.length === 0) {
    if (mode === 'full') throw new InputError('kernel-config-mode is full but no kernel-config was given');
    // The variant's fragments go on top of the architecture's.
    const dirs = variant === 'generic' ? [RECIPE.configDir(arch)] : [RECIPE.configDir(arch), RECIPE.configDir(`${arch}-${variant}`)];
    const files: string[] = [];
    for (const dir of dirs) {
      const inDir = existsSync(dir) ? readdirConfig(dir) : [];
      if (inDir.length === 0) throw new InputError(`the project has no kernel config for ${path.basename(dir)} (expected *.config files in ${dir})`);
      files.push(...inDir);
    }
    return { mode: 'fragments', files };
  }
  const files = configFiles(given, env.cwd);
  if (mode === 'full') {
    if (files.length !== 1) {
      throw new InputError(`kernel-config-mode is full, which takes one file, but ${files.length} were given`);
    }
    return { mode: 'full', files };
  }
  if (mode === 'auto' && files.length === 1 && given.length === 1 && looksLikeFullConfig(files[0]!)) {
    return { mode: 'full', files };
  }
  return { mode: 'fragments', files };
}

function resolveKernel(raw: RawBuildInputs, env: RequestEnvironment, tree?: LibkrunfwTreeRecipe): BuildRequest['kernel'] {
  const version = text(raw, 'kernel-version');
  const source = text(raw, 'kernel-source');
  const sha = text(raw, 'kernel-sha256')?.toLowerCase();
  if (sha !== undefined && !SHA256.test(sha)) {
    throw new InputError(`kernel-sha256 must be 64 hex digits, not '${sha}'`);
  }
  if (version !== undefined && source !== undefined) {
    throw new InputError('give kernel-version or kernel-source, not both');
  }
  if (source !== undefined) {
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
      if (!sha) {
        throw new InputError(
          `kernel-source is a URL (${source}) but kernel-sha256 is not set: a downloaded kernel must be pinned. ` +
            'Set kernel-sha256 to the tarball\'s published sha256.',
        );
      }
      return { source: { kind: 'url', url: source }, sha256: sha };
    }
    const file = path.resolve(env.cwd, source);
    if (!existsSync(file) || !statSync(file).isFile()) {
      throw new InputError(`kernel-source: ${file} is not a file`);
    }
    return { source: { kind: 'file', path: file }, sha256: sha };
  }
  const v = version ?? tree?.kernelVersion ?? RECIPE.kernelVersion;
  if (!VERSION_PATTERN.test(v)) throw new InputError(`kernel-version '${v}' is not a version like 6.12.87`);
  return { source: { kind: 'url', url: kernelOrgUrl(v), version: v }, sha256: requireKernelSha256(v, sha) };
}

function resolvePatches(raw: RawBuildInputs, env: RequestEnvironment, variant: Variant, tree?: LibkrunfwTreeRecipe): string[] {
  const p = text(raw, 'patches');
  if (p === 'none') return [];
  if (p !== undefined) return readSeries(mustExist(path.resolve(env.cwd, p), 'patches'));
  if (tree) return tree.patches;
  // The project's series; confidential guests add the TEE series after it.
  const series = [RECIPE.patchesDir, ...(TEE_VARIANTS.includes(variant) ? [RECIPE.teePatchesDir] : [])];
  return series.flatMap((dir) => readSeries(dir));
}

const BLOB_NAMES: BlobName[] = ['qboot', 'initrd'];

/** SEV/TDX need the qboot firmware and an initrd; the generic variant takes neither. */
function resolveBlobs(raw: RawBuildInputs, env: RequestEnvironment, variant: Variant, fromTree?: Partial<Record<BlobName, BlobSource>>): CommonRequest['blobs'] {
  const given = BLOB_NAMES.filter((n) => text(raw, n) !== undefined);
  if (!TEE_VARIANTS.includes(variant)) {
    if (given.length > 0) throw new InputError(`${given.join(' and ')} only apply to the sev and tdx variants, not ${variant}`);
    return undefined;
  }
  const blobs: Partial<Record<BlobName, BlobSource>> = {};
  for (const name of BLOB_NAMES) {
    const v = text(raw, name);
    const src = v !== undefined ? { file: path.resolve(env.cwd, v), origin: `input ${name}: ${path.basename(v)}` } : fromTree?.[name];
    if (!src) {
      throw new InputError(
        `the ${variant} variant needs ${name === 'qboot' ? 'the qboot firmware (a 64 KiB bios.bin)' : 'an initrd (initrd.gz)'}: ` +
          `set ${name}, or build from a libkrunfw source tree (libkrunfw-dir) that has one`,
      );
    }
    checkBlob(name, src.file, name);
    blobs[name] = src;
  }
  return blobs as Record<BlobName, BlobSource>;
}

function resolveVariant(raw: RawBuildInputs, arch: Arch): Variant {
  const v = text(raw, 'variant') ?? 'generic';
  if (!(VARIANTS as readonly string[]).includes(v)) throw new InputError(`variant must be one of ${VARIANTS.join(', ')}, not '${v}'`);
  if (TEE_VARIANTS.includes(v as Variant) && arch !== 'x86_64') {
    throw new InputError(`variant ${v} is for x86_64 confidential guests; it does not exist for ${arch}`);
  }
  return v as Variant;
}

function resolveEpoch(raw: RawBuildInputs, env: RequestEnvironment): number {
  const given = text(raw, 'source-date-epoch') ?? env.sourceDateEpoch?.trim();
  if (!given) return RECIPE.sourceDateEpoch;
  if (!/^\d+$/.test(given) || !Number.isSafeInteger(Number(given))) {
    throw new InputError(`source-date-epoch must be whole seconds since 1970, not '${given}'`);
  }
  return Number(given);
}

/** What every request has, whatever it builds from. */
export interface CommonRequest {
  arch: Arch;
  variant: Variant;
  /** SEV/TDX: the qboot firmware and initrd bundled beside the kernel. */
  blobs?: Record<BlobName, BlobSource>;
  /** Boot the library's kernel under QEMU: auto = when QEMU is installed. */
  bootTest: 'auto' | 'on' | 'off';
  abiVersion: number;
  version: string;
  reproducibility: Reproducibility;
  outDir: string;
  workDir: string;
  keepWorkDir: boolean;
}

/** The blobs a libkrunfw tree offers, named by their place in it. */
function treeBlobs(tree?: LibkrunfwTreeRecipe): Partial<Record<BlobName, BlobSource>> | undefined {
  if (!tree) return undefined;
  const where = (f: string): string => `libkrunfw tree: ${path.relative(tree.dir, f)}`;
  return {
    ...(tree.qboot ? { qboot: { file: tree.qboot, origin: where(tree.qboot) } } : {}),
    ...(tree.initrd ? { initrd: { file: tree.initrd, origin: where(tree.initrd) } } : {}),
  };
}

function resolveCommon(raw: RawBuildInputs, env: RequestEnvironment, tree?: LibkrunfwTreeRecipe | ((arch: Arch, variant: Variant) => LibkrunfwTreeRecipe)): CommonRequest {
  const arch = text(raw, 'arch') ?? archOfHost(env.hostArch);
  if (!(ARCHES as readonly string[]).includes(arch)) {
    throw new InputError(`arch '${arch}' is not supported; supported: ${ARCHES.join(', ')}`);
  }
  const variant = resolveVariant(raw, arch as Arch);
  const recipe = typeof tree === 'function' ? tree(arch as Arch, variant) : tree;
  const abi = text(raw, 'abi-version') ?? (recipe ? String(recipe.abiVersion) : undefined);
  const version = text(raw, 'version') ?? recipe?.version ?? RECIPE.version;
  if (!LIB_VERSION.test(version)) throw new InputError(`version must look like 5.4.0, not '${version}'`);
  const abiVersion = abi === undefined ? RECIPE.abiVersion : positiveInt(abi, 'abi-version');
  if (!version.startsWith(`${abiVersion}.`)) {
    throw new InputError(`version ${version} does not belong to abi-version ${abiVersion} (it must start with '${abiVersion}.')`);
  }
  const workDir = text(raw, 'work-dir');
  const boot = text(raw, 'boot-test') ?? 'auto';
  if (boot !== 'auto' && !['true', 'false'].includes(boot)) throw new InputError(`boot-test must be auto, true or false, not '${boot}'`);
  if (boot === 'true' && arch !== 'x86_64') {
    throw new InputError(`boot-test: true is for x86_64 (QEMU microvm boots the PVH kernel); for ${arch} use auto or false`);
  }
  return {
    arch: arch as Arch,
    variant,
    blobs: resolveBlobs(raw, env, variant, treeBlobs(recipe)),
    bootTest: boot === 'auto' ? 'auto' : boot === 'true' ? 'on' : 'off',
    abiVersion,
    version,
    reproducibility: { sourceDateEpoch: resolveEpoch(raw, env), user: RECIPE.buildUser, host: RECIPE.buildHost },
    outDir: path.resolve(env.cwd, text(raw, 'out-dir') ?? 'libkrunfw-out'),
    workDir: workDir ? path.resolve(env.cwd, workDir) : path.join(env.tempDir, 'libkrunfw-work'),
    keepWorkDir: flag(raw, 'keep-work-dir'),
  };
}

/** A libkrunfw tree the door checked out (libkrunfw-ref), to be read like libkrunfw-dir. */
export interface CheckedOutTree {
  dir: string;
  repository: string;
  ref: string;
  commit: string;
}

export function resolveBuildRequest(raw: RawBuildInputs, env: RequestEnvironment, checkedOut?: CheckedOutTree): BuildRequest {
  if (text(raw, 'vmlinux') !== undefined) throw new InputError('vmlinux is for bundling an existing kernel, not for a build');
  const treeDir = text(raw, 'libkrunfw-dir');
  if (treeDir !== undefined && text(raw, 'libkrunfw-ref') !== undefined) throw new InputError('give libkrunfw-dir or libkrunfw-ref, not both');
  if (text(raw, 'libkrunfw-ref') !== undefined && !checkedOut) throw new InputError('libkrunfw-ref needs the tree checked out first (prepareRun does this)');
  const dir = checkedOut?.dir ?? (treeDir === undefined ? undefined : path.resolve(env.cwd, treeDir));
  let tree: LibkrunfwTreeRecipe | undefined;
  const common = resolveCommon(raw, env, dir === undefined ? undefined : (arch, variant) => (tree = readLibkrunfwTree(dir, { arch, variant })));
  const jobs = text(raw, 'jobs');
  const recipe: RecipeSource = !dir
    ? { kind: 'project' }
    : { kind: 'libkrunfw-tree', dir, ...(checkedOut ? { repository: checkedOut.repository, ref: checkedOut.ref, commit: checkedOut.commit } : {}) };
  return {
    ...common,
    recipe,
    kernel: resolveKernel(raw, env, tree),
    patches: resolvePatches(raw, env, common.variant, tree),
    config: resolveConfig(raw, env, common.arch, common.variant, tree),
    jobs: jobs === undefined ? Math.max(1, env.cpuCount) : positiveInt(jobs, 'jobs'),
    cache: resolveCache(raw),
    upload: flag(raw, 'upload', true),
    retentionDays: retentionDays(raw),
    cacheDir: text(raw, 'cache-dir') === undefined ? undefined : path.resolve(env.cwd, text(raw, 'cache-dir')!),
  };
}

function retentionDays(raw: RawBuildInputs): number {
  const v = text(raw, 'retention-days') ?? '0';
  if (!/^\d+$/.test(v) || Number(v) > 400) throw new InputError(`retention-days must be a whole number of days (0 for the default), not '${v}'`);
  return Number(v);
}

function resolveCache(raw: RawBuildInputs): CacheSettings {
  const ccacheMaxSize = text(raw, 'ccache-max-size') ?? '2G';
  if (!/^\d+(\.\d+)?[KMGT]?i?B?$/i.test(ccacheMaxSize)) {
    throw new InputError(`ccache-max-size must be a size like 2G or 500M, not '${ccacheMaxSize}'`);
  }
  return {
    source: flag(raw, 'cache-source', true),
    compiler: flag(raw, 'cache-compiler', true),
    output: flag(raw, 'cache-output', true),
    tree: flag(raw, 'cache-tree', true),
    ccacheMaxSize,
  };
}

export interface BundleRequest extends CommonRequest {
  /** The kernel image to package. */
  image: string;
}

/** Inputs that only make sense when a kernel is built. */
const BUILD_ONLY: BuildInputName[] = [
  'kernel-version',
  'kernel-source',
  'kernel-sha256',
  'kernel-config',
  'patches',
  'jobs',
  'cache-dir',
  'ccache-max-size',
  'libkrunfw-dir',
  'libkrunfw-ref',
];

function declaredDefault(name: BuildInputName): string | undefined {
  const spec = BUILD_INPUTS.find((s) => s.name === name);
  return spec && 'default' in spec ? spec.default : undefined;
}

export function resolveBundleRequest(raw: RawBuildInputs, env: RequestEnvironment): BundleRequest {
  const image = text(raw, 'vmlinux');
  if (image === undefined) throw new InputError('vmlinux is required: the kernel image to package');
  // A runner passes every action.yml default as if given: a value equal to its default is not a choice.
  const stray = BUILD_ONLY.filter((n) => text(raw, n) !== undefined && text(raw, n) !== declaredDefault(n));
  if (stray.length > 0) throw new InputError(`${stray.join(', ')} do not apply when packaging an existing vmlinux`);
  const file = path.resolve(env.cwd, image);
  if (!existsSync(file) || !statSync(file).isFile()) throw new InputError(`vmlinux: ${file} is not a file`);
  return { ...resolveCommon(raw, env), image: file };
}

/** What verify-source takes: the release, and where and how hard to work on it. */
export interface VerifySourceRequest {
  release: string;
  workDir: string;
  keepWorkDir: boolean;
  jobs: number;
}

export function resolveVerifySourceRequest(raw: RawBuildInputs, env: RequestEnvironment): VerifySourceRequest {
  const release = text(raw, 'verify-source');
  if (release === undefined) throw new InputError('verify-source needs a source release tarball');
  const workDir = text(raw, 'work-dir');
  const jobs = text(raw, 'jobs');
  return {
    release: path.resolve(env.cwd, release),
    workDir: workDir ? path.resolve(env.cwd, workDir) : path.join(env.tempDir, 'libkrunfw-verify-source'),
    keepWorkDir: flag(raw, 'keep-work-dir'),
    jobs: jobs === undefined ? Math.max(1, env.cpuCount) : positiveInt(jobs, 'jobs'),
  };
}

/** Whether the inputs ask to verify a source release rather than build. */
export function isVerifySource(raw: RawBuildInputs): boolean {
  return text(raw, 'verify-source') !== undefined;
}

/** Whether the inputs ask to package an existing kernel rather than build one. */
export function isBundleOnly(raw: RawBuildInputs): boolean {
  return text(raw, 'vmlinux') !== undefined;
}

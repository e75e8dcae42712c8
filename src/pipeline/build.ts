// The whole build, in order: source → patch → configure → compile → bundle →
// link → verify → package, with the three cache levels consulted on the way.
// Every door (action, CLI, library) calls these; the door then saves what the
// build left to cache and removes the work directory (see finishBuild).
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BuildCaches, saveCaches, savesAfter, type CacheReport, type OutputMeta, type PendingSave } from '../cache/build-caches.ts';
import type { ToolchainIdentity } from '../toolchain.ts';
import { outputFingerprint } from '../cache/fingerprint.ts';
import type { CacheStore } from '../cache/store.ts';
import { InputError } from '../errors.ts';
import type { Platform } from '../platform/types.ts';
import type { BuildRequest, BundleRequest, CommonRequest } from '../request/build-request.ts';
import { libraryNames, tarballName, targetTools, type TargetTools } from '../target.ts';
import { toolchainIdentity } from '../toolchain.ts';
import { run } from '../util/run.ts';
import { Runner } from './runner.ts';
import type { StageName, StageRecord } from './stage.ts';
import { bootStage } from './stages/boot.ts';
import { bundleStage, type BlobName } from './stages/bundle.ts';
import { compileStage } from './stages/compile.ts';
import { configureStage } from './stages/configure.ts';
import { linkStage } from './stages/link.ts';
import { packageStage, prebuiltName } from './stages/package.ts';
import { patchStage } from './stages/patch.ts';
import { publishStage, type PublishOutput } from './stages/publish.ts';
import { releaseStage, sourceReleaseName, type ReleaseInput } from './stages/release.ts';
import { sourceStage } from './stages/source.ts';
import { verifyStage } from './stages/verify.ts';

export interface BuildResult {
  arch: string;
  variant: string;
  library: string;
  soname: string;
  version: string;
  sha256: string;
  /** Unknown when an existing vmlinux was bundled. */
  kernelVersion?: string;
  tarball: string;
  tarballSha256: string;
  /** aarch64: the macOS bundle (libkrunfw-prebuilt-aarch64.tgz). */
  prebuilt?: { tarball: string; sha256: string };
  /** The GPL source release; absent when an existing vmlinux was bundled (no source to release). */
  sourceRelease?: { tarball: string; sha256: string };
  /** What was uploaded, when the platform publishes and upload is on. */
  published?: PublishOutput;
  stages: StageRecord[];
  caches: CacheReport[];
  /** What the door should save once it knows the run succeeded. */
  pendingSaves: PendingSave[];
  workDir: string;
}

/** Marks a work directory as ours, so we only ever delete what we made. */
const WORK_MARK = '.libkrunfw-action-work';

/** Make `dir` an empty work directory, refusing to wipe one we did not make. */
export function prepareWorkDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(path.join(dir, WORK_MARK))) {
    throw new InputError(`work-dir ${dir} is not empty and was not made by libkrunfw-action; choose an empty or new directory`);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, WORK_MARK), '');
}

/** Remove a work directory, if it is ours. */
export function removeWorkDir(dir: string): void {
  if (existsSync(path.join(dir, WORK_MARK))) rmSync(dir, { recursive: true, force: true });
}

/** Remove what an earlier run left under the names this run writes, so a failed run leaves none of them. */
export function clearOutputs(outDir: string, names: string[]): void {
  for (const n of names) {
    rmSync(path.join(outDir, n), { force: true });
    rmSync(path.join(outDir, `${n}.partial`), { force: true });
  }
}

interface LibraryInput {
  payloadFile: string;
  loadAddr: bigint;
  entryAddr: bigint;
  /** SEV/TDX: the blobs as bundled, which the library must hand out. */
  blobs: { name: BlobName; payloadFile: string }[];
  library: string;
  fileName: string;
  soname: string;
  /** The library's generated sources (with the macOS ones on aarch64). */
  sourceDir: string;
}

/** Whether to boot, and if not, why not. */
async function bootDecision(request: CommonRequest): Promise<{ boot: boolean; why?: string }> {
  if (request.bootTest === 'off') return { boot: false, why: 'boot-test is false' };
  // The request refuses boot-test: true for these; auto says why it did not boot.
  if (request.arch !== 'x86_64') return { boot: false, why: `the boot test covers x86_64 (QEMU microvm); ${request.arch} is checked by verify` };
  if (request.bootTest === 'on') return { boot: true };
  const qemu = await run('qemu-system-x86_64', ['--version']).catch(() => undefined);
  return qemu?.exitCode === 0 ? { boot: true } : { boot: false, why: 'qemu-system-x86_64 is not installed (boot-test: auto)' };
}

/** verify → boot → package: the checks every library passes, built now or taken from the cache. */
async function verifyAndPackage(runner: Runner, request: CommonRequest, tools: TargetTools, lib: LibraryInput) {
  const verified = await runner.run(verifyStage, {
    library: lib.library,
    soname: lib.soname,
    abiVersion: request.abiVersion,
    loadAddr: lib.loadAddr,
    entryAddr: lib.entryAddr,
    payloadFile: lib.payloadFile,
    blobs: lib.blobs,
    tools,
  });
  const { boot, why } = await bootDecision(request);
  if (boot) {
    await runner.run(bootStage, { payloadFile: verified.payloadFromLibrary, loadAddr: lib.loadAddr, entryAddr: lib.entryAddr });
  } else {
    runner.skip('boot', why!);
  }
  return runner.run(packageStage, {
    library: lib.library,
    fileName: lib.fileName,
    soname: lib.soname,
    variant: request.variant,
    abiVersion: request.abiVersion,
    version: request.version,
    arch: request.arch,
    outDir: request.outDir,
    sourceDateEpoch: request.reproducibility.sourceDateEpoch,
    sourceDir: lib.sourceDir,
  });
}

/** bundle → link → verify → package: shared by a full build and by `bundle --vmlinux`. */
async function runLibraryStages(runner: Runner, request: BundleRequest, tools: TargetTools) {
  const bundled = await runner.run(bundleStage, { image: request.image, arch: request.arch, blobs: request.blobs });
  const linked = await runner.run(linkStage, {
    ...bundled,
    variant: request.variant,
    arch: request.arch,
    abiVersion: request.abiVersion,
    version: request.version,
    cc: tools.cc,
    strip: tools.strip,
  });
  const packaged = await verifyAndPackage(runner, request, tools, { ...bundled, ...linked });
  return { bundled, linked, packaged };
}

const BUILD_STAGES: StageName[] = ['source', 'patch', 'configure', 'compile'];

/** ccache is a speed-up: without it the build goes on, slower, and says so. */
async function ccacheAvailable(platform: Platform): Promise<boolean> {
  const found = (await run('ccache', ['--version']).catch(() => undefined))?.exitCode === 0;
  if (!found) platform.log.warning('ccache is not installed: compiling without the compiler cache (apt-get install ccache)');
  return found;
}

export async function buildLibrary(request: BuildRequest, platform: Platform, store?: CacheStore): Promise<BuildResult> {
  const names = libraryNames(request);
  clearOutputs(request.outDir, [names.file, tarballName(request.variant, request.arch), `${prebuiltName(request.variant)}.tgz`, `${sourceReleaseName(request)}.tar.gz`, 'SHA256SUMS']);
  prepareWorkDir(request.workDir);
  const runner = new Runner(platform, request.workDir);
  const caches = new BuildCaches(store, request.cache, path.join(request.workDir, 'cache'), platform.log, platform.tarballShelf);
  const tools = targetTools(request.arch);
  const toolchain = await toolchainIdentity(tools.cc, tools.crossCompile);
  const fingerprint = caches.enabled('output') ? await outputFingerprint(request, toolchain) : undefined;
  const done = async (r: Omit<BuildResult, 'stages' | 'caches' | 'pendingSaves' | 'workDir' | 'arch' | 'variant'>): Promise<BuildResult> => ({
    ...r,
    arch: request.arch,
    variant: request.variant,
    published: await publish(runner, platform, request, r),
    stages: runner.records,
    caches: caches.reports,
    pendingSaves: caches.pending,
    workDir: request.workDir,
  });

  const cached = fingerprint ? await caches.restoreOutput(fingerprint) : caches.off('output');
  const downloadTo = await sourceLocation(request, caches);
  if (cached) {
    const { meta } = cached;
    // The source release still needs the tarball: get and verify it, but build nothing.
    const source = await runner.run(sourceStage, { ...request.kernel, downloadTo, extract: false });
    for (const s of BUILD_STAGES.slice(1)) runner.skip(s, 'the output cache holds a library built from these exact inputs');
    const dir = path.join(cached.dir, 'libkrunfw');
    const packaged = await verifyAndPackage(runner, request, tools, {
      payloadFile: path.join(dir, 'kernel.bin'),
      blobs: meta.blobs.map((b) => ({ name: b.name, payloadFile: path.join(dir, `${b.name}.bin`) })),
      loadAddr: BigInt(meta.loadAddr),
      entryAddr: BigInt(meta.entryAddr),
      library: path.join(dir, meta.fileName),
      fileName: meta.fileName,
      soname: meta.soname,
      sourceDir: dir,
    });
    const extra = (name: string): string => path.join(cached.dir, 'extras', name);
    const release = await writeRelease(runner, request, toolchain, {
      meta,
      tarball: source.tarball,
      tarballSha256: source.sha256,
      finalConfig: extra('final.config'),
      licenses: { gpl: extra('GPL-2.0'), lgpl: extra('LGPL-2.1') },
      librarySources: dir,
      blobs: meta.blobs,
    });
    return done({
      library: packaged.library,
      soname: meta.soname,
      version: request.version,
      sha256: packaged.librarySha256,
      kernelVersion: meta.kernelVersion,
      tarball: packaged.tarball,
      tarballSha256: packaged.tarballSha256,
      prebuilt: packaged.prebuilt,
      sourceRelease: release,
    });
  }

  const source = await runner.run(sourceStage, {
    ...request.kernel,
    downloadTo,
    reuse: (sha256, srcDir) => caches.takeTree(sha256, request.arch, srcDir),
  });
  const tree = source.tree!;
  const kernelVersion = source.kernelVersion!;
  await runner.run(patchStage, { tree, patches: request.patches });
  const configured = await runner.run(configureStage, { tree, arch: request.arch, config: request.config, crossCompile: tools.crossCompile });
  const ccacheDir = await caches.restoreCompiler(await ccacheAvailable(platform), {
    arch: request.arch,
    variant: request.variant,
    kernelVersion,
    toolchainId: toolchain.id,
  });
  const compiled = await runner.run(compileStage, {
    tree,
    arch: request.arch,
    jobs: request.jobs,
    reproducibility: request.reproducibility,
    crossCompile: tools.crossCompile,
    ccache: ccacheDir ? { dir: ccacheDir, maxSize: request.cache.ccacheMaxSize } : undefined,
  });
  if (compiled.ccache) caches.noteCompilerStats(compiled.ccache);
  const { bundled, linked, packaged } = await runLibraryStages(runner, { ...request, image: compiled.image }, tools);

  const buildMs = runner.records.filter((r) => BUILD_STAGES.includes(r.name)).reduce((n, r) => n + r.durationMs, 0);
  const meta: OutputMeta = {
    format: 1,
    kernelVersion,
    fileName: linked.fileName,
    soname: linked.soname,
    loadAddr: `0x${bundled.loadAddr.toString(16)}`,
    entryAddr: `0x${bundled.entryAddr.toString(16)}`,
    size: bundled.size,
    payloadSha256: bundled.sha256,
    librarySha256: packaged.librarySha256,
    blobs: bundled.blobs.map((b) => ({ name: b.name, size: b.size, sha256: b.sha256, source: b.source })),
    buildMs,
  };
  const licenses = { gpl: path.join(tree, 'LICENSES', 'preferred', 'GPL-2.0'), lgpl: path.join(tree, 'LICENSES', 'preferred', 'LGPL-2.1') };
  const release = await writeRelease(runner, request, toolchain, {
    meta,
    tarball: source.tarball,
    tarballSha256: source.sha256,
    finalConfig: configured.dotConfig,
    licenses,
    librarySources: linked.sourceDir,
    blobs: bundled.blobs,
  });
  caches.stageTree({ tarballSha256: source.sha256, arch: request.arch, srcDir: path.dirname(tree), root: path.basename(tree), applied: request.patches });
  if (fingerprint) {
    caches.stageOutput(fingerprint, linked.sourceDir, { 'final.config': configured.dotConfig, 'GPL-2.0': licenses.gpl, 'LGPL-2.1': licenses.lgpl }, meta);
  }
  return done({
    library: packaged.library,
    soname: linked.soname,
    version: request.version,
    sha256: packaged.librarySha256,
    kernelVersion,
    tarball: packaged.tarball,
    tarballSha256: packaged.tarballSha256,
    prebuilt: packaged.prebuilt,
    sourceRelease: release,
  });
}

/** Upload where the platform can; the CLI keeps its files in out-dir. */
async function publish(runner: Runner, platform: Platform, request: BuildRequest, r: Pick<BuildResult, 'library' | 'tarball' | 'sourceRelease' | 'prebuilt'>) {
  if (!request.upload) return undefined;
  if (!platform.publisher) {
    platform.log.debug('upload: this platform does not publish; the files stay in out-dir');
    return undefined;
  }
  return runner.run(publishStage, {
    name: `libkrunfw-${request.version}-${request.variant}-${request.arch}`,
    outDir: request.outDir,
    library: r.library,
    tarball: r.tarball,
    extra: r.prebuilt ? [r.prebuilt.tarball] : [],
    sourceRelease: r.sourceRelease!.tarball,
    retentionDays: request.retentionDays,
  });
}

/** The tarball's place: in the source cache for a URL (restored when cached), none for a local file. */
async function sourceLocation(request: BuildRequest, caches: BuildCaches): Promise<string | undefined> {
  const src = request.kernel.source;
  if (src.kind !== 'url' || !request.kernel.sha256) return caches.off('source'); // a local file needs no cache
  return caches.restoreSource(request.kernel.sha256, path.basename(new URL(src.url).pathname) || 'linux.tar');
}

interface ReleaseFacts {
  meta: OutputMeta;
  tarball: string;
  tarballSha256: string;
  finalConfig: string;
  licenses: { gpl: string; lgpl: string };
  librarySources: string;
  blobs: ReleaseInput['blobs'];
}

async function writeRelease(runner: Runner, request: BuildRequest, toolchain: ToolchainIdentity, f: ReleaseFacts) {
  const src = request.kernel.source;
  const out = await runner.run(releaseStage, {
    outDir: request.outDir,
    arch: request.arch,
    variant: request.variant,
    abiVersion: request.abiVersion,
    version: request.version,
    library: { file: f.meta.fileName, soname: f.meta.soname, sha256: f.meta.librarySha256, payloadSha256: f.meta.payloadSha256 },
    kernel: { version: f.meta.kernelVersion, tarball: f.tarball, sha256: f.tarballSha256, origin: src.kind === 'url' ? src.url : `local file ${path.basename(src.path)}` },
    patches: request.patches,
    recipe: request.recipe.kind === 'project' ? undefined : { kind: 'libkrunfw-tree', repository: request.recipe.repository, ref: request.recipe.ref, commit: request.recipe.commit },
    config: request.config,
    finalConfig: f.finalConfig,
    librarySources: f.librarySources,
    licenses: f.licenses,
    blobs: f.blobs,
    toolchain: toolchain.tools,
    reproducibility: request.reproducibility,
  });
  return { tarball: out.tarball, sha256: out.sha256 };
}

/** Package an existing kernel image into the library, without building a kernel. */
export async function bundleExisting(request: BundleRequest, platform: Platform): Promise<BuildResult> {
  const names = libraryNames(request);
  clearOutputs(request.outDir, [names.file, tarballName(request.variant, request.arch), `${prebuiltName(request.variant)}.tgz`]);
  prepareWorkDir(request.workDir);
  const runner = new Runner(platform, request.workDir);
  const { linked, packaged } = await runLibraryStages(runner, request, targetTools(request.arch));
  if (platform.publisher) platform.log.warning('nothing uploaded: a bundled vmlinux has no source release, and a library is never published without one');
  return {
    arch: request.arch,
    variant: request.variant,
    library: packaged.library,
    soname: linked.soname,
    version: request.version,
    sha256: packaged.librarySha256,
    tarball: packaged.tarball,
    tarballSha256: packaged.tarballSha256,
    prebuilt: packaged.prebuilt,
    stages: runner.records,
    caches: [],
    pendingSaves: [],
    workDir: request.workDir,
  };
}

/**
 * After a successful run: save what it left to cache, then remove the work
 * directory unless asked to keep it. (The action does this in its post step.)
 */
export async function finishBuild(result: BuildResult, store: CacheStore | undefined, keepWorkDir: boolean, platform: Platform): Promise<void> {
  if (store) await saveCaches(store, savesAfter(result.pendingSaves, keepWorkDir), platform.log, platform.tarballShelf);
  if (keepWorkDir) platform.log.info(`work directory kept: ${result.workDir}`);
  else removeWorkDir(result.workDir);
}

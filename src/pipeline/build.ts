// The whole build, in order: source → patch → configure → compile → bundle →
// link → verify → package. Every door (action, CLI, library) calls these.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import type { Platform } from '../platform/types.ts';
import { libraryNames, type BuildRequest, type BundleRequest } from '../request/build-request.ts';
import { Runner } from './runner.ts';
import type { StageRecord } from './stage.ts';
import { bundleStage } from './stages/bundle.ts';
import { compileStage } from './stages/compile.ts';
import { configureStage } from './stages/configure.ts';
import { linkStage } from './stages/link.ts';
import { packageStage, tarballName } from './stages/package.ts';
import { patchStage } from './stages/patch.ts';
import { sourceStage } from './stages/source.ts';
import { verifyStage } from './stages/verify.ts';

export interface BuildResult {
  library: string;
  soname: string;
  version: string;
  sha256: string;
  kernelVersion: string;
  tarball: string;
  tarballSha256: string;
  stages: StageRecord[];
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

/** Remove what an earlier run left under the names this run writes, so a failed run leaves none of them. */
export function clearOutputs(outDir: string, names: string[]): void {
  for (const n of names) {
    rmSync(path.join(outDir, n), { force: true });
    rmSync(path.join(outDir, `${n}.partial`), { force: true });
  }
}

/** bundle → link → verify → package: shared by a full build and by `bundle --vmlinux`. */
export async function runLibraryStages(runner: Runner, input: BundleRequest) {
  const bundled = await runner.run(bundleStage, { image: input.image, arch: input.arch });
  const linked = await runner.run(linkStage, { ...bundled, abiVersion: input.abiVersion, version: input.version });
  await runner.run(verifyStage, {
    library: linked.library,
    soname: linked.soname,
    abiVersion: input.abiVersion,
    loadAddr: bundled.loadAddr,
    entryAddr: bundled.entryAddr,
    payloadFile: bundled.payloadFile,
  });
  const packaged = await runner.run(packageStage, {
    library: linked.library,
    fileName: linked.fileName,
    soname: linked.soname,
    arch: input.arch,
    outDir: input.outDir,
    sourceDateEpoch: input.reproducibility.sourceDateEpoch,
  });
  return { bundled, linked, packaged };
}

async function withWorkDir<T>(workDir: string, keep: boolean, platform: Platform, fn: (runner: Runner) => Promise<T>): Promise<T> {
  prepareWorkDir(workDir);
  const runner = new Runner(platform, workDir);
  let ok = false;
  try {
    const result = await fn(runner);
    ok = true;
    return result;
  } finally {
    // A failed run keeps its tree and logs for inspection; a good one cleans up unless asked not to.
    if (ok && !keep) rmSync(workDir, { recursive: true, force: true });
    else platform.log.info(`work directory kept: ${workDir}`);
  }
}

export async function buildLibrary(request: BuildRequest, platform: Platform): Promise<BuildResult> {
  const names = libraryNames(request);
  clearOutputs(request.outDir, [names.file, tarballName(request.arch)]);
  return withWorkDir(request.workDir, request.keepWorkDir, platform, async (runner) => {
    const source = await runner.run(sourceStage, request.kernel);
    await runner.run(patchStage, { tree: source.tree, series: request.patches });
    await runner.run(configureStage, { tree: source.tree, arch: request.arch, config: request.config });
    const compiled = await runner.run(compileStage, {
      tree: source.tree,
      arch: request.arch,
      jobs: request.jobs,
      reproducibility: request.reproducibility,
    });
    const { linked, packaged } = await runLibraryStages(runner, { ...request, image: compiled.image });
    return {
      library: packaged.library,
      soname: linked.soname,
      version: request.version,
      sha256: packaged.librarySha256,
      kernelVersion: source.kernelVersion,
      tarball: packaged.tarball,
      tarballSha256: packaged.tarballSha256,
      stages: runner.records,
    };
  });
}

export interface BundleResult extends Omit<BuildResult, 'kernelVersion'> {
  kernelVersion?: string;
}

/** Package an existing kernel image into the library, without building a kernel. */
export async function bundleExisting(request: BundleRequest, platform: Platform): Promise<BundleResult> {
  const names = libraryNames(request);
  clearOutputs(request.outDir, [names.file, tarballName(request.arch)]);
  return withWorkDir(request.workDir, request.keepWorkDir, platform, async (runner) => {
    const { linked, packaged } = await runLibraryStages(runner, request);
    return {
      library: packaged.library,
      soname: linked.soname,
      version: request.version,
      sha256: packaged.librarySha256,
      tarball: packaged.tarball,
      tarballSha256: packaged.tarballSha256,
      stages: runner.records,
    };
  });
}

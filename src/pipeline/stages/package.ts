// package: the install tree libkrunfw's releases publish and libkrun's CI unpacks:
// lib64/libkrunfw.so.X.Y.Z, lib64/libkrunfw.so.X -> it, lib64/libkrunfw.so -> .so.X
// (libkrunfw-sev.so… and libkrunfw-tdx.so… for the variants).
// Only a verified library gets here, and files reach out-dir by rename, whole.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { libraryBase, libraryNames, tarballName, type Arch, type Host, type Variant } from '../../target.ts';
import { DLL_INSTALL_DIR } from '../../windows/dll-sources.ts';
import { MACOS_ASM_FILE, MACOS_SCRIPT_FILE } from '../macos-bundle.ts';
import { sha256, sha256File } from '../../util/hash.ts';
import { runChecked } from '../../util/run.ts';
import type { KeptPackage } from '../../cache/saves.ts';
import type { Stage } from '../stage.ts';

export interface PackageInput {
  library: string;
  fileName: string;
  soname: string;
  variant: Variant;
  abiVersion: number;
  version: string;
  arch: Arch;
  /** windows: bin/libkrunfw.dll alone (no soname links), in libkrunfw-windows-<arch>.tgz. */
  host?: Host;
  outDir: string;
  sourceDateEpoch: number;
  /** The library's generated sources; on aarch64 they include the macOS ones. */
  sourceDir?: string;
  /** Output cache hit: the tarballs made of these same bytes before, reused when made with this epoch. */
  kept?: KeptPackage & { dir: string };
}

export interface PackageOutput {
  library: string;
  librarySha256: string;
  tarball: string;
  tarballSha256: string;
  /** aarch64: the sources a macOS host compiles into the dylib, without a kernel build. */
  prebuilt?: { tarball: string; sha256: string };
}

/** The macOS bundle's name, as libkrunfw publishes its own. */
export function prebuiltName(variant: Variant): string {
  return `${libraryBase(variant)}-prebuilt-aarch64`;
}

/** The files of a library's generated sources that a macOS build needs. */
const PREBUILT_FILES = (dir: string): string[] => ['krunfw.c', MACOS_ASM_FILE, MACOS_SCRIPT_FILE, ...readdirSync(dir).filter((f) => f.endsWith('.bin'))].sort();

/** tar's options for an archive with nothing that varies between builds: sorted names, owner 0, one mtime. */
function reproducibleTarArgs(root: string, mtime: number): string[] {
  return ['--create', '--format=gnu', '--sort=name', '--owner=0', '--group=0', '--numeric-owner', `--mtime=@${mtime}`, '--mode=go-w', '-C', root];
}

/** A reproducible tar.gz of `entries` (relative to `root`), with a gzip header without a date. */
export async function reproducibleTarball(root: string, entries: string[], mtime: number, level = 9): Promise<Buffer> {
  const tar = await runChecked('tar', [...reproducibleTarArgs(root, mtime), '--file=-', '--', ...entries], { binaryStdout: true });
  return gzipSync(tar.stdoutBuffer!, { level });
}

/**
 * A reproducible plain tar of `entries` written by tar itself to `dest`, never
 * whole in memory: for contents that are already compressed.
 */
export async function reproducibleTarFile(root: string, entries: string[], mtime: number, dest: string): Promise<void> {
  // --force-local: a colon in the path names no remote host.
  await runChecked('tar', [...reproducibleTarArgs(root, mtime), '--force-local', `--file=${dest}`, '--', ...entries]);
}

/**
 * `out` (a tarball's final path) written as `${out}.partial`: copied from the
 * output cache entry when it kept this very tarball, else made by `make`.
 * Returns its sha256.
 */
async function writeTarball(out: string, kept: PackageInput['kept'], epoch: number, make: () => Promise<Buffer>, log: (line: string) => void): Promise<string> {
  const reuse = kept?.sourceDateEpoch === epoch ? kept.files.find((f) => f.name === path.basename(out)) : undefined;
  if (reuse) {
    copyFileSync(path.join(kept!.dir, reuse.name), `${out}.partial`);
    log(`${reuse.name}: the output cache entry's, made of the same library bytes (not compressed again)`);
    return reuse.sha256;
  }
  const tgz = await make();
  writeFileSync(`${out}.partial`, tgz);
  return sha256(tgz);
}

/** lib64/ (bin/ for a DLL) as installed, staged under `stage`, tarred reproducibly. */
async function installTarball(input: PackageInput, stage: string): Promise<Buffer> {
  const installDir = input.host === 'windows' ? DLL_INSTALL_DIR : 'lib64';
  const lib64 = path.join(stage, installDir);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(lib64, { recursive: true });
  copyFileSync(input.library, path.join(lib64, input.fileName));
  chmodSync(path.join(lib64, input.fileName), 0o755);
  if (input.host !== 'windows') {
    symlinkSync(input.fileName, path.join(lib64, input.soname));
    symlinkSync(input.soname, path.join(lib64, libraryNames(input).dev));
  }
  chmodSync(lib64, 0o755);
  utimesSync(path.join(lib64, input.fileName), input.sourceDateEpoch, input.sourceDateEpoch);
  return reproducibleTarball(stage, [installDir], input.sourceDateEpoch);
}

/** aarch64: the macOS bundle's sources, staged under `root`, tarred reproducibly. */
async function prebuiltTarball(input: PackageInput, root: string, name: string): Promise<Buffer> {
  const dir = path.join(root, name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of PREBUILT_FILES(input.sourceDir!)) {
    copyFileSync(path.join(input.sourceDir!, f), path.join(dir, f));
    utimesSync(path.join(dir, f), input.sourceDateEpoch, input.sourceDateEpoch);
  }
  chmodSync(path.join(dir, MACOS_SCRIPT_FILE), 0o755);
  return reproducibleTarball(root, [name], input.sourceDateEpoch);
}

export const packageStage: Stage<PackageInput, PackageOutput> = {
  name: 'package',
  title: 'package the install tree',
  async run(input, ctx) {
    const epoch = input.sourceDateEpoch;
    const log = (line: string): void => ctx.log.info(line);
    // Written beside the final names, then renamed: out-dir never holds a half file.
    mkdirSync(input.outDir, { recursive: true });
    const library = path.join(input.outDir, input.fileName);
    const tarball = path.join(input.outDir, tarballName(input.variant, input.arch, input.host));
    copyFileSync(input.library, `${library}.partial`);
    chmodSync(`${library}.partial`, 0o755);
    const tarballSha256 = await writeTarball(tarball, input.kept, epoch, () => installTarball(input, path.join(ctx.workDir, 'package')), log);
    let prebuilt: PackageOutput['prebuilt'];
    if (input.sourceDir && existsSync(path.join(input.sourceDir, MACOS_ASM_FILE))) {
      const name = prebuiltName(input.variant);
      const out = path.join(input.outDir, `${name}.tgz`);
      const sha = await writeTarball(out, input.kept, epoch, () => prebuiltTarball(input, path.join(ctx.workDir, 'prebuilt'), name), log);
      renameSync(`${out}.partial`, out);
      prebuilt = { tarball: out, sha256: sha };
    }
    renameSync(`${library}.partial`, library);
    renameSync(`${tarball}.partial`, tarball);
    return { library, librarySha256: await sha256File(library), tarball, tarballSha256, prebuilt };
  },
  produces: (o) => [o.library, o.tarball, ...(o.prebuilt ? [o.prebuilt.tarball] : [])],
  summary: (o) => `${path.basename(o.tarball)} (sha256 ${o.tarballSha256.slice(0, 16)}…)`,
};

// Builds as build.yml's cells upload them, made by the product's own code: the
// package stage's install tarball (and aarch64's macOS bundle), the release
// stage's source release holding a kernel tarball, a sev build's
// measurements.json, and the build-manifest
// command's <artifact>.json written from those outputs, as the cell does.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MACOS_ASM_FILE, MACOS_SCRIPT_FILE } from '../../src/pipeline/macos-bundle.ts';
import { packageStage } from '../../src/pipeline/stages/package.ts';
import { releaseStage } from '../../src/pipeline/stages/release.ts';
import { MEASUREMENTS_FILE, type Measurements } from '../../src/measure/measurements.ts';
import { libraryNames, type Arch, type Host, type Variant } from '../../src/target.ts';
import { sha256 } from '../../src/util/hash.ts';
import { buildManifest, writeBuildManifest, type BuildManifest, type RawManifestInputs } from '../../src/workflows/build-manifest.ts';
import { stageContext } from '../support/context.ts';

export const KERNEL = 'linux-6.12.87.tar.xz';
const EPOCH = 1767225600;

export interface BuildOptions {
  /** The kernel tarball's bytes in the source release. */
  kernel?: string;
  kernelName?: string;
  /** What the source manifest says the kernel's sha256 is (default: its bytes'). */
  kernelSha256?: string;
  /** Library bytes: builds with different ones differ in every file. */
  library?: string;
  /** aarch64: also write the macOS bundle. */
  prebuilt?: boolean;
  /** windows: libkrunfw.dll, its -windows install tarball and source release. */
  host?: Host;
}

/** The action's outputs for one build in `outDir`, as the cell's manifest step gets them. */
export interface ActionOutputs {
  library: string;
  soname: string;
  version: string;
  sha256: string;
  tarball: string;
  tarballSha256: string;
  sourceRelease: string;
  sourceReleaseSha256: string;
  prebuilt: string;
  /** sev: measurements.json; '' for the other variants, as the action's output is. */
  measurements: string;
}

/**
 * measurements.json for the library of sha256 `librarySha256`, as the measure
 * stage writes it into out-dir. Its digests are not the library's: the stage
 * needs a real SEV library to dlopen (test/measure/ checks it on one); what
 * the workflows read of the file is its bytes and the library it names.
 */
export function writeMeasurements(outDir: string, library: string, librarySha256: string): string {
  const blob = (address: string, what: string) => ({ address, size: 65536, sha256: sha256(what) });
  const m: Measurements = {
    format: 1,
    library: { file: path.basename(library), sha256: librarySha256 },
    guest: { qboot: blob('0xffff0000', 'qboot'), kernel: blob('0x1000000', 'kernel'), initrd: blob('0xa00000', 'initrd') },
    measurements: [{ vcpus: 1, memoryMiB: 2048, sev: sha256('sev'), sevEs: sha256('sev-es'), snp: sha256('snp').repeat(2).slice(0, 96) }],
    warnings: [],
  };
  const file = path.join(outDir, MEASUREMENTS_FILE);
  writeFileSync(file, `${JSON.stringify(m, null, 2)}\n`);
  return file;
}

/** Runs the package and release stages into `outDir`, like the action does for one cell. */
export async function actionBuild(scratch: string, outDir: string, variant: Variant, arch: Arch, o: BuildOptions = {}): Promise<ActionOutputs> {
  const src = mkdtempSync(path.join(scratch, 'inputs-'));
  const kernelName = o.kernelName ?? KERNEL;
  writeFileSync(path.join(src, kernelName), o.kernel ?? 'kernel bytes');
  const lib = path.join(src, 'lib');
  mkdirSync(path.join(src, 'patches'));
  mkdirSync(lib);
  writeFileSync(path.join(src, 'patches', '0001-a.patch'), 'a patch\n');
  for (const f of ['krunfw.c', 'kernel.S', 'Makefile']) writeFileSync(path.join(lib, f), `${f}\n`);
  if (o.prebuilt) for (const f of [MACOS_ASM_FILE, MACOS_SCRIPT_FILE, 'kernel.bin']) writeFileSync(path.join(lib, f), `${f}\n`);
  for (const f of ['GPL-2.0', 'LGPL-2.1', 'final.config']) writeFileSync(path.join(src, f), `${f}\n`);
  const host = o.host ?? 'linux';
  const names = host === 'windows' ? { file: 'libkrunfw.dll', soname: 'libkrunfw.dll' } : libraryNames({ variant, abiVersion: 5, version: '5.4.0' });
  writeFileSync(path.join(src, 'library'), o.library ?? `library ${variant} ${arch}`);

  const packaged = await packageStage.run(
    {
      library: path.join(src, 'library'),
      fileName: names.file,
      soname: names.soname,
      variant,
      host,
      abiVersion: 5,
      version: '5.4.0',
      arch,
      outDir,
      sourceDateEpoch: EPOCH,
      sourceDir: lib,
    },
    stageContext(path.join(src, 'work-package')),
  );
  // As the route does: measure (sev) before the release, which ships measurements.json too.
  const measurements = variant === 'sev' ? writeMeasurements(outDir, packaged.library, packaged.librarySha256) : '';
  const release = await releaseStage.run(
    {
      outDir,
      ...(measurements ? { measurements } : {}),
      arch,
      variant,
      host,
      abiVersion: 5,
      version: '5.4.0',
      library: { file: names.file, soname: names.soname, sha256: packaged.librarySha256, payloadSha256: 'b'.repeat(64) },
      kernel: {
        version: '6.12.87',
        tarball: path.join(src, kernelName),
        sha256: o.kernelSha256 ?? sha256(o.kernel ?? 'kernel bytes'),
        origin: 'https://cdn.kernel.org/pub/linux/kernel/v6.x/linux-6.12.87.tar.xz',
      },
      patches: [path.join(src, 'patches', '0001-a.patch')],
      config: { mode: 'fragments', files: [path.join(src, 'final.config')] },
      finalConfig: path.join(src, 'final.config'),
      librarySources: lib,
      licenses: { gpl: path.join(src, 'GPL-2.0'), lgpl: path.join(src, 'LGPL-2.1') },
      blobs: [],
      toolchain: { gcc: 'gcc (Debian 12.2.0-14) 12.2.0' },
      reproducibility: { sourceDateEpoch: EPOCH, user: 'libkrunfw', host: 'libkrunfw' },
    },
    stageContext(path.join(src, 'work-release')),
  );
  return {
    library: packaged.library,
    soname: names.soname,
    version: '5.4.0',
    sha256: packaged.librarySha256,
    tarball: packaged.tarball,
    tarballSha256: packaged.tarballSha256,
    sourceRelease: release.tarball,
    sourceReleaseSha256: release.sha256,
    prebuilt: packaged.prebuilt?.tarball ?? '',
    measurements,
  };
}

/** The manifest step's inputs for those outputs, as build.yml's env: passes them. */
export function manifestInputs(artifact: string, variant: Variant, arch: Arch, outDir: string, out: ActionOutputs, host: Host = 'linux'): RawManifestInputs {
  return {
    artifact,
    variant,
    arch,
    host,
    library: out.library,
    soname: out.soname,
    'library-version': out.version,
    'library-sha256': out.sha256,
    'kernel-version': '6.12.87',
    tarball: out.tarball,
    'tarball-sha256': out.tarballSha256,
    'source-release': out.sourceRelease,
    'source-release-sha256': out.sourceReleaseSha256,
    prebuilt: out.prebuilt,
    measurements: out.measurements,
    'built-variant': variant,
    'built-arch': arch,
    'action-repository': 'owner/libkrunfw-action',
    'action-sha': 'c'.repeat(40),
    'out-dir': outDir,
  };
}

/**
 * One uploaded build: <builds>/<artifact>/ with the action's files and the
 * manifest the cell wrote (`folder` overrides where, e.g. a lone build that
 * download-artifact puts in builds/ itself).
 */
export async function uploadedBuild(
  scratch: string,
  builds: string,
  artifact: string,
  variant: Variant,
  arch: Arch,
  o: BuildOptions & { folder?: string } = {},
): Promise<{ folder: string; manifest: BuildManifest }> {
  const folder = o.folder ?? path.join(builds, artifact);
  mkdirSync(folder, { recursive: true });
  const out = await actionBuild(scratch, folder, variant, arch, o);
  const r = await buildManifest(manifestInputs(artifact, variant, arch, folder, out, o.host));
  if ('problems' in r) throw new Error(r.problems.join('\n'));
  writeBuildManifest(folder, r.manifest);
  return { folder, manifest: r.manifest };
}

/** Rewrites an uploaded build's <artifact>.json, as a tampered or broken artifact would have it. */
export function editManifest(folder: string, artifact: string, change: (m: Record<string, string>) => Record<string, string>): void {
  const file = path.join(folder, `${artifact}.json`);
  writeFileSync(file, JSON.stringify(change(JSON.parse(readFileSync(file, 'utf8')))));
}

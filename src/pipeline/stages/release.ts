// release: the GPL source release of the library just built. It holds the kernel
// tarball exactly as obtained, the series as applied, the config as given and as
// kconfig finished it, the library's own generated sources with a way to build
// them, the licence texts, a manifest of every file's sha256 naming the binary's
// sha256, and an SPDX SBOM. Reproducible: same inputs, same bytes.
// The release is a plain tar, not a tar.gz: almost all of it is the kernel
// tarball, already compressed, and gzip on top cost 14 CPU seconds and 800 MB
// of memory per run to save nothing (bench/release-format.ts: 2 s, 100 MB).
import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../../errors.ts';
import { listFiles, MANIFEST, SBOM, type ReleaseManifest } from '../../release/manifest.ts';
import { spdxDocument } from '../../release/sbom.ts';
import { buildScript, PAYLOAD_PY } from '../../release/templates.ts';
import type { KernelConfig, Reproducibility } from '../../request/types.ts';
import { archFacts, hostInfix, type Arch, type Host, type Variant } from '../../target.ts';
import { sha256File } from '../../util/hash.ts';
import type { Stage } from '../stage.ts';
import type { BundledBlob } from './bundle.ts';
import { reproducibleTarFile } from './package.ts';
import { MACOS_ASM_FILE, MACOS_SCRIPT_FILE } from '../macos-bundle.ts';

export interface ReleaseInput {
  outDir: string;
  arch: Arch;
  variant: Variant;
  /** windows: the release rebuilds libkrunfw.dll (4 KiB payload, mingw); absent: linux. */
  host?: Host;
  abiVersion: number;
  version: string;
  library: ReleaseManifest['library'];
  /** As in the manifest, but `tarball` is the file to copy in. */
  kernel: ReleaseManifest['kernel'];
  /** Patch files in applied order. */
  patches: string[];
  /** Where the recipe came from: the project, or a libkrunfw tree (its repository and commit, when checked out). */
  recipe?: ReleaseManifest['recipe'];
  config: KernelConfig;
  finalConfig: string;
  /** krunfw.c, kernel.S and Makefile, and the blobs' <name>.bin as bundled. */
  librarySources: string;
  /** SEV/TDX: qboot and initrd, with where each came from. */
  blobs: Pick<BundledBlob, 'name' | 'source'>[];
  /** GPL-2.0 and LGPL-2.1 texts (the kernel's LICENSES/preferred/). */
  licenses: { gpl: string; lgpl: string };
  toolchain: Record<string, string>;
  reproducibility: Reproducibility;
  /** sev: measurements.json, the launch digests, shipped beside what they measure. */
  measurements?: string;
}

export interface ReleaseOutput {
  tarball: string;
  sha256: string;
  manifest: ReleaseManifest;
}

/**
 * Each patch's name in the release's flat patches/: its own name, unless an
 * earlier one took it (libkrunfw's patches/ and patches-tee/ both start at 0001-),
 * then prefixed with its directory's name, then with its position.
 */
export function releasePatchNames(patches: string[]): string[] {
  const used = new Set<string>();
  return patches.map((p, i) => {
    const base = path.basename(p);
    const name = [base, `${path.basename(path.dirname(p))}-${base}`, `${String(i + 1).padStart(3, '0')}-${base}`].find((n) => !used.has(n))!;
    used.add(name);
    return name;
  });
}

/** libkrunfw-5.4.0-generic-x86_64-source; the Windows DLL's: libkrunfw-5.4.0-generic-windows-x86_64-source. */
export function sourceReleaseName(i: Pick<ReleaseInput, 'version' | 'variant' | 'arch' | 'host'>): string {
  return `libkrunfw-${i.version}-${i.variant}${hostInfix(i.host)}-${i.arch}-source`;
}

/** The source release's file suffix: a plain tar (see the top of this file). */
export const SOURCE_RELEASE_SUFFIX = '.tar';

/** The source release's file name: libkrunfw-<version>-<variant>[-windows]-<arch>-source.tar. */
export function sourceReleaseFileName(i: Pick<ReleaseInput, 'version' | 'variant' | 'arch' | 'host'>): string {
  return `${sourceReleaseName(i)}${SOURCE_RELEASE_SUFFIX}`;
}

/** A source release file's top directory: its name less .tar, or less .tar.gz for releases made before the plain tar. */
export function sourceReleaseTop(fileName: string): string {
  return fileName.replace(/\.tar(\.gz)?$/, '');
}

/** `src` at `dest`: a hard link where the file system allows (150 MB not copied), else a copy. */
function linkOrCopy(src: string, dest: string): void {
  try {
    linkSync(src, dest);
  } catch {
    copyFileSync(src, dest);
  }
}

/** Copy every input of the build into `dir`, under the names the manifest gives them. */
function copySources(dir: string, input: ReleaseInput): { tarball: string; patches: string[]; given: string[] } {
  for (const d of ['linux', 'patches', 'config/given', 'libkrunfw', 'LICENSES']) mkdirSync(path.join(dir, d), { recursive: true });
  const tarball = `linux/${path.basename(input.kernel.tarball)}`;
  linkOrCopy(input.kernel.tarball, path.join(dir, tarball));
  const names = releasePatchNames(input.patches);
  const patches = names.map((n) => `patches/${n}`);
  input.patches.forEach((p, i) => copyFileSync(p, path.join(dir, patches[i]!)));
  writeFileSync(path.join(dir, 'patches', 'series'), names.map((n) => `${n}\n`).join(''));
  // Numbered, so the merge order survives and equal names cannot collide.
  const given = input.config.files.map((f, i) => `config/given/${String(i + 1).padStart(2, '0')}-${path.basename(f)}`);
  input.config.files.forEach((f, i) => copyFileSync(f, path.join(dir, given[i]!)));
  copyFileSync(input.finalConfig, path.join(dir, 'config', 'final.config'));
  // Blobs are inputs like the kernel tarball: the release carries them as bundled (padded).
  const blobFiles = input.blobs.map((b) => `${b.name}.bin`);
  const macos = [MACOS_ASM_FILE, MACOS_SCRIPT_FILE].filter((f) => existsSync(path.join(input.librarySources, f)));
  for (const f of ['krunfw.c', 'kernel.S', 'Makefile', ...blobFiles, ...macos])
    copyFileSync(path.join(input.librarySources, f), path.join(dir, 'libkrunfw', f));
  writeFileSync(path.join(dir, 'libkrunfw', 'payload.py'), PAYLOAD_PY);
  // Every kernel tree has them; a tree without is not one this release can describe.
  for (const text of [input.licenses.gpl, input.licenses.lgpl]) {
    if (!existsSync(text)) throw new ArchiveError(`${text} is missing: the kernel tree has no licence text to ship in its source release`);
  }
  copyFileSync(input.licenses.gpl, path.join(dir, 'LICENSES', 'GPL-2.0-only.txt'));
  copyFileSync(input.licenses.lgpl, path.join(dir, 'LICENSES', 'LGPL-2.1-only.txt'));
  if (input.measurements) copyFileSync(input.measurements, path.join(dir, path.basename(input.measurements)));
  return { tarball, patches, given };
}

/** build.sh, which rebuilds with standard tools, and the README that says what the release is. */
function writeInstructions(dir: string, name: string, tarball: string, input: ReleaseInput): void {
  const r = input.reproducibility;
  const facts = archFacts(input.arch);
  writeFileSync(
    path.join(dir, 'build.sh'),
    buildScript({
      kernelTarball: tarball,
      arch: input.arch,
      kernelArch: facts.kernelArch,
      image: facts.image,
      imagePath: facts.imagePath,
      crossCompile: `${facts.triplet}-`,
      host: input.host ?? 'linux',
      epoch: r.sourceDateEpoch,
      user: r.user,
      buildHost: r.host,
      configMode: input.config.mode,
    }),
  );
  chmodSync(path.join(dir, 'build.sh'), 0o755);
  writeFileSync(
    path.join(dir, 'README'),
    `Source release of ${input.library.file} (libkrunfw ${input.version}, ${input.variant}, ${input.arch}),\n` +
      `sha256 ${input.library.sha256}.\n\n` +
      `The Linux kernel ${input.kernel.version} (GPL-2.0-only) with the patches in patches/ is bundled\n` +
      "in the library as data; the library's own code in libkrunfw/ is LGPL-2.1-only.\n" +
      'manifest.json lists every file with its sha256. To rebuild and compare:\n' +
      `  libkrunfw-action verify-source ${name}${SOURCE_RELEASE_SUFFIX}\nor, with standard tools only: sh build.sh\n`,
  );
}

/** The SBOM, then the manifest listing every file (the SBOM among them) with its sha256. */
async function writeManifest(dir: string, base: Omit<ReleaseManifest, 'files'>): Promise<ReleaseManifest> {
  // The tarball's sha256 was proven by the source step: not read again.
  const before = await listFiles(dir, { [base.kernel.tarball]: base.kernel.sha256 });
  writeFileSync(
    path.join(dir, SBOM),
    `${JSON.stringify(spdxDocument({ ...base, files: before }, new Date(base.reproducibility.sourceDateEpoch * 1000)), null, 2)}\n`,
  );
  const known = Object.fromEntries(before.map((f) => [f.path, f.sha256]));
  const manifest: ReleaseManifest = { ...base, files: await listFiles(dir, known) };
  writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export const releaseStage: Stage<ReleaseInput, ReleaseOutput> = {
  name: 'release',
  title: 'write the GPL source release',
  async run(input, ctx) {
    const name = sourceReleaseName(input);
    const stage = path.join(ctx.workDir, 'release');
    const dir = path.join(stage, name);
    rmSync(stage, { recursive: true, force: true });
    const { tarball, patches, given } = copySources(dir, input);
    writeInstructions(dir, name, tarball, input);
    const manifest = await writeManifest(dir, {
      format: 1,
      name,
      arch: input.arch,
      variant: input.variant,
      host: input.host ?? 'linux',
      abiVersion: input.abiVersion,
      version: input.version,
      library: input.library,
      kernel: { version: input.kernel.version, tarball, sha256: input.kernel.sha256, origin: input.kernel.origin },
      patches,
      config: { mode: input.config.mode, given, final: 'config/final.config' },
      ...(input.recipe ? { recipe: input.recipe } : {}),
      blobs: input.blobs.map((b) => ({ name: b.name, path: `libkrunfw/${b.name}.bin`, source: b.source })),
      toolchain: input.toolchain,
      reproducibility: input.reproducibility,
    });

    mkdirSync(input.outDir, { recursive: true });
    const out = path.join(input.outDir, sourceReleaseFileName(input));
    await reproducibleTarFile(stage, [name], input.reproducibility.sourceDateEpoch, `${out}.partial`);
    const releaseSha256 = await sha256File(`${out}.partial`);
    renameSync(`${out}.partial`, out);
    return { tarball: out, sha256: releaseSha256, manifest };
  },
  produces: (o) => [o.tarball],
  summary: (o) => `${path.basename(o.tarball)} (${o.manifest.files.length} files, sha256 ${o.sha256.slice(0, 16)}…)`,
};

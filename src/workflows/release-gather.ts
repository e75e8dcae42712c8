// release.yml's gather job: the release set. Each build's install tarball under
// libkrunfw's asset name, its macOS bundle, a sev build's launch digests
// (measurements.json), its source release less the kernel
// tarball (attached once, as the kernel job kept it), and SHA256SUMS. Every
// file is checked against its build's manifest first; a binary is never
// attached without the source release that rebuilds it; the release directory
// is written only when every check passed.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { manifestKernel } from '../release/manifest.ts';
import { prebuiltName } from '../pipeline/stages/package.ts';
import { sourceReleaseTop } from '../pipeline/stages/release.ts';
import { hostInfix, libraryBase, tarballName, type Arch, type Host, type Variant } from '../target.ts';
import { sha256File } from '../util/hash.ts';
import {
  artifactList,
  findBuild,
  measurementsProblem,
  namedFile,
  PLAIN_NAME,
  readBuildManifest,
  sourceReleaseFile,
  type NamedFile,
  type ReadManifest,
} from './build-manifest.ts';
import { copyWithout } from './source-release.ts';
import { quote, type Message } from './step-io.ts';

export const GATHER_INPUTS = ['artifacts', 'builds-dir', 'kernel-source-dir', 'release-dir', 'work-dir'] as const;
export type RawGatherInputs = Record<(typeof GATHER_INPUTS)[number], string>;

/** The checksum list's own name; no asset may take it. */
export const SHA256SUMS = 'SHA256SUMS';

export interface Asset {
  name: string;
  sha256: string;
  /** Where its bytes are now. */
  source: string;
}

export interface ReleaseSet {
  dir: string;
  /** Sorted by name. */
  assets: Asset[];
  /** The kernel tarball, attached once. */
  kernel: string;
}

/** The kernel tarball the kernel job kept: the one file in its directory. */
async function keptKernel(dir: string): Promise<{ file: string; sha256: string } | { problem: string }> {
  const files = existsSync(dir) && statSync(dir).isDirectory() ? readdirSync(dir).filter((f) => statSync(path.join(dir, f)).isFile()) : [];
  if (files.length !== 1) return { problem: `${dir}/ holds ${files.length} files; want the one kernel tarball the 'kernel' job kept` };
  return { file: files[0]!, sha256: await sha256File(path.join(dir, files[0]!)) };
}

/**
 * The asset name of a sev build's measurements.json: every build's file is
 * called measurements.json and a release's assets share one flat namespace,
 * so it takes the name of the install tarball whose library it measures
 * (libkrunfw-sev-x86_64-measurements.json), unique as that name is, and
 * listed beside it.
 */
export function measurementsAssetName(variant: Variant, arch: Arch, host?: Host): string {
  return `${libraryBase(variant)}${hostInfix(host)}-${arch}-measurements.json`;
}

type BuildFiles = Partial<Record<'tarball' | 'prebuilt' | 'measurements' | 'source-release', NamedFile>>;

/** Why a build's files are not the ones its variant, arch and host call for, if they are not. */
function misnamed(variant: Variant, m: ReadManifest, files: BuildFiles, source: NamedFile): string | undefined {
  const want = sourceReleaseFile(m);
  if (source.name !== want) return `its manifest names ${source.name} as its source release, not ${want ?? 'libkrunfw-<version>-<variant>-<arch>-source.tar'}`;
  if (files.prebuilt && files.prebuilt.name !== `${prebuiltName(variant)}.tgz`)
    return `its manifest names ${files.prebuilt.name} as its macOS bundle, not ${prebuiltName(variant)}.tgz`;
  const unmeasured = measurementsProblem(variant, m.measurements !== undefined);
  return unmeasured && `its manifest names ${unmeasured}`;
}

/** One build's assets, each checked against its manifest, added with `add`; problems through `error`. */
async function gatherBuild(
  artifact: string,
  c: {
    builds: string;
    work: string;
    kernel: { file: string; sha256: string } | undefined;
    error: (text: string) => void;
    add: (name: string, source: string, sha256: string) => void;
  },
): Promise<void> {
  const { builds, work, kernel, error, add } = c;
  const problem = (text: string): void => error(`${artifact}: ${text}`);
  const folder = findBuild(builds, artifact);
  if (!folder) {
    problem(`missing (no ${artifact}.json)`);
    return;
  }
  const read = readBuildManifest(folder, artifact);
  if ('problem' in read) {
    problem(read.problem);
    return;
  }
  const m = read.manifest;
  // The files to attach, each checked against the build's manifest.
  const files: BuildFiles = {};
  for (const key of ['tarball', 'prebuilt', 'measurements', 'source-release'] as const) {
    const f = await namedFile(folder, m, key);
    if (f && 'problem' in f) problem(f.problem);
    else if (f) files[key] = f;
  }
  if (!files.tarball) {
    if (!m.tarball) problem('its manifest names no install tarball');
    return;
  }
  // A binary is never attached without the source that rebuilds it.
  if (!files['source-release']) {
    if (!m['source-release']) problem('its manifest names no source release, so its binaries are not attached');
    return;
  }
  if (!kernel) return;
  if (!m.variant || !m.arch) {
    problem('its manifest names no variant or arch');
    return;
  }
  const wrong = misnamed(m.variant, m, files, files['source-release']);
  if (wrong) {
    problem(wrong);
    return;
  }
  const source = files['source-release'];
  const top = sourceReleaseTop(source.name);
  const slim = path.join(work, source.name);
  let copy;
  try {
    copy = await copyWithout(source.path, top, `${top}/linux/${kernel.file}`, slim);
  } catch (e) {
    problem(`${source.name} cannot be read: ${(e as Error).message}`);
    return;
  }
  const named = manifestKernel(copy.manifest);
  if (copy.outside !== undefined) problem(`${source.name} holds ${quote(copy.outside)}, outside ${top}/`);
  else if (copy.dropped === undefined) problem(`${source.name} holds no linux/${kernel.file}, the kernel tarball this release attaches`);
  else if (copy.dropped !== kernel.sha256)
    problem(`${source.name} holds linux/${kernel.file} with sha256 ${copy.dropped}; the one attached has ${kernel.sha256}`);
  else if (typeof named === 'string' || named.file !== kernel.file || named.sha256 !== kernel.sha256) {
    problem(`${source.name}'s manifest.json does not name ${kernel.file} by its sha256 ${kernel.sha256}`);
  } else {
    add(source.name, slim, await sha256File(slim));
    add(tarballName(m.variant, m.arch, m.host), files.tarball.path, files.tarball.sha256);
    if (files.prebuilt) add(files.prebuilt.name, files.prebuilt.path, files.prebuilt.sha256);
    if (files.measurements) add(measurementsAssetName(m.variant, m.arch, m.host), files.measurements.path, files.measurements.sha256);
  }
}

export async function gatherRelease(raw: RawGatherInputs): Promise<{ messages: Message[]; release?: ReleaseSet }> {
  const messages: Message[] = [];
  const error = (text: string): void => void messages.push({ level: 'error', text });
  const assets = new Map<string, Asset>();
  const add = (name: string, source: string, sha256: string): void => {
    const had = assets.get(name);
    if (!PLAIN_NAME.test(name)) error(`${source}: ${quote(name)} is not a safe asset name`);
    else if (had && had.sha256 !== sha256) error(`two different files would be attached as ${name}: ${had.source} and ${source}`);
    else if (!had) assets.set(name, { name, source, sha256 });
  };

  const kernelDir = raw['kernel-source-dir'];
  const kept = await keptKernel(kernelDir);
  const kernel = 'problem' in kept ? undefined : kept;
  if ('problem' in kept) error(kept.problem);
  else add(kept.file, path.join(kernelDir, kept.file), kept.sha256);

  const list = artifactList(raw.artifacts);
  const artifacts = 'problem' in list ? [] : list.artifacts;
  if ('problem' in list) error(list.problem);
  const builds = raw['builds-dir'];
  // download-artifact puts each artifact in builds/<name>/ (or a lone one in builds/ itself).
  for (const extra of existsSync(builds) ? readdirSync(builds).sort() : []) {
    if (statSync(path.join(builds, extra)).isDirectory() && !artifacts.includes(extra)) {
      messages.push({ level: 'warning', text: `ignoring artifact ${extra}: build.yml did not name it` });
    }
  }

  mkdirSync(raw['work-dir'] || os.tmpdir(), { recursive: true });
  const work = mkdtempSync(path.join(raw['work-dir'] || os.tmpdir(), 'gather-'));
  try {
    for (const artifact of artifacts) await gatherBuild(artifact, { builds, work, kernel, error, add });
    if (assets.has(SHA256SUMS)) error(`an artifact holds a file named ${SHA256SUMS}; that name is the checksum list's`);
    const dir = raw['release-dir'];
    if (existsSync(dir) && readdirSync(dir).length > 0) error(`${dir}/ exists and is not empty; the release set goes into a new directory`);
    if (messages.some((m) => m.level === 'error')) return { messages };
    const sorted = [...assets.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    writeReleaseSet(dir, sorted);
    return { messages, release: { dir, assets: sorted, kernel: kernel!.file } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The assets and SHA256SUMS (the format sha256sum --check reads), into `dir` whole: written beside it, then renamed. */
function writeReleaseSet(dir: string, assets: Asset[]): void {
  const parent = path.dirname(path.resolve(dir));
  mkdirSync(parent, { recursive: true });
  const stage = mkdtempSync(path.join(parent, `.${path.basename(dir)}-`));
  try {
    for (const a of assets) copyFileSync(a.source, path.join(stage, a.name));
    writeFileSync(path.join(stage, SHA256SUMS), assets.map((a) => `${a.sha256}  ${a.name}\n`).join(''));
    // Checked empty before: rmdir refuses anything else.
    if (existsSync(dir)) rmdirSync(dir);
    renameSync(stage, dir);
  } catch (e) {
    rmSync(stage, { recursive: true, force: true });
    throw e;
  }
}

export function releaseSummary(r: ReleaseSet): string {
  return [
    '| asset | sha256 |\n| --- | --- |\n',
    ...r.assets.map((a) => `| ${a.name} | \`${a.sha256}\` |\n`),
    `\nThe source releases leave out linux/${r.kernel}, attached once; their manifest.json names it by sha256.\n`,
  ].join('');
}

// The build manifest, <artifact>.json: what one build.yml cell built (variant,
// arch, each file's name and sha256, the kernel version, the action's commit),
// written beside those files from the action's outputs, and read back by the
// release jobs to find and check every file before it is attached.
import { existsSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sourceReleaseFileName } from '../pipeline/stages/release.ts';
import { ARCHES, HOSTS, isArch, isHost, isVariant, VARIANTS, type Arch, type Host, type Variant } from '../target.ts';
import type { Measurements } from '../measure/measurements.ts';
import { sha256File } from '../util/hash.ts';
import { quote } from './step-io.ts';

export interface BuildManifest {
  artifact: string;
  variant: Variant;
  arch: Arch;
  /** windows: libkrunfw.dll. Manifests written before the Windows host have none: linux. */
  host?: Host;
  library: string;
  soname: string;
  version: string;
  sha256: string;
  'kernel-version': string;
  tarball: string;
  'tarball-sha256': string;
  'source-release': string;
  'source-release-sha256': string;
  /** <repository>@<commit> of the action that built it. */
  action: string;
  /** aarch64: the macOS bundle's sources. */
  prebuilt?: string;
  'prebuilt-sha256'?: string;
  /** sev: measurements.json, the launch digests of this library. */
  measurements?: string;
  'measurements-sha256'?: string;
}

/** The manifest step's inputs: the cell's, and the action's outputs of the same names. */
export const MANIFEST_INPUTS = [
  'artifact',
  'variant',
  'arch',
  'host',
  'library',
  'soname',
  'library-version',
  'library-sha256',
  'kernel-version',
  'tarball',
  'tarball-sha256',
  'source-release',
  'source-release-sha256',
  'prebuilt',
  'measurements',
  'built-variant',
  'built-arch',
  'action-repository',
  'action-sha',
  'out-dir',
] as const;
export type RawManifestInputs = Record<(typeof MANIFEST_INPUTS)[number], string>;

/** A file or artifact name that is safe as a path component, an asset name and a markdown cell. */
export const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** The files a manifest names, each with the key of its sha256. */
const FILES = [
  { key: 'library', sha: 'sha256', input: 'library', inputSha: 'library-sha256' },
  { key: 'tarball', sha: 'tarball-sha256', input: 'tarball', inputSha: 'tarball-sha256' },
  { key: 'source-release', sha: 'source-release-sha256', input: 'source-release', inputSha: 'source-release-sha256' },
] as const;

/**
 * The manifest of the build the action just made in out-dir, every file
 * checked to be there, in out-dir (which the cell uploads whole) and of the
 * sha256 the action gave. A list of problems instead when anything is not so.
 */
export async function buildManifest(raw: RawManifestInputs): Promise<{ manifest: BuildManifest } | { problems: string[] }> {
  const problems: string[] = [];
  for (const [what, asked, built] of [
    ['variant', raw.variant, raw['built-variant']],
    ['arch', raw.arch, raw['built-arch']],
  ] as const) {
    if (asked !== built) problems.push(`the action built ${what} ${quote(built)}, this cell asked for ${quote(asked)}`);
  }
  if (!isVariant(raw.variant)) problems.push(`variant: ${quote(raw.variant)} is not one of ${VARIANTS.join(', ')}`);
  if (!isArch(raw.arch)) problems.push(`arch: ${quote(raw.arch)} is not one of ${ARCHES.join(', ')}`);
  if (!isHost(raw.host)) problems.push(`host: ${quote(raw.host)} is not one of ${HOSTS.join(', ')}`);
  if (!PLAIN_NAME.test(raw.artifact)) problems.push(`artifact: ${quote(raw.artifact)} is not a plain name`);
  let outDir = '';
  try {
    outDir = realpathSync(raw['out-dir']);
  } catch {
    problems.push(`out-dir: ${quote(raw['out-dir'])} does not exist`);
  }

  /** The file's name, when it is a file in out-dir. */
  const inOutDir = (input: string, given: string): string | undefined => {
    let real: string;
    try {
      real = realpathSync(given);
    } catch {
      problems.push(`${input}: ${quote(given)} does not exist`);
      return undefined;
    }
    if (!statSync(real).isFile()) problems.push(`${input}: ${quote(given)} is not a file`);
    else if (outDir && path.dirname(real) !== outDir) problems.push(`${input} ${quote(given)} is not in ${quote(raw['out-dir'])}`);
    else if (!PLAIN_NAME.test(path.basename(real))) problems.push(`${input}: ${quote(path.basename(real))} is not a plain file name`);
    else return path.basename(real);
    return undefined;
  };

  const names: Partial<Record<string, string>> = {};
  for (const f of FILES) {
    const given = raw[f.input];
    if (!given) {
      problems.push(`${f.input}: the action gave no path (every build writes one)`);
      continue;
    }
    const name = inOutDir(f.input, given);
    if (name === undefined) continue;
    const actual = await sha256File(given);
    if (actual !== raw[f.inputSha]) problems.push(`${f.input}: ${name} has sha256 ${actual}, the action said ${quote(raw[f.inputSha])}`);
    names[f.key] = name;
  }
  const prebuilt = raw.prebuilt ? inOutDir('prebuilt', raw.prebuilt) : undefined;
  const measured = await measurementsFile(raw, inOutDir, (text) => void problems.push(text));
  if (problems.length > 0) return { problems };

  const manifest: BuildManifest = {
    artifact: raw.artifact,
    variant: raw.variant as Variant,
    arch: raw.arch as Arch,
    host: raw.host as Host,
    library: names.library!,
    soname: raw.soname,
    version: raw['library-version'],
    sha256: raw['library-sha256'],
    'kernel-version': raw['kernel-version'],
    tarball: names.tarball!,
    'tarball-sha256': raw['tarball-sha256'],
    'source-release': names['source-release']!,
    'source-release-sha256': raw['source-release-sha256'],
    action: `${raw['action-repository']}@${raw['action-sha']}`,
    // aarch64: the macOS bundle's sources, which the action writes beside the install tarball.
    ...(prebuilt ? { prebuilt, 'prebuilt-sha256': await sha256File(raw.prebuilt) } : {}),
    ...(measured ? { measurements: measured.name, 'measurements-sha256': measured.sha256 } : {}),
  };
  return { manifest };
}

/**
 * Why a build of `variant` that does (`named`) or does not name a
 * measurements.json is wrong, if it is: every sev library is measured (the
 * action always runs measure for sev), and no other is.
 */
export function measurementsProblem(variant: string | undefined, named: boolean): string | undefined {
  if (variant === 'sev' && !named) return 'no measurements.json: every sev library is released with its launch digests';
  if (variant !== 'sev' && named) return `a measurements.json for a ${quote(String(variant))} build: only sev libraries are measured`;
  return undefined;
}

/**
 * sev: the action's measurements.json, in out-dir and the digests of this very
 * library (it names the sha256 of what it measured); its name and sha256.
 */
async function measurementsFile(
  raw: RawManifestInputs,
  inOutDir: (input: string, given: string) => string | undefined,
  problem: (text: string) => void,
): Promise<{ name: string; sha256: string } | undefined> {
  const wrong = measurementsProblem(raw.variant, raw.measurements !== '');
  if (wrong) problem(`measurements: ${wrong}`);
  if (wrong || !raw.measurements) return undefined;
  const name = inOutDir('measurements', raw.measurements);
  if (name === undefined) return undefined;
  let measured: string | undefined;
  try {
    measured = (JSON.parse(readFileSync(raw.measurements, 'utf8')) as Partial<Measurements>).library?.sha256;
  } catch {
    // Not JSON, or not an object: it names no library, said below.
  }
  if (measured !== raw['library-sha256']) {
    problem(`measurements: ${name} measured a library of sha256 ${measured ?? '(none)'}, not this build's ${raw['library-sha256']}`);
  }
  return { name, sha256: await sha256File(raw.measurements) };
}

/** The manifest as JSON, keys sorted, one per line. */
export function manifestJson(manifest: BuildManifest): string {
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** Writes <artifact>.json into `dir`, whole or not at all; returns its path. */
export function writeBuildManifest(dir: string, manifest: BuildManifest): string {
  const file = path.join(dir, `${manifest.artifact}.json`);
  writeFileSync(`${file}.partial`, manifestJson(manifest));
  renameSync(`${file}.partial`, file);
  return file;
}

/** The artifacts build.yml says it uploaded (its 'artifacts' output), or why they cannot be used. */
export function artifactList(raw: string): { artifacts: string[] } | { problem: string } {
  let list: unknown;
  try {
    list = JSON.parse(raw || '[]');
  } catch {
    return { problem: `build.yml's 'artifacts' output is not JSON: ${quote(raw)}` };
  }
  if (!Array.isArray(list) || list.length === 0) return { problem: "build.yml uploaded nothing (its 'artifacts' output is empty)" };
  const bad = list.filter((a) => typeof a !== 'string' || !PLAIN_NAME.test(a));
  if (bad.length > 0) return { problem: `build.yml's 'artifacts' output holds ${bad.map((b) => quote(String(b))).join(', ')}, not artifact names` };
  return { artifacts: [...new Set(list as string[])] };
}

/**
 * Where download-artifact put `artifact`: builds/<name>/, or builds/ itself
 * when the pattern matched that one artifact alone. Found by its manifest.
 */
export function findBuild(buildsDir: string, artifact: string): string | undefined {
  return [path.join(buildsDir, artifact), buildsDir].find((dir) => existsSync(path.join(dir, `${artifact}.json`)));
}

/** A manifest as read back: each field checked for its type, the files for plain names; absent ones stay absent. */
export type ReadManifest = Partial<BuildManifest>;

export function readBuildManifest(folder: string, artifact: string): { manifest: ReadManifest } | { problem: string } {
  const file = path.join(folder, `${artifact}.json`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { problem: `${artifact}.json cannot be read: ${(e as Error).message}` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { problem: `${artifact}.json is not a JSON object` };
  const m = data as Record<string, unknown>;
  for (const [key, value] of Object.entries(m)) {
    if (typeof value !== 'string') return { problem: `${artifact}.json: ${key} is not a string` };
  }
  if (m.variant !== undefined && !isVariant(m.variant as string))
    return { problem: `its manifest names the variant ${quote(String(m.variant))}, not one of ${VARIANTS.join(', ')}` };
  if (m.arch !== undefined && !isArch(m.arch as string))
    return { problem: `its manifest names the arch ${quote(String(m.arch))}, not one of ${ARCHES.join(', ')}` };
  if (m.host !== undefined && !isHost(m.host as string))
    return { problem: `its manifest names the host ${quote(String(m.host))}, not one of ${HOSTS.join(', ')}` };
  for (const key of ['library', 'tarball', 'source-release', 'prebuilt', 'measurements']) {
    const name = m[key] as string | undefined;
    if (name && !PLAIN_NAME.test(name)) return { problem: `its manifest names ${quote(name)} as its ${key}, not a plain file name` };
  }
  for (const key of ['sha256', 'tarball-sha256', 'source-release-sha256', 'prebuilt-sha256', 'measurements-sha256']) {
    const sha = m[key] as string | undefined;
    if (sha !== undefined && !SHA256.test(sha)) return { problem: `its manifest's ${key} is not a sha256: ${quote(sha)}` };
  }
  return { manifest: m as ReadManifest };
}

export type FileKey = 'library' | 'tarball' | 'source-release' | 'prebuilt' | 'measurements';
const SHA_OF: Record<FileKey, keyof BuildManifest> = {
  library: 'sha256',
  tarball: 'tarball-sha256',
  'source-release': 'source-release-sha256',
  prebuilt: 'prebuilt-sha256',
  measurements: 'measurements-sha256',
};

export interface NamedFile {
  name: string;
  path: string;
  sha256: string;
}

/**
 * The file a manifest names under `key`, checked to be in the artifact with
 * the manifest's sha256; undefined when the manifest names none.
 */
export async function namedFile(folder: string, m: ReadManifest, key: FileKey): Promise<NamedFile | { problem: string } | undefined> {
  const name = m[key];
  if (!name) return undefined;
  const file = path.join(folder, name);
  if (!existsSync(file) || !statSync(file).isFile()) return { problem: `its manifest names ${name}, which is not in the artifact` };
  const sha256 = await sha256File(file);
  const said = m[SHA_OF[key]];
  if (sha256 !== said) return { problem: `${name} has sha256 ${sha256}, its manifest says ${said ?? 'none'}` };
  return { name, path: file, sha256 };
}

/** The source release's file name the action gives this build: libkrunfw-<version>-<variant>[-windows]-<arch>-source.tar. */
export function sourceReleaseFile(m: ReadManifest): string | undefined {
  return m.version && m.variant && m.arch ? sourceReleaseFileName({ version: m.version, variant: m.variant, arch: m.arch, host: m.host }) : undefined;
}

// release.yml's kernel job: the kernel tarball, once. Every build's source
// release holds the kernel tarball it was built from (about 150 MB); a release
// attaches it once. Each source release is checked against its build's
// manifest, each source manifest must name the same tarball by the same
// sha256, and the tarball is then taken from one of them, checked again.
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { manifestKernel } from '../release/manifest.ts';
import { sourceReleaseTop } from '../pipeline/stages/release.ts';
import { artifactList, findBuild, namedFile, readBuildManifest, sourceReleaseFile } from './build-manifest.ts';
import { extractMember, readSourceManifest } from './source-release.ts';
import type { Message } from './step-io.ts';

export const KERNEL_INPUTS = ['artifacts', 'builds-dir', 'kernel-source-dir'] as const;
export type RawKernelInputs = Record<(typeof KERNEL_INPUTS)[number], string>;

/** One build's source release, and the kernel tarball its manifest names. */
export interface SourceKernel {
  artifact: string;
  /** The source release file, and its top directory. */
  release: string;
  top: string;
  /** linux/<file> in it. */
  file: string;
  sha256: string;
}

export interface KernelTaken {
  /** Where it was written: <kernel-source-dir>/<file>. */
  path: string;
  file: string;
  sha256: string;
  /** The artifact it was taken from, and every one whose source manifest names it. */
  from: string;
  namedBy: string[];
}

/** Reads every build's source release and the kernel tarball its manifest names; problems as messages. */
export async function sourceKernels(raw: Pick<RawKernelInputs, 'artifacts' | 'builds-dir'>): Promise<{ kernels: SourceKernel[]; problems: string[] }> {
  const problems: string[] = [];
  const kernels: SourceKernel[] = [];
  const list = artifactList(raw.artifacts);
  if ('problem' in list) return { kernels, problems: [list.problem] };
  for (const artifact of list.artifacts) {
    const problem = (text: string): void => void problems.push(`${artifact}: ${text}`);
    const folder = findBuild(raw['builds-dir'], artifact);
    if (!folder) {
      problem(`missing (no ${artifact}.json)`);
      continue;
    }
    const read = readBuildManifest(folder, artifact);
    if ('problem' in read) {
      problem(read.problem);
      continue;
    }
    const m = read.manifest;
    if (!m['source-release']) {
      problem('its manifest names no source release');
      continue;
    }
    const want = sourceReleaseFile(m);
    if (m['source-release'] !== want) {
      problem(`its manifest names ${m['source-release']} as its source release, not ${want ?? 'libkrunfw-<version>-<variant>-<arch>-source.tar'}`);
      continue;
    }
    const release = await namedFile(folder, m, 'source-release');
    if (release === undefined || 'problem' in release) {
      problem(release?.problem ?? 'its manifest names no source release');
      continue;
    }
    const top = sourceReleaseTop(release.name);
    let inner: unknown;
    try {
      inner = await readSourceManifest(release.path, top);
    } catch (e) {
      problem(`${release.name} cannot be read: ${(e as Error).message}`);
      continue;
    }
    if (inner === undefined) {
      problem(`${release.name} has no ${top}/manifest.json`);
      continue;
    }
    const kernel = manifestKernel(inner);
    if (typeof kernel === 'string') {
      problem(`${release.name}'s manifest.json ${kernel}`);
      continue;
    }
    kernels.push({ artifact, release: release.path, top, file: kernel.file, sha256: kernel.sha256 });
  }
  if (new Set(kernels.map((k) => `${k.file} ${k.sha256}`)).size > 1) {
    problems.push(
      "the builds' source manifests name different kernel tarballs, and a release attaches one: " +
        kernels.map((k) => `${k.artifact}: ${k.file} sha256 ${k.sha256}`).join('; '),
    );
  }
  return { kernels, problems };
}

/**
 * Takes the kernel tarball every source manifest names out of the first
 * source release into kernel-source-dir. Nothing is written unless every
 * check passed and the bytes are the ones named.
 */
export async function takeKernel(raw: RawKernelInputs): Promise<{ messages: Message[]; kernel?: KernelTaken }> {
  const { kernels, problems } = await sourceKernels(raw);
  const errors = (texts: string[]): { messages: Message[] } => ({ messages: texts.map((text) => ({ level: 'error', text })) });
  if (problems.length > 0) return errors(problems);
  const first = kernels[0]!;
  mkdirSync(raw['kernel-source-dir'], { recursive: true });
  const target = path.join(raw['kernel-source-dir'], first.file);
  const partial = `${target}.partial`;
  let sha256: string | undefined;
  try {
    sha256 = await extractMember(first.release, `${first.top}/linux/${first.file}`, partial);
  } catch (e) {
    rmSync(partial, { force: true });
    return errors([`${first.artifact}: ${path.basename(first.release)} cannot be read: ${(e as Error).message}`]);
  }
  if (sha256 !== first.sha256) {
    rmSync(partial, { force: true });
    const what = sha256 === undefined ? 'is not in it' : `has sha256 ${sha256}`;
    return errors([`${first.artifact}: linux/${first.file} ${what}; every manifest says ${first.sha256}`]);
  }
  renameSync(partial, target);
  return {
    messages: [],
    kernel: { path: target, file: first.file, sha256, from: first.artifact, namedBy: kernels.map((k) => k.artifact) },
  };
}

export function kernelOutputs(k: KernelTaken): Record<'tarball' | 'sha256', string> {
  return { tarball: k.file, sha256: k.sha256 };
}

export function kernelSummary(k: KernelTaken): string {
  return `Kernel tarball \`${k.file}\`, sha256 \`${k.sha256}\`, named by the source manifests of ${k.namedBy.join(', ')}; taken from ${k.from}.\n`;
}

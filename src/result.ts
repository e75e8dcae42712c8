// What a finished run hands back to its door: the files it made, what the
// caches did, what every step did, and what is left to save.
import type { CacheReport, PendingSave } from './cache/saves.ts';
import type { StageRecord } from './pipeline/stage.ts';
import type { PublishOutput } from './pipeline/stages/publish.ts';
import type { BuildState } from './pipeline/state.ts';
import type { Arch, Variant } from './target.ts';
import { InternalError } from './errors.ts';

export interface BuildResult {
  arch: Arch;
  variant: Variant;
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
  /** What the finish saves once it knows the run succeeded. */
  pendingSaves: PendingSave[];
  workDir: string;
}

/** The result of a route that ran to the end. */
export function resultOf(s: BuildState, run: Pick<BuildResult, 'stages' | 'caches' | 'pendingSaves' | 'workDir'>): BuildResult {
  const { request, linked, packaged, released } = s;
  if (!request || !linked || !packaged) throw new InternalError('the route ended without a packaged library');
  return {
    arch: request.arch,
    variant: request.variant,
    library: packaged.library,
    soname: linked.soname,
    version: request.version,
    sha256: packaged.librarySha256,
    kernelVersion: s.kernel?.version,
    tarball: packaged.tarball,
    tarballSha256: packaged.tarballSha256,
    prebuilt: packaged.prebuilt,
    sourceRelease: released && { tarball: released.tarball, sha256: released.sha256 },
    published: s.published,
    ...run,
  };
}

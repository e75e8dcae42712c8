// What a finished run hands back to its door: the files it made, what the
// caches did, what every step did, and what is left to save.
import type { CacheReport, PendingSave } from './cache/saves.ts';
import type { StageRecord } from './pipeline/stage.ts';
import type { PublishOutput } from './pipeline/stages/publish.ts';
import type { BuildState } from './pipeline/state.ts';
import type { Arch, Variant } from './target.ts';
import type { CheckReport } from './check/report.ts';
import { InternalError } from './errors.ts';
import type { Measurements } from './measure/measurements.ts';

export interface BuildResult {
  kind: 'library';
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
  /** sev: the launch digests (measurements.json). */
  measurements?: { file: string; measurements: Measurements };
  stages: StageRecord[];
  caches: CacheReport[];
  /** What the finish saves once it knows the run succeeded. */
  pendingSaves: PendingSave[];
  workDir: string;
}

/** What a check run hands back: the verdict (the door turns `passed: false` into its exit status). */
export interface CheckResult {
  kind: 'check';
  arch: Arch;
  variant: Variant;
  kernelVersion?: string;
  passed: boolean;
  /** check-report.json in out-dir. */
  reportFile: string;
  report: CheckReport;
  stages: StageRecord[];
  caches: CacheReport[];
  pendingSaves: PendingSave[];
  workDir: string;
}

export type RunResult = BuildResult | CheckResult;

/** The result of a run that made a library (build, bundle, verify-source). */
export function libraryResult(r: RunResult): BuildResult {
  if (r.kind !== 'library') throw new InternalError('a check makes no library');
  return r;
}

type RunFacts = Pick<BuildResult, 'stages' | 'caches' | 'pendingSaves' | 'workDir'>;

/** The result of a check route that ran to the end. */
export function checkResultOf(s: BuildState, run: RunFacts): CheckResult {
  const { build, checked } = s;
  if (!build || !checked) throw new InternalError('the check route ended without a report');
  const { report, file } = checked;
  return {
    kind: 'check',
    arch: build.arch,
    variant: build.variant,
    kernelVersion: report.kernel.version,
    passed: report.passed,
    reportFile: file,
    report,
    ...run,
  };
}

/** The result of a library route that ran to the end. */
export function resultOf(s: BuildState, run: RunFacts): BuildResult {
  const { request, linked, packaged, released } = s;
  if (!request || !linked || !packaged) throw new InternalError('the route ended without a packaged library');
  return {
    kind: 'library',
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
    measurements: s.measured,
    ...run,
  };
}

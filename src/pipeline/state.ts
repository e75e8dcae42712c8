// What a run knows as it goes: the request, and each step's product in its own
// slot. A step declares which slots it needs and which it fills; a cache level
// can fill slots instead of the steps it wraps. Nothing else passes between steps.
import type { CheckStageOutput } from '../check/run-check.ts';
import type { MeasureStageOutput } from '../measure/measure-stage.ts';
import type { CcacheStats } from './stages/compile.ts';
import type { BootOutput } from './stages/boot.ts';
import type { BundleOutput } from './stages/bundle.ts';
import type { ConfigureOutput } from './stages/configure.ts';
import type { KernelTree } from './stages/extract.ts';
import type { LinkOutput } from './stages/link.ts';
import type { PackageOutput } from './stages/package.ts';
import type { PatchOutput } from './stages/patch.ts';
import type { PublishOutput } from './stages/publish.ts';
import type { ReleaseOutput } from './stages/release.ts';
import type { SourceOutput } from './stages/source.ts';
import type { VerifyOutput } from './stages/verify.ts';
import type { KeptPackage } from '../cache/saves.ts';
import type { BuildRequest, LibraryRequest, PendingBuildRequest } from '../request/types.ts';

/** What the source release needs to know of the kernel a library was built from. */
export interface KernelFacts {
  version: string;
  /** kconfig's final .config. */
  finalConfig: string;
  licenses: { gpl: string; lgpl: string };
}

export interface BuildState {
  /** libkrunfw-ref: the request waits for its tree (the recipe step settles it). */
  pending?: PendingBuildRequest;
  /** What the library must be: every run that makes one. */
  request?: LibraryRequest;
  /** How to build its kernel: set when one is built, not when an existing one is packaged. */
  build?: BuildRequest;

  /** Source cache: where the tarball is kept, and restored when cached. */
  downloadTo?: string;
  fetched?: SourceOutput;
  extracted?: KernelTree;
  patched?: PatchOutput;
  configured?: ConfigureOutput;
  /** Compiler cache: ccache's directory and size limit for the compile. */
  ccache?: { dir: string; maxSize: string };
  /** The kernel image to bundle: built, or given (bundle mode). */
  compiled?: { image: string; ccache?: CcacheStats };
  kernel?: KernelFacts;
  bundled?: BundleOutput;
  linked?: LinkOutput;
  verified?: VerifyOutput;
  booted?: BootOutput;
  packaged?: PackageOutput;
  /** Output cache hit: the install tarballs made from this library before, for the package step to reuse. */
  keptPackage?: KeptPackage & { dir: string };
  released?: ReleaseOutput;
  published?: PublishOutput;
  /** sev: the launch digests. */
  measured?: MeasureStageOutput;
  /** Check mode: the verdict on every patch and option. */
  checked?: CheckStageOutput;
}

export type Slot = keyof BuildState;

/** The state as a step with these needs sees it: those slots are there. */
export type With<N extends Slot> = BuildState & { [K in N]-?: NonNullable<BuildState[K]> };

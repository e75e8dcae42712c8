// What a validated request holds. The resolver (resolve.ts) makes these from
// raw inputs; everything downstream takes them as they are, typed, and never
// reads an input again.
import type { Arch, Variant } from '../target.ts';

export type KernelSource = { kind: 'url'; url: string; version?: string } | { kind: 'file'; path: string };

export interface KernelConfig {
  mode: 'full' | 'fragments';
  /** Absolute paths, in merge order (later fragments win). */
  files: string[];
}

export interface Reproducibility {
  sourceDateEpoch: number;
  user: string;
  host: string;
}

export type BlobName = 'qboot' | 'initrd';
export const BLOB_NAMES: readonly BlobName[] = ['qboot', 'initrd'];

/** A file bundled beside the kernel (SEV/TDX), and where it came from, for the source release. */
export interface BlobSource {
  file: string;
  origin: string;
}

/** Where the recipe came from: this project, or a libkrunfw source tree (with its repository and commit when checked out). */
export type RecipeSource = { kind: 'project' } | { kind: 'libkrunfw-tree'; dir: string; repository?: string; ref?: string; commit?: string };

/** boot-test: auto boots when the target's emulator is installed. */
export type BootTest = 'auto' | 'on' | 'off';

/** What every run that makes a library has, whatever it builds from. */
export interface LibraryRequest {
  arch: Arch;
  variant: Variant;
  /** SEV/TDX: the qboot firmware and initrd bundled beside the kernel. */
  blobs?: Record<BlobName, BlobSource>;
  bootTest: BootTest;
  /** sev: the launches to compute digests for. */
  measure?: { vcpus: number[]; memoryMiB: number[] };
  abiVersion: number;
  version: string;
  reproducibility: Reproducibility;
  outDir: string;
  workDir: string;
  keepWorkDir: boolean;
}

export interface CacheSettings {
  source: boolean;
  compiler: boolean;
  output: boolean;
  /** Keep the built tree between runs; only with a directory cache. */
  tree: boolean;
  /** ccache's max_size, e.g. 2G. */
  ccacheMaxSize: string;
}

/** A build, or a check of what a build would take (no compile, no library). */
export interface BuildRequest extends LibraryRequest {
  mode: 'build' | 'check';
  recipe: RecipeSource;
  kernel: { source: KernelSource; sha256?: string };
  /** The patch files, absolute, in the order they apply. */
  patches: string[];
  config: KernelConfig;
  jobs: number;
  cache: CacheSettings;
  /** A directory for the caches instead of the platform's own cache service. */
  cacheDir?: string;
  /** Publish the results where the platform can (GitHub artifacts). */
  upload: boolean;
  retentionDays: number;
}

/** libkrunfw-ref: everything but what the tree decides is resolved; `settle` resolves the rest once it is checked out. */
export interface PendingBuildRequest {
  mode: 'build' | 'check';
  checkout: { repository: string; ref: string };
  workDir: string;
  keepWorkDir: boolean;
  outDir: string;
  cacheDir?: string;
  settle(tree: CheckedOutTree): BuildRequest;
}

/** A libkrunfw tree checked out at a ref, to be read like libkrunfw-dir. */
export interface CheckedOutTree {
  dir: string;
  repository: string;
  ref: string;
  commit: string;
}

export interface BundleRequest extends LibraryRequest {
  mode: 'bundle';
  /** The kernel image to package. */
  image: string;
  /** Asked to upload: a bundled kernel has no source release, so nothing is, and the run says so. */
  upload: boolean;
}

/** What verify-source takes: the release, and where and how hard to work on it. */
export interface VerifySourceRequest {
  mode: 'verify-source';
  release: string;
  workDir: string;
  keepWorkDir: boolean;
  jobs: number;
}

export type Request = BuildRequest | PendingBuildRequest | BundleRequest | VerifySourceRequest;

/** The facts about the machine a door passes in, so resolving stays pure. */
export interface RequestEnvironment {
  /** Relative paths resolve against this: the workspace in the action, the shell's directory in the CLI. */
  cwd: string;
  tempDir: string;
  cpuCount: number;
  /** process.arch spelled as Node does (x64, arm64, riscv64). */
  hostArch: string;
  sourceDateEpoch?: string;
}

// The one list of inputs. The action reads them by these names, the CLI takes
// them as `--<name>` flags, action.yml is written from it (scripts/action-yml.ts)
// and a test keeps the two equal. Each input's default is decided here and only
// here: a static `default` is written to action.yml (a runner then passes it as
// if given) and the resolver applies the same value for the CLI; the inputs
// without one say in their description where their value comes from.

/** What a run does: build a library, package an existing kernel, rebuild a source release, or check a series and config without compiling. */
export const MODES = ['build', 'bundle', 'verify-source', 'check'] as const;
export type Mode = (typeof MODES)[number];

export interface InputSpec {
  name: string;
  description: string;
  /** The default, for both doors. Only static values: no default here means the description says where the value comes from. */
  default?: string;
  /** Takes several values: newline-separated in the action, a repeated flag in the CLI. */
  multiple?: boolean;
  /** A boolean switch (CLI `--name` / `--no-name`). */
  boolean?: boolean;
  /** The modes it means something in; given (other than its default) in another mode, the run is refused. */
  modes: readonly Mode[];
}

/** Where the kernel and its series and config come from: a build, and a check of them. */
const SOURCE: readonly Mode[] = ['build', 'check'];
const BUILD: readonly Mode[] = ['build'];
/** Every run that makes a library. */
const LIBRARY: readonly Mode[] = ['build', 'bundle'];
/** What is built for and where the results go. */
const TARGET: readonly Mode[] = ['build', 'bundle', 'check'];
const ALL: readonly Mode[] = MODES;

export const BUILD_INPUTS = [
  {
    name: 'kernel-version',
    modes: SOURCE,
    description: "Kernel release to build from kernel.org, e.g. 6.12.87. Default: the project's recipe. Versions the project does not know need kernel-sha256.",
  },
  {
    name: 'kernel-source',
    modes: SOURCE,
    description:
      'A kernel source tarball instead of a kernel.org release: an https URL (needs kernel-sha256) or a local path (.tar.xz, .tar.gz, .tar.bz2, .tar).',
  },
  {
    name: 'kernel-sha256',
    modes: SOURCE,
    description: 'The sha256 the tarball must have. Checked before anything is extracted. Required for URLs and unknown versions; optional for a local file.',
  },
  {
    name: 'kernel-config',
    modes: SOURCE,
    description:
      "Kernel config: one full .config, or fragments (files or directories of *.config) merged onto allnoconfig. Newline-separated. Default: the project's fragments for the architecture.",
    multiple: true,
  },
  {
    name: 'kernel-config-mode',
    modes: SOURCE,
    description:
      "How to read kernel-config: 'full' (one complete config, then olddefconfig), 'fragments' (merged onto allnoconfig), or 'auto' (a single file written by kconfig is full, anything else fragments).",
    default: 'auto',
  },
  {
    name: 'patches',
    modes: SOURCE,
    description:
      "The patch series: a directory of *.patch files (applied in name order, or in the order of its series file) or a series file. 'none' applies nothing. Default: the project's patches/.",
  },
  {
    name: 'libkrunfw-dir',
    modes: SOURCE,
    description:
      'A libkrunfw source tree to build as its Makefile says: the kernel version, ABI and version from its Makefile, its patches/ (and patches-tee/ for sev/tdx), its config-libkrunfw[-sev|-tdx]_<arch>, and for sev/tdx its qboot/<variant>/bios.bin and initrd/initrd.gz. Inputs given explicitly win.',
  },
  {
    name: 'libkrunfw-ref',
    modes: SOURCE,
    description: 'A branch, tag or commit of libkrunfw-repository to check out and build as with libkrunfw-dir (the commit is recorded in the source release).',
  },
  {
    name: 'libkrunfw-repository',
    modes: SOURCE,
    description: 'The git repository libkrunfw-ref is fetched from (a URL or a local path).',
    default: 'https://github.com/containers/libkrunfw',
  },
  {
    name: 'vmlinux',
    modes: ['bundle'],
    description: 'An already built kernel image to package instead of building one: skips source, patch, configure and compile.',
  },
  {
    name: 'verify-source',
    modes: ['verify-source'],
    description:
      'A source release (libkrunfw-…-source.tar) to verify instead of building: check it against its manifest, rebuild the library from it alone and compare the sha256.',
  },
  {
    name: 'check',
    description:
      'Check instead of building: try every patch of the series and every option of the config against the kernel, without compiling, and write check-report.json to out-dir. Fails when a patch does not apply or an option does not land.',
    default: 'false',
    boolean: true,
    modes: ['check'],
  },
  {
    name: 'arch',
    modes: TARGET,
    description:
      "Target architecture: x86_64, aarch64 or riscv64. Default: the runner's. Other than the runner's, it is cross-compiled (Debian's gcc-<arch>-linux-gnu) and verified under qemu-user.",
  },
  {
    name: 'variant',
    modes: TARGET,
    description:
      "generic, sev (AMD SEV guests) or tdx (Intel TDX guests; both x86_64 only). sev and tdx make libkrunfw-sev/-tdx.so with the qboot firmware and an initrd bundled, and add the project's patches-tee/ and kernel-config/x86_64-<variant>.",
    default: 'generic',
  },
  {
    name: 'host',
    modes: TARGET,
    description:
      "The host libkrun runs on: linux (libkrunfw.so, KVM) or windows (libkrunfw.dll for the Windows Hypervisor Platform: x86_64 generic only; the kernel gets kernel-config/x86_64-windows (a libkrunfw tree's config-libkrunfw-windows_x86_64), a 4 KiB payload layout, mingw's link, a LoadLibrary check under wine, and libkrunfw-windows-x86_64.tgz with bin/libkrunfw.dll). macOS is not a host here: aarch64 builds ship its dylib's sources.",
    default: 'linux',
  },
  {
    name: 'qboot',
    modes: LIBRARY,
    description:
      "sev/tdx: the qboot firmware (bios.bin, exactly 64 KiB) that krunfw_get_qboot() hands out. Default: the libkrunfw tree's, when building from one.",
  },
  {
    name: 'initrd',
    modes: LIBRARY,
    description: "sev/tdx: the initrd (gzip or cpio) that krunfw_get_initrd() hands out. Default: the libkrunfw tree's, when building from one.",
  },
  {
    name: 'abi-version',
    modes: LIBRARY,
    description:
      "libkrunfw ABI version: the number krunfw_get_version() returns and the soname carries. Default: the recipe's (5), or the libkrunfw tree's ABI_VERSION.",
  },
  {
    name: 'version',
    modes: LIBRARY,
    description:
      "libkrunfw version in the file name, e.g. 5.4.0 gives libkrunfw.so.5.4.0. Default: the recipe's (5.4.0), or the libkrunfw tree's FULL_VERSION.",
  },
  {
    name: 'source-date-epoch',
    modes: LIBRARY,
    description:
      "Build timestamp (seconds since 1970) for a reproducible build. Default: SOURCE_DATE_EPOCH from the environment, else the recipe's fixed date.",
  },
  {
    name: 'jobs',
    modes: ['build', 'verify-source'],
    description: 'Parallel make jobs. Default: the number of CPUs.',
  },
  {
    name: 'out-dir',
    modes: TARGET,
    description:
      'Where the library, install tarball and source release are written (relative to the workspace in the action, to the current directory in the CLI).',
    default: 'libkrunfw-out',
  },
  {
    name: 'work-dir',
    modes: ALL,
    description: "Scratch space for the kernel tree. Default: a directory under the runner's temp.",
  },
  {
    name: 'cache-source',
    modes: SOURCE,
    description: 'Cache the kernel tarball by its sha256; a hit never touches the network.',
    default: 'true',
  },
  {
    name: 'cache-compiler',
    modes: BUILD,
    description:
      "Compile through ccache and cache its directory (by arch, variant, kernel version and toolchain). The library's bytes are the same either way.",
    default: 'true',
  },
  {
    name: 'cache-output',
    modes: BUILD,
    description:
      'Cache the finished library by a hash of every input that can change it; a hit skips source, patch, configure and compile, and still verifies and packages.',
    default: 'true',
  },
  {
    name: 'cache-tree',
    modes: SOURCE,
    description:
      "With a directory cache (the CLI, or cache-dir): keep the built kernel tree, objects included, between runs of the same tarball, arch and work-dir. The next build reverses the last run's patches, applies its own and recompiles only what changed; the library's bytes are the same either way.",
    default: 'true',
  },
  {
    name: 'ccache-max-size',
    modes: BUILD,
    description: "ccache's max_size, e.g. 2G or 500M.",
    default: '2G',
  },
  {
    name: 'cache-dir',
    modes: SOURCE,
    description:
      "Keep caches in this directory instead of GitHub's cache service (for self-hosted runners with a persistent disk). The CLI's default: $XDG_CACHE_HOME/libkrunfw-action.",
  },
  {
    name: 'boot-test',
    modes: LIBRARY,
    description:
      "Boot the kernel from the bytes the built library hands out, under QEMU (x86_64, windows: microvm; aarch64, riscv64: virt; TCG), to a test init. 'auto': when the arch's qemu-system-* is installed; 'true': required; 'false': never.",
    default: 'auto',
  },
  {
    name: 'measure-vcpus',
    description: 'sev: the vCPU counts to compute launch digests for (comma-separated), each with every measure-memory size. Written to measurements.json.',
    default: '1,2,4,8',
    modes: LIBRARY,
  },
  {
    name: 'measure-memory',
    description: 'sev: the guest memory sizes in MiB to compute launch digests for (comma-separated).',
    default: '2048',
    modes: LIBRARY,
  },
  {
    name: 'upload',
    modes: LIBRARY,
    description:
      'Upload the source release, then (only if that succeeded) the library, install tarball and SHA256SUMS, as workflow artifacts. The CLI never uploads.',
    default: 'true',
  },
  {
    name: 'retention-days',
    modes: BUILD,
    description: "Days to keep the uploaded artifacts; 0 means the repository's default.",
    default: '0',
  },
  {
    name: 'keep-work-dir',
    modes: ALL,
    description: 'Keep the kernel tree after the build (for debugging).',
    default: 'false',
    boolean: true,
  },
] as const satisfies readonly InputSpec[];

export type BuildInputName = (typeof BUILD_INPUTS)[number]['name'];

/** An input's static default, from the table; undefined for the inputs whose value comes from elsewhere. */
export function inputDefault(name: BuildInputName): string | undefined {
  const spec: InputSpec = BUILD_INPUTS.find((s) => s.name === name)!;
  return spec.default;
}

/** What a door read, spelled exactly like the inputs; undefined or empty means "not given". */
export type RawBuildInputs = { [K in BuildInputName]?: string | string[] | boolean };

export const OUTPUTS = {
  library: 'Path of the built library, e.g. libkrunfw-out/libkrunfw.so.5.4.0.',
  soname: 'The library soname, e.g. libkrunfw.so.5.',
  variant: 'The variant built: generic, sev or tdx.',
  arch: 'The architecture built: x86_64, aarch64 or riscv64.',
  version: 'The library version, e.g. 5.4.0.',
  sha256: "The library's sha256.",
  'kernel-version': 'The kernel version built, read from the kernel Makefile.',
  tarball: 'Path of the install tarball (lib64/ with the library and its symlinks).',
  'tarball-sha256': "The install tarball's sha256.",
  'prebuilt-tarball': 'aarch64 only: path of libkrunfw-prebuilt-aarch64.tgz, the sources macOS compiles into libkrunfw.5.dylib without a kernel build.',
  'source-release': 'Path of the GPL source release (libkrunfw-<version>-<variant>-<arch>-source.tar) that rebuilds the library.',
  'source-release-sha256': "The source release's sha256.",
  'artifact-id': 'Id of the uploaded artifact with the library, install tarball and SHA256SUMS.',
  'artifact-digest': "That artifact's sha256 digest.",
  'source-artifact-id': 'Id of the uploaded source release artifact.',
  'source-artifact-digest': "That artifact's sha256 digest.",
  sha256sums: 'Path of SHA256SUMS for the uploaded files.',
  'source-cache-hit': "'true' when the kernel tarball came from the cache.",
  'compiler-cache-hit': "'true' when a ccache entry was restored (the exact key or a fallback).",
  'output-cache-hit': "'true' when the finished library came from the cache and no kernel was built.",
  'tree-cache-hit': "'true' when the last build's kernel tree was reused (directory caches only).",
  measurements: 'sev: path of measurements.json, the SEV, SEV-ES and SNP launch digests of the library for each measure-vcpus × measure-memory.',
  'check-report': 'check: path of check-report.json, the verdict on every patch and every config option.',
} as const;

export type OutputName = keyof typeof OUTPUTS;

// What we build for: the architectures and variants, and the facts that differ
// between them (kernel ARCH=, the image libkrun takes, the cross toolchain, how
// to run a target binary on this host, the library's names).
import { existsSync } from 'node:fs';

export const ARCHES = ['x86_64', 'aarch64', 'riscv64'] as const;
export type Arch = (typeof ARCHES)[number];

export const VARIANTS = ['generic', 'sev', 'tdx'] as const;
export type Variant = (typeof VARIANTS)[number];

/** Confidential-guest variants: x86_64 only, and they carry firmware and an initrd. */
export const TEE_VARIANTS: readonly Variant[] = ['sev', 'tdx'];

/**
 * The host the library is for: a Linux .so (libkrun on KVM) or a Windows .dll
 * (libkrun on the Windows Hypervisor Platform). Windows takes another kernel
 * config and payload layout, so it is its own build; the macOS dylib is not a
 * host here, as the aarch64 Linux build already ships its sources.
 */
export const HOSTS = ['linux', 'windows'] as const;
export type Host = (typeof HOSTS)[number];

export function isHost(name: string): name is Host {
  return (HOSTS as readonly string[]).includes(name);
}

/** The only arch and variant a Windows library exists for (WHP runs x86_64 guests; no SEV/TDX there). */
export const WINDOWS_TARGET = { arch: 'x86_64', variant: 'generic' } as const;

/** Debian packages a host's library needs beyond the kernel build: windows links with mingw and is loaded under wine. */
export const HOST_PACKAGES: Record<Host, string[]> = { linux: [], windows: ['gcc-mingw-w64-x86-64', 'wine64'] };

/** The architectures the confidential-guest variants exist for. */
export const TEE_ARCHES: readonly Arch[] = ['x86_64'];

export interface ArchFacts {
  /** make ARCH= */
  kernelArch: string;
  /** The directory under arch/ */
  srcArch: string;
  /** The make target that builds what libkrun takes. */
  image: 'vmlinux' | 'Image';
  /** That image, relative to the kernel tree. */
  imagePath: string;
  /** GNU triplet of the Debian cross toolchain (aarch64-linux-gnu-gcc, …). */
  triplet: string;
  /** process.arch of a host that runs this natively. */
  nodeArch: string;
  /** qemu-user binary that runs a target program here. */
  qemuUser: string;
  /** The QEMU that boots this target's kernel from the library's bytes; none: no boot test for it. */
  bootEmulator?: string;
  /** The Debian package that has it. */
  bootPackage?: string;
}

const FACTS: Record<Arch, ArchFacts> = {
  x86_64: {
    kernelArch: 'x86_64',
    srcArch: 'x86',
    image: 'vmlinux',
    imagePath: 'vmlinux',
    triplet: 'x86_64-linux-gnu',
    nodeArch: 'x64',
    qemuUser: 'qemu-x86_64',
    bootEmulator: 'qemu-system-x86_64',
    bootPackage: 'qemu-system-x86',
  },
  aarch64: {
    kernelArch: 'arm64',
    srcArch: 'arm64',
    image: 'Image',
    imagePath: 'arch/arm64/boot/Image',
    triplet: 'aarch64-linux-gnu',
    nodeArch: 'arm64',
    qemuUser: 'qemu-aarch64',
    bootEmulator: 'qemu-system-aarch64',
    bootPackage: 'qemu-system-arm',
  },
  riscv64: {
    kernelArch: 'riscv',
    srcArch: 'riscv',
    image: 'Image',
    imagePath: 'arch/riscv/boot/Image',
    triplet: 'riscv64-linux-gnu',
    nodeArch: 'riscv64',
    qemuUser: 'qemu-riscv64',
    bootEmulator: 'qemu-system-riscv64',
    bootPackage: 'qemu-system-misc',
  },
};

export function archFacts(arch: Arch): ArchFacts {
  return FACTS[arch];
}

export function isArch(name: string): name is Arch {
  return (ARCHES as readonly string[]).includes(name);
}

export function isVariant(name: string): name is Variant {
  return (VARIANTS as readonly string[]).includes(name);
}

/** Our name for a host's process.arch (x64 → x86_64); undefined for a host we do not build on. */
export function archOfHost(nodeArch: string): Arch | undefined {
  return ARCHES.find((a) => FACTS[a].nodeArch === nodeArch);
}

/** The tools that make and check binaries for `arch` on a host of `hostArch`. */
export interface TargetTools {
  arch: Arch;
  /** Empty when native; e.g. 'aarch64-linux-gnu-' when cross-compiling (make CROSS_COMPILE=). */
  crossCompile: string;
  cc: string;
  strip: string;
  /** readelf reads every architecture's ELF files. */
  readelf: string;
  /** Prefix that runs a target program here: empty natively, qemu-user with the target's loader otherwise. */
  runPrefix: string[];
}

export function targetTools(arch: Arch, hostNodeArch: string = process.arch): TargetTools {
  const f = FACTS[arch];
  if (f.nodeArch === hostNodeArch) return { arch, crossCompile: '', cc: 'gcc', strip: 'strip', readelf: 'readelf', runPrefix: [] };
  const prefix = `${f.triplet}-`;
  // Debian's cross packages put the target's libc and loader here; qemu-user finds them with -L.
  const sysroot = `/usr/${f.triplet}`;
  return {
    arch,
    crossCompile: prefix,
    cc: `${prefix}gcc`,
    strip: `${prefix}strip`,
    readelf: 'readelf',
    runPrefix: [f.qemuUser, '-L', sysroot],
  };
}

/** Debian's (and Ubuntu's) packages that cross-compile for `arch` and run its programs under qemu-user. */
export function crossPackages(arch: Arch): string[] {
  return [`gcc-${FACTS[arch].triplet}`, `libc6-dev-${debArch(arch)}-cross`, 'qemu-user'];
}

/** What to install when a cross toolchain or qemu-user is missing (Debian's package names). */
export function missingToolHint(arch: Arch): string {
  const sysroot = `/usr/${FACTS[arch].triplet}`;
  // The target's libc is there already: the compiler and qemu-user are what is missing.
  const packages = crossPackages(arch).filter((p) => !existsSync(sysroot) || !p.startsWith('libc6-dev-'));
  return `apt-get install ${packages.join(' ')}`;
}

function debArch(arch: Arch): string {
  return { x86_64: 'amd64', aarch64: 'arm64', riscv64: 'riscv64' }[arch];
}

/** The library's base name: libkrunfw, libkrunfw-sev, libkrunfw-tdx. */
export function libraryBase(variant: Variant): string {
  return variant === 'generic' ? 'libkrunfw' : `libkrunfw-${variant}`;
}

/** The library's file names: libkrunfw-sev.so.5.4.0, soname libkrunfw-sev.so.5, dev link libkrunfw-sev.so. */
export function libraryNames(r: { variant: Variant; abiVersion: number; version: string }): { file: string; soname: string; dev: string } {
  const base = libraryBase(r.variant);
  return { file: `${base}.so.${r.version}`, soname: `${base}.so.${r.abiVersion}`, dev: `${base}.so` };
}

/** What a file name carries for the host, before the arch: nothing for linux (the names libkrunfw's releases had), -windows. */
export function hostInfix(host: Host = 'linux'): string {
  return host === 'windows' ? '-windows' : '';
}

/** The install tarball's name, as libkrunfw's releases spell it: libkrunfw-x86_64.tgz, libkrunfw-sev-x86_64.tgz, libkrunfw-windows-x86_64.tgz. */
export function tarballName(variant: Variant, arch: Arch, host: Host = 'linux'): string {
  return `${libraryBase(variant)}${hostInfix(host)}-${arch}.tgz`;
}

// Debian's kernel source, the real tree the configure and integration tests use.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEBIAN_KERNEL_TARBALL = '/usr/src/linux-source-6.12.tar.xz';
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const SMALL_CONFIG = path.join(FIXTURES, 'kernel-config', 'small-x86_64.config');

export function requireKernelTarball(): string {
  if (!existsSync(DEBIAN_KERNEL_TARBALL)) {
    throw new Error(`${DEBIAN_KERNEL_TARBALL} is missing: run 'bash scripts/setup.sh' (installs linux-source-6.12)`);
  }
  return DEBIAN_KERNEL_TARBALL;
}

/** Extract the Debian tarball with plain tar (not our code) into `dest`; returns the tree. */
export function extractKernelWithTar(dest: string): string {
  execFileSync('tar', ['-xJf', requireKernelTarball(), '-C', dest]);
  return path.join(dest, 'linux-source-6.12');
}

// Debian's kernel source, the real tree the configure and integration tests use.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
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

/**
 * Debian's tree, extracted with plain tar (not our code) once per machine and
 * tarball, then given to each test file as a hard-linked copy in `dest`
 * (seconds, where extracting took a minute). Safe to build in: make and patch
 * write new files and rename them over old ones, never into a shared inode.
 */
export function extractKernelWithTar(dest: string): string {
  const tarball = requireKernelTarball();
  const st = statSync(tarball);
  const shared = path.join(os.tmpdir(), 'libkrunfw-test-shared-tree', `${st.size}-${Math.floor(st.mtimeMs)}`);
  if (!existsSync(shared)) {
    mkdirSync(path.dirname(shared), { recursive: true });
    // Extracted beside, then renamed: a concurrent file sees the whole tree or none.
    const scratch = mkdtempSync(`${shared}.part-`);
    execFileSync('tar', ['-xJf', tarball, '-C', scratch]);
    try {
      renameSync(scratch, shared);
    } catch {
      rmSync(scratch, { recursive: true, force: true }); // another file won the race
    }
  }
  execFileSync('cp', ['-al', path.join(shared, 'linux-source-6.12'), dest]);
  return path.join(dest, 'linux-source-6.12');
}

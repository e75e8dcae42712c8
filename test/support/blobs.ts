// Test-made SEV/TDX blobs, built by the real toolchain: a 64 KiB qboot stand-in
// assembled by `as`, and an initrd archived by cpio and gzip.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A 64 KiB firmware image: real-mode code with the reset vector at 0xfff0, as a BIOS is laid out. */
export function buildQboot(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const src = path.join(dir, 'bios.S');
  writeFileSync(
    src,
    `\t.code16\n\t.text\nstart:\n\tcli\n\thlt\n\tjmp start\n\t.ascii "test-made qboot stand-in"\n\t.org 0xfff0\n\tljmp $0xf000, $start\n\t.org 0x10000\n`,
  );
  execFileSync('as', ['--32', '-o', path.join(dir, 'bios.o'), src]);
  execFileSync('ld', ['-m', 'elf_i386', '-Ttext=0', '-e', '0', '-o', path.join(dir, 'bios.elf'), path.join(dir, 'bios.o')]);
  const file = path.join(dir, 'bios.bin');
  execFileSync('objcopy', ['-O', 'binary', path.join(dir, 'bios.elf'), file]);
  return file;
}

/** A gzip'd newc cpio archive with an init script, made by cpio and gzip. */
export function buildInitrd(dir: string): string {
  const tree = path.join(dir, 'initrd-tree');
  mkdirSync(tree, { recursive: true });
  writeFileSync(path.join(tree, 'init'), '#!/bin/sh\necho test-made initrd\n', { mode: 0o755 });
  const cpio = execFileSync('cpio', ['-o', '-H', 'newc', '--quiet'], { cwd: tree, input: 'init\n' });
  const file = path.join(dir, 'initrd.gz');
  writeFileSync(file, execFileSync('gzip', ['-9n'], { input: cpio }));
  return file;
}

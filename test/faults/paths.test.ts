// Hostile directory names: spaces, quotes, $, ;, backticks and non-ASCII. The
// generated Makefile, the macOS script and the source release's build.sh must
// work from them, and an injection attempt in a name must create no file.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MACOS_SCRIPT_FILE, macosBuildScript } from '../../src/pipeline/macos-bundle.ts';
import { bundleMakefile, payloadSymbols } from '../../src/pipeline/stages/link.ts';
import { buildScript } from '../../src/release/templates.ts';
import { bundleRequest, testPlatform } from '../support/context.ts';
import { buildKernelLikeElf } from '../support/elf-fixtures.ts';
import { executeLibrary } from '../support/library-run.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('paths');

/** One path component with every character the brief names, and three ways of running a command. */
export const HOSTILE = `w;touch PWNED1;x $(touch PWNED2) \`touch PWNED3\` 'q' "d" $HOME é ü 漢`;

/** Every file under `dir` whose name starts with PWNED: what an injection would leave. */
function pwned(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => path.basename(f).startsWith('PWNED'));
}

describe('the generated Makefile (link stage)', () => {
  it('links, verifies and packages a library from a work dir and out dir with a hostile name; no command runs', async () => {
    const elf = await buildKernelLikeElf();
    const base = path.join(root, 'link', HOSTILE);
    const req = bundleRequest(base, elf.file, 'run');
    const result = await executeLibrary(req, testPlatform(root));
    expect(result.stages.map((s: { name: string; status: string }) => `${s.name}:${s.status}`)).toEqual([
      'bundle:passed',
      'link:passed',
      'verify:passed',
      'measure:skipped',
      'boot:skipped',
      'package:passed',
    ]);
    expect(result.library).toBe(path.join(req.outDir, 'libkrunfw.so.5.4.0'));
    expect(pwned(path.join(root, 'link'))).toEqual([]);
    expect(pwned(process.cwd())).toEqual([]);

    // The same bytes as from a plain directory: the directory's name reaches nothing in the library.
    const plain = await executeLibrary(bundleRequest(path.join(root, 'link', 'plain'), elf.file, 'run'), testPlatform(root));
    expect(result.sha256).toBe(plain.sha256);
  });

  it('make run by hand in a copy of the sources at a hostile path builds the same library', async () => {
    const elf = await buildKernelLikeElf();
    const req = bundleRequest(path.join(root, 'by-hand'), elf.file, 'src', { keepWorkDir: true });
    const result = await executeLibrary(req, testPlatform(root));
    const copy = path.join(root, 'by-hand', HOSTILE, 'libkrunfw');
    mkdirSync(path.dirname(copy), { recursive: true });
    cpSync(path.join(req.workDir, 'libkrunfw'), copy, { recursive: true });
    execFileSync('make', ['-C', copy, 'clean'], { stdio: 'pipe' });
    const r = spawnSync('make', [], { cwd: copy, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(path.join(copy, 'libkrunfw.so.5.4.0')).equals(readFileSync(result.library))).toBe(true);
    expect(pwned(path.join(root, 'by-hand'))).toEqual([]);
  });

  it('quotes the directory for the shell in the compiler flags', () => {
    const text = bundleMakefile({ file: 'libkrunfw.so.5.4.0', soname: 'libkrunfw.so.5' }, payloadSymbols({ size: 65536 }));
    expect(text).not.toContain('$(CURDIR)');
    expect(text).toContain('-ffile-prefix-map="$$PWD"=.');
  });
});

const HAS_CLANG = spawnSync('sh', ['-c', 'command -v clang'], { stdio: 'ignore' }).status === 0;

describe("the macOS bundle's build-macos.sh", () => {
  it('checks its payload from a hostile directory, called by any path, and runs no command from the name', () => {
    const dir = path.join(root, 'macos', HOSTILE, '-bundle');
    mkdirSync(dir, { recursive: true });
    const kernel = { symbol: 'krunfw_kernel_payload', file: 'kernel.bin', size: 65536 };
    writeFileSync(path.join(dir, MACOS_SCRIPT_FILE), macosBuildScript({ base: 'krunfw', abiVersion: 5, version: '5.4.0', blobs: [kernel] }));
    writeFileSync(path.join(dir, 'kernel.bin'), Buffer.alloc(65535));
    // A fake Darwin, so the script goes as far as its payload check; a cc that records where it ran.
    const bin = path.join(root, 'macos', 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, 'uname'), '#!/bin/sh\necho Darwin\n');
    chmodSync(path.join(bin, 'uname'), 0o755);
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
    // Called by a relative path starting with '-' (cd and dirname would take it for an option unless told otherwise).
    const r = spawnSync('sh', ['--', path.join('-bundle', MACOS_SCRIPT_FILE)], { cwd: path.dirname(dir), env, encoding: 'utf8' });
    expect(r.stderr).toBe(`${MACOS_SCRIPT_FILE}: kernel.bin is 65535 bytes, expected 65536: not the payload these sources were made for\n`);
    expect(r.status).toBe(1);
    expect(pwned(path.join(root, 'macos'))).toEqual([]);
  });

  it.skipIf(!HAS_CLANG)('passes the hostile directory to the compiler as one argument', () => {
    const dir = path.join(root, 'macos-cc', HOSTILE);
    mkdirSync(dir, { recursive: true });
    const kernel = { symbol: 'krunfw_kernel_payload', file: 'kernel.bin', size: 65536 };
    writeFileSync(path.join(dir, MACOS_SCRIPT_FILE), macosBuildScript({ base: 'krunfw', abiVersion: 5, version: '5.4.0', blobs: [kernel] }));
    writeFileSync(path.join(dir, 'kernel.bin'), Buffer.alloc(65536));
    const bin = path.join(root, 'macos-cc', 'bin');
    mkdirSync(bin, { recursive: true });
    const argsFile = path.join(root, 'macos-cc', 'cc-args');
    writeFileSync(path.join(bin, 'uname'), '#!/bin/sh\necho Darwin\n');
    // Records its arguments one a line and makes the output file, without compiling (no macOS SDK here).
    writeFileSync(path.join(bin, 'cc'), `#!/bin/sh\nprintf '%s\\n' "$@" > "$ARGS_FILE"\nwhile [ $# -gt 0 ]; do [ "$1" = -o ] && : > "$2"; shift; done\n`);
    chmodSync(path.join(bin, 'uname'), 0o755);
    chmodSync(path.join(bin, 'cc'), 0o755);
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, ARGS_FILE: argsFile, CC: path.join(bin, 'cc') };
    const r = spawnSync('sh', [path.join(dir, MACOS_SCRIPT_FILE)], { cwd: os.tmpdir(), env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(argsFile, 'utf8').split('\n')).toContain(`-ffile-prefix-map=${dir}=.`);
    expect(pwned(path.join(root, 'macos-cc'))).toEqual([]);
  });
});

describe("the source release's build.sh", () => {
  /** A release-shaped directory whose kernel is a tiny tree with a Makefile standing in for Linux's. */
  function fakeRelease(where: string, tarball = 'linux-9.9.tar'): string {
    const rel = path.join(where, 'libkrunfw-5.4.0-generic-x86_64-source');
    const tree = path.join(where, 'tree-src', 'linux-9.9');
    mkdirSync(tree, { recursive: true });
    // Stands in for kbuild: olddefconfig keeps .config, vmlinux writes a file; both record their cwd.
    writeFileSync(path.join(tree, 'Makefile'), 'olddefconfig:\n\t@pwd > olddefconfig.cwd\nvmlinux:\n\t@printf built > vmlinux\n');
    mkdirSync(path.join(rel, 'linux'), { recursive: true });
    execFileSync('tar', ['-cf', path.join(rel, 'linux', tarball), '-C', path.dirname(tree), 'linux-9.9']);
    for (const d of ['patches', 'config', 'libkrunfw']) mkdirSync(path.join(rel, d), { recursive: true });
    writeFileSync(path.join(rel, 'patches', 'series'), '');
    writeFileSync(path.join(rel, 'config', 'final.config'), 'CONFIG_X=y\n');
    // payload.py and the library's Makefile replaced by recorders: only the script's path handling is under test.
    writeFileSync(path.join(rel, 'libkrunfw', 'payload.py'), 'import sys\nopen(sys.argv[3], "w").write(open(sys.argv[2]).read())\n');
    writeFileSync(path.join(rel, 'libkrunfw', 'Makefile'), 'all:\n\t@cp kernel.bin lib.so\n');
    writeFileSync(
      path.join(rel, 'build.sh'),
      buildScript({
        kernelTarball: `linux/${tarball}`,
        arch: os.arch() === 'arm64' ? 'aarch64' : 'x86_64',
        kernelArch: 'x86',
        image: 'vmlinux',
        imagePath: 'vmlinux',
        crossCompile: 'x86_64-linux-gnu-',
        epoch: 1767225600,
        host: 'linux',
        user: 'libkrunfw',
        buildHost: 'libkrunfw',
        configMode: 'full',
      }),
    );
    return rel;
  }

  it('rebuilds from a release at a hostile path, with a hostile tarball name, into an empty directory; runs no command from either', () => {
    const rel = fakeRelease(path.join(root, 'release', HOSTILE), `linux ${HOSTILE}.tar`);
    const out = path.join(root, 'release', 'out');
    mkdirSync(out, { recursive: true });
    const r = spawnSync('sh', [path.join(rel, 'build.sh')], { cwd: out, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'libkrunfw', 'lib.so'), 'utf8')).toBe('built');
    expect(pwned(path.join(root, 'release'))).toEqual([]);
  });

  it.each([
    ['a space', 'has space'],
    ['a dollar sign and a backtick', 'w$x`y'],
    ['quotes and a semicolon', `w'x"y;z`],
    ['a backslash', 'w\\x'],
  ])('refuses, before extracting, a build directory with %s, which the kernel cannot take, naming it', (_what, name) => {
    const rel = fakeRelease(path.join(root, 'release-bad', name, 'rel'));
    const out = path.join(root, 'release-bad', name, 'out');
    mkdirSync(out, { recursive: true });
    const r = spawnSync('sh', [path.join(rel, 'build.sh')], { cwd: out, encoding: 'utf8' });
    expect(r.stderr).toBe(
      `build.sh: the Linux build cannot run in ${out}: the kernel's Makefile cannot take whitespace, colons, quotes, $, ;, &, |, <, >, parentheses, backticks or backslashes in its path; run build.sh from another directory\n`,
    );
    expect(r.status).toBe(1);
    expect(readdirSync(out)).toEqual([]);
  });

  it('extracts and builds in a build directory named with non-ASCII letters and + @ ~', () => {
    const rel = fakeRelease(path.join(root, 'release-odd', HOSTILE));
    const out = path.join(root, 'release-odd', 'é漢+@~-x');
    mkdirSync(out, { recursive: true });
    const r = spawnSync('sh', [path.join(rel, 'build.sh')], { cwd: out, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(path.join(out, 'libkrunfw', 'lib.so'))).toBe(true);
    expect(pwned(path.join(root, 'release-odd'))).toEqual([]);
  });
});

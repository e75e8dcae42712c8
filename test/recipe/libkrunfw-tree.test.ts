// Reading a libkrunfw source tree as a recipe, against trees made here in the
// shape of github.com/containers/libkrunfw, and checking one out of a real git repo.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { checkoutLibkrunfw } from '../../src/recipe/checkout.ts';
import { readLibkrunfwTree } from '../../src/recipe/libkrunfw-tree.ts';
import type { Arch, Variant } from '../../src/target.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('libkrunfw-tree');

/** A Makefile in the shape of libkrunfw's: versions on top, SEV/TDX blocks, rules with recipes. */
const MAKEFILE = `KERNEL_VERSION = linux-6.12.44
KERNEL_REMOTE = https://cdn.kernel.org/pub/linux/kernel/v6.x/$(KERNEL_VERSION).tar.xz
KERNEL_TARBALL = tarballs/$(KERNEL_VERSION).tar.xz
KERNEL_SOURCES = $(KERNEL_VERSION)
KERNEL_PATCHES = $(shell find patches/ -name "0*.patch" | sort)

ABI_VERSION = 5
FULL_VERSION = 5.1.0
TIMESTAMP = "Mon Sep 1 10:00:00 UTC 2025"

KERNEL_FLAGS = KBUILD_BUILD_TIMESTAMP=$(TIMESTAMP)
KERNEL_FLAGS += KBUILD_BUILD_USER=root

ifeq ($(SEV),1)
    VARIANT = -sev
    KERNEL_PATCHES += $(shell find patches-tee/ -name "0*.patch" | sort)
endif
ifeq ($(TDX),1)
    VARIANT = -tdx
    KERNEL_PATCHES += $(shell find patches-tee/ -name "0*.patch" | sort)
endif

HOSTARCH = $(shell uname -m)
ifeq ($(ARCH),)
	GUESTARCH := $(HOSTARCH)
else ifeq ($(ARCH),arm64)
	GUESTARCH := aarch64
else
	GUESTARCH := $(ARCH)
endif

KRUNFW_BINARY_Linux = libkrunfw$(VARIANT).so.$(FULL_VERSION)
KRUNFW_SONAME_Linux = libkrunfw$(VARIANT).so.$(ABI_VERSION)

ifeq ($(SEV),1)
    QBOOT_BINARY = qboot/sev/bios.bin
    INITRD_BINARY = initrd/initrd.gz
endif
ifeq ($(TDX),1)
    QBOOT_BINARY = qboot/tdx/bios.bin
    INITRD_BINARY = initrd/initrd.gz
endif

all: $(KRUNFW_BINARY_Linux)

$(KERNEL_SOURCES): $(KERNEL_TARBALL)
	tar xf $(KERNEL_TARBALL)
	for p in $(KERNEL_PATCHES); do patch -p1 -d $(KERNEL_SOURCES) < "$$p"; done
	cp config-libkrunfw$(VARIANT)_$(GUESTARCH) $(KERNEL_SOURCES)/.config
	FULL_VERSION = not-a-variable-but-a-recipe-line
`;

const PATCH = 'From: test\nSubject: [PATCH] test\n\n---\n';

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A libkrunfw-shaped tree; `edit` changes it before it is read. */
function makeTree(name: string, edit: (dir: string) => void = () => {}): string {
  const dir = path.join(root, name);
  write(path.join(dir, 'Makefile'), MAKEFILE);
  for (const p of ['0002-vsock-dgram.patch', '0001-krunfw-init.patch', '0003-tsi.patch']) write(path.join(dir, 'patches', p), PATCH);
  // find descends into subdirectories, so libkrunfw would apply this one too.
  write(path.join(dir, 'patches/extra/0001-nested.patch'), PATCH);
  // Not "0*.patch": libkrunfw leaves these out.
  for (const p of ['0004-UPSTREAM-NOTES.md', 'README', '1000-late.patch', 'fix.patch', '0002-vsock-dgram.patch.orig']) {
    write(path.join(dir, 'patches', p), PATCH);
  }
  for (const p of ['0002-x86-sev-reset-vector.patch', '0001-virtio-dma-api.patch']) write(path.join(dir, 'patches-tee', p), PATCH);
  for (const c of ['config-libkrunfw_x86_64', 'config-libkrunfw_aarch64', 'config-libkrunfw-sev_x86_64', 'config-libkrunfw-tdx_x86_64']) {
    write(path.join(dir, c), `# ${c}\nCONFIG_VIRTIO=y\n`);
  }
  write(path.join(dir, 'qboot/sev/bios.bin'), 'sev bios');
  write(path.join(dir, 'qboot/tdx/bios.bin'), 'tdx bios');
  write(path.join(dir, 'initrd/initrd.gz'), 'initrd');
  edit(dir);
  return dir;
}

const read = (dir: string, variant: Variant = 'generic', arch: Arch = 'x86_64') => readLibkrunfwTree(dir, { variant, arch });
const names = (dir: string, files: string[]): string[] => files.map((f) => path.relative(dir, f));

/** The InputError's message, so a test can show what the user reads. */
function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

function withMakefile(name: string, text: string): string {
  return makeTree(name, (dir) => writeFileSync(path.join(dir, 'Makefile'), text));
}

describe('readLibkrunfwTree', () => {
  const tree = makeTree('tree');

  it('reads the versions from the Makefile', () => {
    const r = read(tree);
    expect(r).toMatchObject({ dir: tree, kernelVersion: '6.12.44', abiVersion: 5, version: '5.1.0' });
    expect(path.isAbsolute(r.dir)).toBe(true);
  });

  it('takes patches/ the way libkrunfw finds them: 0*.patch, subdirectories too, sorted by path', () => {
    const r = read(tree);
    expect(names(tree, r.patches)).toEqual([
      'patches/0001-krunfw-init.patch',
      'patches/0002-vsock-dgram.patch',
      'patches/0003-tsi.patch',
      'patches/extra/0001-nested.patch',
    ]);
    expect(r.patches.every((p) => path.isAbsolute(p))).toBe(true);
    expect(r.qboot).toBeUndefined();
    expect(r.initrd).toBeUndefined();
  });

  it('adds patches-tee/ after patches/ for sev and tdx, with their own config and blobs', () => {
    for (const variant of ['sev', 'tdx'] as const) {
      const r = read(tree, variant);
      expect(names(tree, r.patches)).toEqual([
        'patches/0001-krunfw-init.patch',
        'patches/0002-vsock-dgram.patch',
        'patches/0003-tsi.patch',
        'patches/extra/0001-nested.patch',
        'patches-tee/0001-virtio-dma-api.patch',
        'patches-tee/0002-x86-sev-reset-vector.patch',
      ]);
      expect(r.config).toBe(path.join(tree, `config-libkrunfw-${variant}_x86_64`));
      expect(r.qboot).toBe(path.join(tree, `qboot/${variant}/bios.bin`));
      expect(r.initrd).toBe(path.join(tree, 'initrd/initrd.gz'));
    }
  });

  it('chooses the config by arch, spelled as uname -m does', () => {
    expect(read(tree, 'generic', 'x86_64').config).toBe(path.join(tree, 'config-libkrunfw_x86_64'));
    expect(read(tree, 'generic', 'aarch64').config).toBe(path.join(tree, 'config-libkrunfw_aarch64'));
  });

  it('reads a tree from before TDX support: NAME=value spelling, patches-sev/ and qboot/bios.bin', () => {
    const old = makeTree('old', (dir) => {
      writeFileSync(
        path.join(dir, 'Makefile'),
        'KERNEL_VERSION = linux-5.15.60\nKERNEL_SOURCES = $(KERNEL_VERSION)\n\nABI_VERSION=3\nFULL_VERSION=3.6.2\n' +
          'ifeq ($(SEV),1)\n    VARIANT = -sev\n    KERNEL_PATCHES += $(shell find patches-sev/ -name "0*.patch" | sort)\nendif\n',
      );
      execFileSync('mv', [path.join(dir, 'patches-tee'), path.join(dir, 'patches-sev')]);
      execFileSync('rm', ['-r', path.join(dir, 'qboot')]);
      write(path.join(dir, 'qboot/bios.bin'), 'old bios');
    });
    const r = read(old, 'sev');
    expect(r).toMatchObject({ kernelVersion: '5.15.60', abiVersion: 3, version: '3.6.2' });
    expect(names(old, r.patches).slice(-2)).toEqual(['patches-sev/0001-virtio-dma-api.patch', 'patches-sev/0002-x86-sev-reset-vector.patch']);
    expect(r.qboot).toBe(path.join(old, 'qboot/bios.bin'));
    // TDX came with patches-tee/; an old tree has no TDX.
    expect(failure(() => read(old, 'tdx'))).toMatch(/has no patches-tee\/ directory/);
  });

  it('reads := and ?= values, comments, continuations and references to other variables', () => {
    const dir = withMakefile(
      'spellings',
      [
        '# libkrunfw',
        'MAJOR := 6',
        'KERNEL_VERSION := linux-$(MAJOR).12.44   # the LTS kernel',
        'ABI_VERSION ?= 5',
        'ABI_VERSION ?= 9',
        'FULL_VERSION = ${ABI_VERSION}.$(MINOR).0',
        'MINOR = 1',
        // A continued line is one line: neither of these sets FULL_VERSION or ABI_VERSION.
        'NOTES = released with \\',
        '    FULL_VERSION = 9.9.9',
        '# was: \\',
        'ABI_VERSION = 9',
      ].join('\n'),
    );
    expect(read(dir)).toMatchObject({ kernelVersion: '6.12.44', abiVersion: 5, version: '5.1.0' });
  });

  it('says which file is not a directory or has no Makefile', () => {
    const file = path.join(tree, 'Makefile');
    expect(failure(() => read(file))).toBe(`${file} is not a directory; expected a libkrunfw source tree`);
    expect(failure(() => read(path.join(root, 'missing')))).toMatch(/missing is not a directory/);
    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    expect(failure(() => read(empty))).toBe(`${empty} has no Makefile; expected a libkrunfw source tree`);
  });

  it('names a variable the Makefile does not set, and the Makefile', () => {
    const dir = withMakefile('no-full', 'KERNEL_VERSION = linux-6.12.44\nABI_VERSION = 5\n');
    expect(failure(() => read(dir))).toBe(`${path.join(dir, 'Makefile')} does not set FULL_VERSION`);
    const cond = withMakefile('cond-only', 'KERNEL_VERSION = linux-6.12.44\nABI_VERSION = 5\nifeq ($(SEV),1)\n  FULL_VERSION = 5.1.0\nendif\n');
    expect(failure(() => read(cond))).toMatch(/does not set FULL_VERSION outside conditionals \(it is set only inside one, at line 4\)/);
  });

  it('names a construct it cannot evaluate, the variable and its line', () => {
    const mk = (name: string, text: string): string => path.join(withMakefile(name, text), 'Makefile');
    let m = mk('shell', 'KERNEL_VERSION = linux-6.12.44\nABI_VERSION = 5\nFULL_VERSION = $(shell git describe)\n');
    expect(failure(() => read(path.dirname(m)))).toBe(
      `${m}:3: FULL_VERSION uses '$(shell git describe)', which only make can evaluate (the Makefile is read, never run)`,
    );
    m = mk('via', 'ABI_VERSION := $(shell cat abi)\nKERNEL_VERSION = linux-6.12.44\nFULL_VERSION = $(ABI_VERSION).1.0\n');
    expect(failure(() => read(path.dirname(m)))).toBe(
      `${m}:1: ABI_VERSION uses '$(shell cat abi)', which only make can evaluate (the Makefile is read, never run)`,
    );
    m = mk('via2', 'X := $(wildcard v*)\nKERNEL_VERSION = linux-6.12.44\nABI_VERSION = 5\nFULL_VERSION = $(X)\n');
    expect(failure(() => read(path.dirname(m)))).toMatch(/:1: X \(which FULL_VERSION uses\) uses '\$\(wildcard v\*\)'/);
    m = mk('unset', 'KERNEL_VERSION = linux-$(KV)\nABI_VERSION = 5\nFULL_VERSION = 5.1.0\n');
    expect(failure(() => read(path.dirname(m)))).toMatch(/:1: KERNEL_VERSION refers to \$\(KV\), which the Makefile does not set/);
    m = mk('bang', 'KERNEL_VERSION != echo linux-6.12.44\nABI_VERSION = 5\nFULL_VERSION = 5.1.0\n');
    expect(failure(() => read(path.dirname(m)))).toMatch(/:1: KERNEL_VERSION is set with '!='/);
    m = mk('loop', 'KERNEL_VERSION = linux-6.12.44\nABI_VERSION = $(FULL_VERSION)\nFULL_VERSION = $(ABI_VERSION)\n');
    expect(failure(() => read(path.dirname(m)))).toMatch(/refers to itself/);
    m = mk('both', 'KERNEL_VERSION = linux-6.12.44\nABI_VERSION = 5\nFULL_VERSION = 5.1.0\nifeq ($(TDX),1)\nFULL_VERSION = 5.1.0-tdx\nendif\n');
    expect(failure(() => read(path.dirname(m)))).toMatch(/:3: FULL_VERSION is also set inside a conditional \(ifeq\/ifdef\) at line 5/);
  });

  it('refuses values that are not versions', () => {
    const dir = withMakefile('bad-abi', 'KERNEL_VERSION = linux-6.12.44\nABI_VERSION = five\nFULL_VERSION = 5.1.0\n');
    expect(failure(() => read(dir))).toBe(`${path.join(dir, 'Makefile')}: ABI_VERSION is 'five', which is not a version like 5`);
  });

  it('lists the config files there are when the one for the variant and arch is missing', () => {
    expect(failure(() => read(tree, 'generic', 'riscv64'))).toBe(
      `${tree} has no config-libkrunfw_riscv64, the kernel config for generic on riscv64; config files there: ` +
        'config-libkrunfw-sev_x86_64, config-libkrunfw-tdx_x86_64, config-libkrunfw_aarch64, config-libkrunfw_x86_64',
    );
  });

  it('refuses sev and tdx on arches other than x86_64', () => {
    expect(failure(() => read(tree, 'sev', 'aarch64'))).toBe("libkrunfw's sev variant is built for x86_64 only, not aarch64");
    expect(failure(() => read(tree, 'tdx', 'riscv64'))).toMatch(/tdx variant is built for x86_64 only/);
  });

  it('names a missing qboot firmware or initrd', () => {
    const noBios = makeTree('no-bios', (dir) => execFileSync('rm', [path.join(dir, 'qboot/tdx/bios.bin')]));
    expect(failure(() => read(noBios, 'tdx'))).toBe(`${noBios} has no qboot/tdx/bios.bin, the qboot firmware libkrunfw-tdx bundles`);
    expect(read(noBios, 'sev').qboot).toBe(path.join(noBios, 'qboot/sev/bios.bin'));
    const noInitrd = makeTree('no-initrd', (dir) => execFileSync('rm', [path.join(dir, 'initrd/initrd.gz')]));
    expect(failure(() => read(noInitrd, 'sev'))).toBe(`${noInitrd} has no initrd/initrd.gz, the initrd libkrunfw-sev bundles`);
    expect(read(noInitrd).config).toBe(path.join(noInitrd, 'config-libkrunfw_x86_64'));
  });

  it('refuses a file that leads out of the tree through a symlink', () => {
    const outside = path.join(root, 'outside.config');
    writeFileSync(outside, 'CONFIG_SECRET=y\n');
    const dir = makeTree('escape', (d) => {
      execFileSync('rm', [path.join(d, 'config-libkrunfw_aarch64')]);
      symlinkSync(outside, path.join(d, 'config-libkrunfw_aarch64'));
    });
    expect(failure(() => read(dir, 'generic', 'aarch64'))).toMatch(/config-libkrunfw_aarch64 leads out of the libkrunfw tree/);
  });
});

describe('checkoutLibkrunfw', () => {
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'test',
        GIT_AUTHOR_EMAIL: 'test@example.com',
        GIT_COMMITTER_NAME: 'test',
        GIT_COMMITTER_EMAIL: 'test@example.com',
        GIT_CONFIG_GLOBAL: '/dev/null',
      },
    }).trim();

  // v5.1.0 is tagged; main then moves on to 5.2.0.
  const repo = makeTree('repo');
  git(repo, 'init', '--quiet', '--initial-branch=main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '--quiet', '-m', 'libkrunfw 5.1.0');
  git(repo, 'tag', '-a', '-m', 'v5.1.0', 'v5.1.0');
  const tagged = git(repo, 'rev-parse', 'HEAD');
  writeFileSync(path.join(repo, 'Makefile'), MAKEFILE.replace('FULL_VERSION = 5.1.0', 'FULL_VERSION = 5.2.0'));
  git(repo, 'commit', '--quiet', '-am', 'libkrunfw 5.2.0');
  const head = git(repo, 'rev-parse', 'HEAD');
  const dest = (name: string): string => path.join(root, 'checkouts', name);

  it('checks out a tag, a branch and a commit sha, and reports the commit', async () => {
    const byTag = await checkoutLibkrunfw({ repository: repo, ref: 'v5.1.0', dest: dest('tag') });
    expect(byTag).toEqual({ dir: dest('tag'), commit: tagged });
    expect(read(byTag.dir).version).toBe('5.1.0');

    const byBranch = await checkoutLibkrunfw({ repository: repo, ref: 'main', dest: dest('branch') });
    expect(byBranch.commit).toBe(head);
    expect(read(byBranch.dir).version).toBe('5.2.0');
    // Shallow: the one commit only.
    expect(git(byBranch.dir, 'rev-list', '--count', 'HEAD')).toBe('1');

    const bySha = await checkoutLibkrunfw({ repository: repo, ref: tagged, dest: dest('sha') });
    expect(bySha.commit).toBe(tagged);
    expect(names(bySha.dir, read(bySha.dir, 'tdx').patches)).toContain('patches-tee/0001-virtio-dma-api.patch');
  });

  it('takes a relative local path to the repository', async () => {
    const relative = path.relative(process.cwd(), repo);
    const out = await checkoutLibkrunfw({ repository: relative, ref: 'main', dest: dest('relative') });
    expect(out.commit).toBe(head);
  });

  it('fails with the repository, the ref and what git said when the ref is missing', async () => {
    const err = await checkoutLibkrunfw({ repository: repo, ref: 'v9.9.9', dest: dest('missing') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(new RegExp(`^could not fetch ref 'v9\\.9\\.9' from ${repo}:\\n`));
    expect((err as Error).message).toMatch(/couldn't find remote ref v9\.9\.9/);
  });

  it('refuses a ref or repository that git would read as an option, before running git', async () => {
    const target = dest('inject');
    await expect(checkoutLibkrunfw({ repository: repo, ref: '--upload-pack=touch /tmp/pwned', dest: target })).rejects.toThrow(
      /ref '--upload-pack=touch \/tmp\/pwned' starts with '-'/,
    );
    await expect(checkoutLibkrunfw({ repository: '--upload-pack=x', ref: 'main', dest: target })).rejects.toBeInstanceOf(InputError);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a destination that is not empty', async () => {
    const target = dest('busy');
    write(path.join(target, 'keep.txt'), 'mine');
    await expect(checkoutLibkrunfw({ repository: repo, ref: 'main', dest: target })).rejects.toThrow(/is not empty/);
    expect(readFileSync(path.join(target, 'keep.txt'), 'utf8')).toBe('mine');
  });
});

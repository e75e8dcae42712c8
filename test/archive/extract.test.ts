import { mkdirSync, writeFileSync, symlinkSync, linkSync, readFileSync, readlinkSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveError } from '../../src/errors.ts';
import { detectCompression, extractTarball } from '../../src/archive/index.ts';
import { dirState, listTree, pythonTar, run, tempDir } from './helpers.ts';

const TOP = 'linux-6.12.87';
const has = (tool: string): boolean => {
  try {
    run('sh', ['-c', 'command -v "$1"', 'sh', tool]);
    return true;
  } catch {
    return false;
  }
};
const HAS_ZSTD = has('zstd');
const HAS_GIT = has('git');
const LONG_DIR = `${'d'.repeat(60)}/${'e'.repeat(60)}`;
const LONG_FILE = `${'f'.repeat(90)}.c`;
const LONG_LINK_TARGET = `${LONG_DIR}/${LONG_FILE}`;

const tmp = tempDir();
const src = path.join(tmp.dir, 'src');
const archives = path.join(tmp.dir, 'archives');
let destCount = 0;
const freshDest = (): string => path.join(tmp.dir, 'out', `dest-${destCount++}`);

/** The good tree: nested directories, relative symlinks, a hard link, long names. */
function buildTree(): void {
  const top = path.join(src, TOP);
  mkdirSync(path.join(top, 'arch/x86/boot'), { recursive: true });
  mkdirSync(path.join(top, 'scripts/dtc/include-prefixes'), { recursive: true });
  mkdirSync(path.join(top, 'empty-dir'), { recursive: true });
  mkdirSync(path.join(top, LONG_DIR), { recursive: true });
  writeFileSync(path.join(top, 'Makefile'), 'VERSION = 6\n');
  writeFileSync(path.join(top, 'arch/x86/boot/header.S'), 'x'.repeat(5000));
  writeFileSync(path.join(top, 'arch/x86/Kconfig'), 'config X86\n');
  writeFileSync(path.join(top, LONG_DIR, LONG_FILE), 'long\n');
  symlinkSync('../../../arch/x86', path.join(top, 'scripts/dtc/include-prefixes/x86'));
  symlinkSync('Makefile', path.join(top, 'Makefile.link'));
  symlinkSync(LONG_LINK_TARGET, path.join(top, 'long.link'));
  linkSync(path.join(top, 'arch/x86/Kconfig'), path.join(top, 'arch/x86/Kconfig.hard'));
}

function expectGoodTree(root: string): void {
  expect(readFileSync(path.join(root, 'Makefile'), 'utf8')).toBe('VERSION = 6\n');
  expect(readFileSync(path.join(root, 'arch/x86/boot/header.S'), 'utf8')).toBe('x'.repeat(5000));
  expect(readFileSync(path.join(root, LONG_DIR, LONG_FILE), 'utf8')).toBe('long\n');
  expect(readlinkSync(path.join(root, 'scripts/dtc/include-prefixes/x86'))).toBe('../../../arch/x86');
  expect(readFileSync(path.join(root, 'scripts/dtc/include-prefixes/x86/Kconfig'), 'utf8')).toBe('config X86\n');
  expect(readlinkSync(path.join(root, 'Makefile.link'))).toBe('Makefile');
  expect(readlinkSync(path.join(root, 'long.link'))).toBe(LONG_LINK_TARGET);
  const a = statSync(path.join(root, 'arch/x86/Kconfig'));
  const b = statSync(path.join(root, 'arch/x86/Kconfig.hard'));
  expect(b.ino).toBe(a.ino);
  expect(statSync(path.join(root, 'empty-dir')).isDirectory()).toBe(true);
}

beforeAll(() => {
  mkdirSync(archives, { recursive: true });
  buildTree();
  const tar = (name: string, ...flags: string[]): void => {
    run('tar', ['-c', ...flags, '-f', path.join(archives, name), '-C', src, TOP]);
  };
  tar('gnu.tar', '--format=gnu');
  tar('pax.tar', '--format=pax');
  tar('good.tar.gz', '-z');
  tar('good.tar.xz', '-J');
  tar('good.tar.bz2', '-j');
  if (HAS_ZSTD) tar('good.tar.zst', '--zstd');
});
afterAll(() => tmp.cleanup());

describe('extractTarball on good archives', () => {
  for (const name of ['gnu.tar', 'pax.tar', 'good.tar.gz', 'good.tar.xz', 'good.tar.bz2', 'good.tar.zst']) {
    it.skipIf(name.endsWith('.zst') && !HAS_ZSTD)(`extracts ${name}`, async () => {
      const dest = freshDest();
      const result = await extractTarball(path.join(archives, name), dest);
      expect(result.root).toBe(path.join(path.resolve(dest), TOP));
      expectGoodTree(result.root);
      expect(listTree(dest)).toEqual(listTree(src));
      // 1 top + 9 directories below it + 4 files + 1 hard link + 3 symlinks
      expect(result.entries).toBe(18);
      expect(result.bytes).toBe(12 + 5000 + 11 + 5 + 0);
    });
  }

  it('detects the compression by magic bytes, not by the file name', async () => {
    expect(await detectCompression(path.join(archives, 'good.tar.xz'))).toBe('xz');
    expect(await detectCompression(path.join(archives, 'good.tar.gz'))).toBe('gzip');
    expect(await detectCompression(path.join(archives, 'good.tar.bz2'))).toBe('bzip2');
    if (HAS_ZSTD) expect(await detectCompression(path.join(archives, 'good.tar.zst'))).toBe('zstd');
    expect(await detectCompression(path.join(archives, 'pax.tar'))).toBe('none');
    const renamed = path.join(archives, 'really-xz.tar.gz');
    writeFileSync(renamed, readFileSync(path.join(archives, 'good.tar.xz')));
    const result = await extractTarball(renamed, freshDest());
    expectGoodTree(result.root);
  });

  it('reports progress and ends with the totals', async () => {
    const calls: [number, number][] = [];
    const result = await extractTarball(path.join(archives, 'good.tar.xz'), freshDest(), {
      onProgress: (entries, bytes) => calls.push([entries, bytes]),
    });
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.at(-1)).toEqual([result.entries, result.bytes]);
  });

  it.skipIf(!HAS_GIT)('extracts a git archive tarball with its pax global header', async () => {
    const repo = path.join(tmp.dir, 'repo');
    mkdirSync(path.join(repo, 'kernel'), { recursive: true });
    writeFileSync(path.join(repo, 'kernel/fork.c'), 'int fork;\n');
    writeFileSync(path.join(repo, 'Makefile'), 'all:\n');
    symlinkSync('kernel/fork.c', path.join(repo, 'fork.link'));
    const git = (...args: string[]): string =>
      run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], repo);
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'v6.12.87');
    const out = path.join(archives, 'git.tar');
    git('archive', '--format=tar', `--prefix=${TOP}/`, '-o', out, 'HEAD');
    // git writes a 'g' header carrying the commit id first.
    expect(readFileSync(out).subarray(156, 157).toString()).toBe('g');
    run('xz', ['-k', '-T1', out]);
    const result = await extractTarball(`${out}.xz`, freshDest());
    expect(readFileSync(path.join(result.root, 'kernel/fork.c'), 'utf8')).toBe('int fork;\n');
    expect(readlinkSync(path.join(result.root, 'fork.link'))).toBe('kernel/fork.c');
    expect(dirState(path.dirname(result.root))).toEqual([TOP]);
  });

  it('accepts Python-written pax long names and GNU long names, and ./-prefixed members', async () => {
    const longName = `${TOP}/${'n'.repeat(150)}/${'m'.repeat(120)}.h`;
    for (const format of ['pax', 'gnu'] as const) {
      const archive = pythonTar(
        path.join(archives, `long-${format}.tar`),
        [
          { name: `./${TOP}/`, type: 'dir' },
          { name: longName, data: 'hello' },
          { name: `${TOP}/short.link`, type: 'symlink', linkname: `${'n'.repeat(150)}/${'m'.repeat(120)}.h` },
        ],
        format,
      );
      const result = await extractTarball(archive, freshDest());
      expect(readFileSync(path.join(path.dirname(result.root), longName), 'utf8')).toBe('hello');
      expect(readFileSync(path.join(result.root, 'short.link'), 'utf8')).toBe('hello');
    }
  });

  it('creates a missing destination with its parents, and accepts an existing empty one', async () => {
    const nested = path.join(tmp.dir, 'out', 'a', 'b', 'c');
    const r1 = await extractTarball(path.join(archives, 'gnu.tar'), nested);
    expectGoodTree(r1.root);
    const empty = freshDest();
    mkdirSync(empty, { recursive: true });
    const r2 = await extractTarball(path.join(archives, 'gnu.tar'), empty);
    expectGoodTree(r2.root);
  });

  it('refuses a non-empty destination and leaves it alone', async () => {
    const dest = freshDest();
    mkdirSync(dest, { recursive: true });
    writeFileSync(path.join(dest, 'keep.txt'), 'mine');
    const error = await extractTarball(path.join(archives, 'gnu.tar'), dest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as Error).message).toContain('not empty');
    expect(dirState(dest)).toEqual(['keep.txt']);
  });

  it('refuses a destination that is a file', async () => {
    const dest = path.join(tmp.dir, 'out', 'a-file');
    mkdirSync(path.dirname(dest), { recursive: true });
    writeFileSync(dest, 'x');
    await expect(extractTarball(path.join(archives, 'gnu.tar'), dest)).rejects.toThrow(ArchiveError);
  });
});

describe('extractTarball on archives it cannot use', () => {
  const expectArchiveError = async (archive: string, dest: string, pattern: RegExp): Promise<void> => {
    const error = await extractTarball(archive, dest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as Error).message).toMatch(pattern);
    expect(dirState(dest)).toBe('absent');
  };

  it('names the file when the format is unknown', async () => {
    const junk = path.join(archives, 'junk.bin');
    writeFileSync(junk, 'this is not an archive at all, just some text'.repeat(20));
    await expectArchiveError(junk, freshDest(), /junk\.bin is not a tarball/);
    const empty = path.join(archives, 'empty.bin');
    writeFileSync(empty, '');
    await expectArchiveError(empty, freshDest(), /empty\.bin is empty/);
    await expectArchiveError(path.join(archives, 'missing.tar.xz'), freshDest(), /cannot read the archive .*missing\.tar\.xz/);
  });

  it('fails on a plain tar cut in the middle of a file', async () => {
    const whole = readFileSync(path.join(archives, 'gnu.tar'));
    const cut = path.join(archives, 'cut.tar');
    // Inside header.S's 5000 bytes: somewhere past the first few headers.
    const at = whole.indexOf(Buffer.from('x'.repeat(512))) + 1000;
    writeFileSync(cut, whole.subarray(0, at));
    await expectArchiveError(cut, freshDest(), /cut\.tar is truncated: it ends inside the data of '.*header\.S'/);
  });

  it('fails on a plain tar that stops at a header boundary without the end marker', async () => {
    const raw = readFileSync(path.join(archives, 'gnu.tar'));
    const cut = path.join(archives, 'no-end.tar');
    writeFileSync(cut, raw.subarray(0, 1024));
    await expectArchiveError(cut, freshDest(), /truncated: it ends without the end-of-archive marker/);
  });

  it('fails on a truncated .tar.xz with the stderr of xz', async () => {
    const whole = readFileSync(path.join(archives, 'good.tar.xz'));
    const cut = path.join(archives, 'cut.tar.xz');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    await expectArchiveError(cut, freshDest(), /cut\.tar\.xz is corrupt or truncated: xz exit code 1\n.*(Unexpected end|truncated)/s);
  });

  it('fails on a truncated .tar.gz', async () => {
    const whole = readFileSync(path.join(archives, 'good.tar.gz'));
    const cut = path.join(archives, 'cut.tar.gz');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    await expectArchiveError(cut, freshDest(), /cut\.tar\.gz/);
  });

  it('fails on a header with a bad checksum', async () => {
    const raw = Buffer.from(readFileSync(path.join(archives, 'gnu.tar')));
    // Flip a byte in the name of the second header.
    const second = raw.indexOf(Buffer.from(`${TOP}/`), 512);
    raw[second + 1] = raw[second + 1]! ^ 0x20;
    const bad = path.join(archives, 'bad-checksum.tar');
    writeFileSync(bad, raw);
    await expectArchiveError(bad, freshDest(), /bad-checksum\.tar is corrupt or not a tar archive: bad header checksum/);
  });

  it('needs exactly one top-level directory', async () => {
    const two = pythonTar(path.join(archives, 'two-tops.tar'), [
      { name: 'linux-a/', type: 'dir' },
      { name: 'linux-a/file', data: 'a' },
      { name: 'linux-b/file', data: 'b' },
    ]);
    await expectArchiveError(two, freshDest(), /more than one top-level entry \('linux-a' and 'linux-b'\)/);
    const file = pythonTar(path.join(archives, 'top-file.tar'), [{ name: 'README', data: 'hi' }]);
    await expectArchiveError(file, freshDest(), /top-level entry 'README' is not a directory/);
    const none = pythonTar(path.join(archives, 'no-entries.tar'), []);
    await expectArchiveError(none, freshDest(), /contains no files/);
  });

  it('leaves an existing destination empty after a failure', async () => {
    const dest = freshDest();
    mkdirSync(dest, { recursive: true });
    const two = path.join(archives, 'two-tops.tar');
    await expect(extractTarball(two, dest)).rejects.toThrow(ArchiveError);
    expect(existsSync(dest)).toBe(true);
    expect(dirState(dest)).toBe('empty');
  });
});

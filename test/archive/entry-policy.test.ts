import { describe, expect, it } from 'vitest';
import { ArchiveError, UnsafeArchiveError } from '../../src/errors.ts';
import { EntryPolicy } from '../../src/archive/entry-policy.ts';
import type { EntryKind, TarEntry } from '../../src/archive/tar-stream-guard.ts';

const DEST = '/work/dest';

function entry(name: string, kind: EntryKind = 'file', linkName = '', size = 0): TarEntry {
  return { name, kind, linkName, size, typeflag: '0', offset: 0 };
}

/** Checks the entries in order; returns the error of the first refused one. */
function run(...entries: TarEntry[]): { policy: EntryPolicy; error: unknown } {
  const policy = new EntryPolicy('k.tar', [DEST, '/real/dest']);
  try {
    for (const e of entries) policy.check(e);
  } catch (error) {
    return { policy, error };
  }
  return { policy, error: undefined };
}

const ok = (...entries: TarEntry[]): EntryPolicy => {
  const { policy, error } = run(...entries);
  expect(error).toBeUndefined();
  return policy;
};
const refused = (...entries: TarEntry[]): UnsafeArchiveError => {
  const { error } = run(...entries);
  expect(error).toBeInstanceOf(UnsafeArchiveError);
  return error as UnsafeArchiveError;
};

describe('EntryPolicy', () => {
  it('accepts a kernel-like tree and counts it', () => {
    const p = ok(
      entry('./', 'directory'),
      entry('./linux/', 'directory'),
      entry('./linux/Makefile', 'file', '', 12),
      entry('linux//scripts/./dtc/include-prefixes/arm', 'symlink', '../../../arch/arm/boot/dts'),
      entry('linux/a/b/c.h', 'file', '', 3),
      entry('linux/a/b/c2.h', 'hardlink', 'linux/a/b/c.h'),
      entry('linux/abs-inside', 'symlink', `${DEST}/linux/Makefile`),
      entry('linux/abs-real-inside', 'symlink', '/real/dest/linux/a'),
      entry('linux/to-top', 'symlink', '..'),
    );
    expect(p.top).toBe('linux');
    expect(p.entries).toBe(9);
    expect(p.bytes).toBe(15);
  });

  it('refuses names that leave the destination', () => {
    expect(refused(entry('/etc/x')).reason).toMatch(/absolute/);
    expect(refused(entry('../x')).reason).toMatch(/'\.\.'/);
    expect(refused(entry('linux/a/../../x')).reason).toMatch(/'\.\.'/);
    expect(refused(entry('linux/..', 'directory')).reason).toMatch(/'\.\.'/);
    expect(refused(entry('.', 'file')).reason).toMatch(/destination directory itself/);
  });

  it('checks symlink targets from the link directory', () => {
    ok(entry('linux/a/b/l', 'symlink', '../../x'));
    ok(entry('linux/a/b/l', 'symlink', '../../../x'));
    expect(refused(entry('linux/a/b/l', 'symlink', '../../../../x')).reason).toMatch(/outside/);
    expect(refused(entry('linux/l', 'symlink', '/etc')).reason).toMatch(/outside/);
    expect(refused(entry('linux/l', 'symlink', `${DEST}/../x`)).reason).toMatch(/outside/);
    expect(refused(entry('linux/l', 'symlink', `${DEST}x/y`)).reason).toMatch(/outside/);
    expect(refused(entry('linux/l', 'symlink', 'a/../b')).reason).toMatch(/after a directory name/);
    expect(refused(entry('linux/l', 'symlink', '')).reason).toMatch(/empty target/);
  });

  it('refuses anything at or beneath a symlink', () => {
    const link = entry('linux/d', 'symlink', 'real');
    expect(refused(link, entry('linux/d/x')).reason).toMatch(/beneath 'linux\/d'/);
    expect(refused(link, entry('linux/d/deeper/x')).reason).toMatch(/beneath 'linux\/d'/);
    expect(refused(link, entry('linux/d', 'directory')).reason).toMatch(/earlier entry made a symlink/);
    expect(refused(link, entry('linux/d', 'file')).reason).toMatch(/earlier entry made a symlink/);
    // A name that only shares a prefix is fine.
    ok(link, entry('linux/dd/x'));
  });

  it('refuses a symlink over a directory, even one only implied by a deeper entry', () => {
    expect(refused(entry('linux/a/', 'directory'), entry('linux/a', 'symlink', '.')).reason).toMatch(/replace a directory/);
    expect(refused(entry('linux/a/b/f'), entry('linux/a', 'symlink', '.')).reason).toMatch(/replace a directory/);
    expect(refused(entry('linux/a/b/f'), entry('linux/a/b', 'symlink', '.')).reason).toMatch(/replace a directory/);
  });

  it('checks hard links', () => {
    const file = entry('linux/f');
    ok(file, entry('linux/g', 'hardlink', './linux//f'));
    expect(refused(file, entry('linux/g', 'hardlink', 'linux/nope')).reason).toMatch(/not an earlier entry/);
    expect(refused(entry('linux/d/', 'directory'), entry('linux/g', 'hardlink', 'linux/d')).reason).toMatch(/directory/);
    expect(refused(file, entry('linux/g', 'hardlink', '/etc/passwd')).reason).toMatch(/absolute/);
    expect(refused(file, entry('linux/g', 'hardlink', 'linux/../x')).reason).toMatch(/'\.\.'/);
    // A hard link to a symlink is a symlink: its target is checked from the new place.
    const deep = entry('linux/a/b/s', 'symlink', '../../x');
    ok(deep, entry('linux/a/c/t', 'hardlink', 'linux/a/b/s'));
    expect(refused(deep, entry('linux/t', 'hardlink', 'linux/a/b/s')).reason).toMatch(/outside/);
    expect(refused(deep, entry('linux/a/c/t', 'hardlink', 'linux/a/b/s'), entry('linux/a/c/t/x')).reason).toMatch(/beneath 'linux\/a\/c\/t'/);
  });

  it('refuses devices and fifos', () => {
    expect(refused(entry('linux/c', 'char-device')).reason).toMatch(/character device/);
    expect(refused(entry('linux/b', 'block-device')).reason).toMatch(/block device/);
    expect(refused(entry('linux/p', 'fifo')).reason).toMatch(/fifo/);
  });

  it('wants exactly one top-level directory', () => {
    const two = run(entry('a/x'), entry('b/y')).error;
    expect(two).toBeInstanceOf(ArchiveError);
    expect(two).not.toBeInstanceOf(UnsafeArchiveError);
    expect((two as Error).message).toMatch(/'a' and 'b'/);
    expect((run(entry('README')).error as Error).message).toMatch(/'README' is not a directory/);
    expect((run(entry('a/x'), entry('a', 'symlink', 'x')).error as Error).message).toMatch(/replace a directory/);
  });
});

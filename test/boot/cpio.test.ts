// The initramfs writer, read back by GNU cpio (not our code).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newcArchive } from '../../src/boot/cpio.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('cpio');

describe('newc cpio archive', () => {
  const data = Buffer.from('#!/bin/true\nodd length: 27');
  const archive = newcArchive([
    { type: 'dir', name: 'dev' },
    { type: 'char', name: 'dev/console', major: 5, minor: 1 },
    { type: 'file', name: 'init', data, mode: 0o755 },
  ]);

  it('lists as GNU cpio reads it: a directory, a character device 5,1 and an executable, owned by root, dated 1970', () => {
    const listing = execFileSync('cpio', ['-itv', '--quiet'], { input: archive, encoding: 'utf8' }).trim().split('\n');
    expect(listing).toHaveLength(3);
    expect(listing[0]).toMatch(/^drwxr-xr-x\s+1 root\s+root\s+0 Jan\s+1\s+1970 dev$/);
    expect(listing[1]).toMatch(/^crw-------\s+1 root\s+root\s+5,\s+1 Jan\s+1\s+1970 dev\/console$/);
    expect(listing[2]).toMatch(new RegExp(`^-rwxr-xr-x\\s+1 root\\s+root\\s+${data.length} Jan\\s+1\\s+1970 init$`));
  });

  it('extracts the file with its bytes', () => {
    const dir = path.join(root, 'out');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(root, 'a.cpio'), archive);
    execFileSync('cpio', ['-id', '--quiet', '--no-absolute-filenames', 'init'], { cwd: dir, input: archive });
    expect(readFileSync(path.join(dir, 'init')).equals(data)).toBe(true);
  });

  it('refuses a path that leaves the archive', () => {
    expect(() => newcArchive([{ type: 'dir', name: '../x' }])).toThrow("cpio entry '../x' must be a relative path inside the archive");
    expect(() => newcArchive([{ type: 'dir', name: '/x' }])).toThrow(/must be a relative path/);
  });
});

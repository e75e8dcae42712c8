// A source release as the release stage writes it, read the way the release
// jobs read it: its manifest, its kernel tarball taken out, and a copy without it
// that, with the kernel tarball put back, is the release its manifest describes.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRelease, manifestKernel, readManifest } from '../../src/release/manifest.ts';
import { sha256 } from '../../src/util/hash.ts';
import { copyWithout, extractMember, readSourceManifest } from '../../src/workflows/source-release.ts';
import { tempDir } from '../support/tmp.ts';
import { actionBuild, KERNEL, type ActionOutputs } from './builds.ts';

const scratch = tempDir('source-release');
const top = 'libkrunfw-5.4.0-generic-x86_64-source';
let built: ActionOutputs;

beforeAll(async () => {
  mkdirSync(path.join(scratch, 'out'));
  built = await actionBuild(scratch, path.join(scratch, 'out'), 'generic', 'x86_64', { kernel: 'the kernel tarball' });
});

function unpack(tarball: string, name: string): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir);
  execFileSync('tar', ['-xf', tarball, '-C', dir]); // tar tells a plain tar from a tar.gz
  return path.join(dir, top);
}

describe('a source release, read as a stream', () => {
  it('gives its manifest without extracting anything, and undefined for a top it does not have', async () => {
    const inner = await readSourceManifest(built.sourceRelease, top);
    expect(inner).toEqual(readManifest(unpack(built.sourceRelease, 'plain')));
    expect(manifestKernel(inner)).toEqual({ path: `linux/${KERNEL}`, file: KERNEL, sha256: sha256('the kernel tarball') });
    expect(await readSourceManifest(built.sourceRelease, 'another-top')).toBeUndefined();
  });

  it('takes one member out, with its sha256', async () => {
    const dest = path.join(scratch, 'kernel');
    expect(await extractMember(built.sourceRelease, `${top}/linux/${KERNEL}`, dest)).toBe(sha256('the kernel tarball'));
    expect(readFileSync(dest, 'utf8')).toBe('the kernel tarball');
    expect(await extractMember(built.sourceRelease, `${top}/linux`, path.join(scratch, 'not-a-file'))).toBeUndefined();
  });

  it('copies it without the kernel tarball: put back, it is the release its manifest lists, byte for byte the same each time', async () => {
    const slim = path.join(scratch, 'slim.tar');
    const r = await copyWithout(built.sourceRelease, top, `${top}/linux/${KERNEL}`, slim);
    expect(r.dropped).toBe(sha256('the kernel tarball'));
    expect(r.outside).toBeUndefined();
    const dir = unpack(slim, 'slim');
    const manifest = readManifest(dir);
    expect(r.manifest).toEqual(manifest);
    expect(await checkRelease(dir, manifest)).toEqual([`linux/${KERNEL}: missing (the manifest lists it)`]);
    writeFileSync(path.join(dir, 'linux', KERNEL), 'the kernel tarball');
    expect(await checkRelease(dir, manifest)).toEqual([]);
    // The same listing as the original but for the kernel tarball (modes, owners, times and all).
    const list = (f: string): string[] => execFileSync('tar', ['-tvf', f], { encoding: 'utf8' }).trim().split('\n');
    expect(list(slim)).toEqual(list(built.sourceRelease).filter((l) => !l.endsWith(`/linux/${KERNEL}`)));
    const again = path.join(scratch, 'slim-again.tar');
    await copyWithout(built.sourceRelease, top, `${top}/linux/${KERNEL}`, again);
    expect(readFileSync(again).equals(readFileSync(slim))).toBe(true);
  });

  it('stops at a member outside the top directory', async () => {
    const dir = path.join(scratch, 'outside');
    mkdirSync(path.join(dir, top), { recursive: true });
    writeFileSync(path.join(dir, top, 'a'), 'a');
    writeFileSync(path.join(dir, 'evil'), 'b');
    const tarball = path.join(scratch, 'outside.tar.gz');
    execFileSync('tar', ['-czf', tarball, '-C', dir, top, 'evil']);
    expect(await copyWithout(tarball, top, `${top}/linux/${KERNEL}`, path.join(scratch, 'o.tar.gz'))).toMatchObject({ outside: 'evil' });
  });

  it('is a plain tar: the kernel tarball inside is already compressed', () => {
    expect(path.basename(built.sourceRelease)).toBe(`${top}.tar`);
    const head = readFileSync(built.sourceRelease).subarray(257, 262).toString('latin1');
    expect(head).toBe('ustar');
  });

  it('reads a tar.gz release too (the format before), and copies it as a tar.gz', async () => {
    const gz = path.join(scratch, 'old.tar.gz');
    writeFileSync(gz, gzipSync(readFileSync(built.sourceRelease)));
    expect(await readSourceManifest(gz, top)).toEqual(await readSourceManifest(built.sourceRelease, top));
    const slim = path.join(scratch, 'old-slim.tar.gz');
    expect((await copyWithout(gz, top, `${top}/linux/${KERNEL}`, slim)).dropped).toBe(sha256('the kernel tarball'));
    expect(readFileSync(slim).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(readFileSync(slim)).equals(readFileSync(path.join(scratch, 'slim.tar')))).toBe(true);
  });

  it('refuses a gzip stream that is not one, and a file that is not a tar', async () => {
    const junk = path.join(scratch, 'junk.tar.gz');
    copyFileSync(built.tarball, junk);
    writeFileSync(junk, Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('not gzip')]));
    await expect(readSourceManifest(junk, top)).rejects.toThrow(/compression method|header check/i);
    const text = path.join(scratch, 'junk.tar');
    writeFileSync(text, 'plain text, not a tar\n'.repeat(100));
    await expect(readSourceManifest(text, top)).rejects.toThrow(text);
  });
});

describe('manifestKernel', () => {
  const sha = 'a'.repeat(64);
  const good = { kernel: { tarball: `linux/${KERNEL}`, sha256: sha }, files: [{ path: `linux/${KERNEL}`, sha256: sha }] };
  it.each([
    ['a kernel outside linux/', { ...good, kernel: { tarball: `../${KERNEL}`, sha256: sha } }, /names no kernel tarball/],
    ['a path below linux/', { ...good, kernel: { tarball: `linux/x/${KERNEL}`, sha256: sha } }, /names no kernel tarball/],
    ['no sha256', { ...good, kernel: { tarball: `linux/${KERNEL}` } }, /names no kernel tarball/],
    ['an upper-case sha256', { ...good, kernel: { tarball: `linux/${KERNEL}`, sha256: sha.toUpperCase() } }, /names no kernel tarball/],
    ['a file list without it', { ...good, files: [] }, /lists linux\/linux-6\.12\.87\.tar\.xz with another sha256/],
    ['a file list with another sha256', { ...good, files: [{ path: `linux/${KERNEL}`, sha256: 'b'.repeat(64) }] }, /with another sha256/],
    ['not an object', 'manifest', /names no kernel tarball/],
  ])('refuses %s', (_what, manifest, want) => {
    expect(manifestKernel(manifest)).toMatch(want);
  });

  it('takes a consistent one', () => {
    expect(manifestKernel(good)).toEqual({ path: `linux/${KERNEL}`, file: KERNEL, sha256: sha });
  });
});

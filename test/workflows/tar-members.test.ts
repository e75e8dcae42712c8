// The tar reader on archives GNU tar writes: names as tar reads them, data as
// written, members copied unchanged, and what it cannot read refused by name.
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ArchiveError } from '../../src/errors.ts';
import { endOfArchive, padding, tarMembers, type TarMember } from '../../src/workflows/tar-members.ts';
import { tempDir } from '../support/tmp.ts';

const scratch = tempDir('tar-members');
const long = `top/${'deep-directory-name/'.repeat(6)}a-file-whose-path-is-longer-than-a-ustar-name.txt`;

/** A tree with every kind of member a source release may hold. */
function tree(): string {
  const dir = path.join(scratch, 'tree');
  mkdirSync(path.join(dir, path.dirname(long)), { recursive: true });
  writeFileSync(path.join(dir, long), 'long\n');
  writeFileSync(path.join(dir, 'top', 'empty'), '');
  writeFileSync(path.join(dir, 'top', 'block'), Buffer.alloc(512, 7));
  writeFileSync(path.join(dir, 'top', 'block-and-one'), Buffer.alloc(513, 9));
  symlinkSync('block', path.join(dir, 'top', 'link'));
  linkSync(path.join(dir, 'top', 'block'), path.join(dir, 'top', 'hard'));
  return dir;
}
const source = tree();

function tar(format: 'gnu' | 'pax', extra: string[] = []): Buffer {
  return execFileSync('tar', [
    '--create',
    `--format=${format}`,
    '--sort=name',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '--mtime=@0',
    ...extra,
    '-C',
    source,
    '--file=-',
    'top',
  ]);
}

/** Feeds `bytes` in odd-sized chunks, so headers and data straddle them. */
function chunked(bytes: Buffer, size = 777): AsyncIterable<Buffer> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

async function read(bytes: Buffer): Promise<{ name: string; kind: string; data: string }[]> {
  const out = [];
  for await (const m of tarMembers(chunked(bytes), 'test.tar')) {
    const parts: Buffer[] = [];
    for await (const p of m.data()) parts.push(p);
    out.push({ name: m.name, kind: m.kind, data: Buffer.concat(parts).toString('latin1') });
  }
  return out;
}

async function copyAll(bytes: Buffer): Promise<Buffer> {
  const parts: Buffer[] = [];
  let written = 0;
  for await (const m of tarMembers(chunked(bytes, 4096), 'test.tar')) {
    parts.push(m.headers);
    for await (const p of m.data()) parts.push(p);
    parts.push(Buffer.alloc(padding(m.size)));
    written += m.headers.length + m.size + padding(m.size);
  }
  parts.push(endOfArchive(written));
  return Buffer.concat(parts);
}

describe('tarMembers', () => {
  for (const format of ['gnu', 'pax'] as const) {
    it(`reads every member of a ${format} archive as tar lists it, long names included`, async () => {
      const bytes = tar(format);
      const members = await read(bytes);
      const listed = execFileSync('tar', ['--list', '--file=-'], { input: bytes, encoding: 'utf8' }).trim().split('\n');
      expect(members.map((m) => m.name)).toEqual(listed);
      const by = Object.fromEntries(members.map((m) => [m.name, m]));
      expect(by[long]).toEqual({ name: long, kind: 'file', data: 'long\n' });
      expect(by['top/block-and-one']!.data).toBe(Buffer.alloc(513, 9).toString('latin1'));
      expect(by['top/empty']).toEqual({ name: 'top/empty', kind: 'file', data: '' });
      expect(by['top/link']!.kind).toBe('symlink');
      expect(by['top/hard']!.kind).toBe('hardlink');
      expect(by['top/']!.kind).toBe('directory');
    });

    it(`copies a ${format} archive member by member into the same bytes`, async () => {
      const bytes = tar(format);
      expect((await copyAll(bytes)).equals(bytes)).toBe(true);
    });
  }

  it('skips the data a caller does not read, and refuses to hand it out later', async () => {
    const names: string[] = [];
    let first: TarMember | undefined;
    for await (const m of tarMembers(chunked(tar('gnu')), 'test.tar')) {
      first ??= m;
      names.push(m.name);
    }
    expect(names).toContain(long);
    await expect(first!.data().next()).rejects.toThrow(/read after the next member/);
  });

  it('refuses a corrupt header, a truncated member and an entry type it does not read, naming the archive', async () => {
    const bytes = tar('gnu');
    const corrupt = Buffer.from(bytes);
    corrupt[512 * 3 + 10] = corrupt[512 * 3 + 10]! ^ 0x20;
    await expect(read(corrupt)).rejects.toThrow(/test\.tar \(after .*\) is corrupt: bad header checksum at byte 1536/);
    const at = bytes.indexOf('block-and-one');
    await expect(read(bytes.subarray(0, at + 1024))).rejects.toThrow(ArchiveError);
    await expect(read(bytes.subarray(0, at + 1024))).rejects.toThrow(/top\/block-and-one is truncated/);

    const fifoDir = path.join(scratch, 'fifo');
    mkdirSync(path.join(fifoDir, 'top'), { recursive: true });
    execFileSync('mkfifo', [path.join(fifoDir, 'top', 'pipe')]);
    const withFifo = execFileSync('tar', ['--create', '--format=gnu', '-C', fifoDir, '--file=-', 'top']);
    await expect(read(withFifo)).rejects.toThrow(/test\.tar: top\/pipe has the tar entry type "6", which is not read here/);
  });

  it('refuses a pax global header that renames every member', async () => {
    const bytes = tar('pax', ['--pax-option=path=elsewhere']);
    expect(bytes.toString('latin1')).toContain('path=elsewhere');
    await expect(read(bytes)).rejects.toThrow(/a pax global header sets path or size/);
  });

  it('ends a copy as GNU tar does: two zero blocks, padded to a 10 KiB record', () => {
    expect(endOfArchive(0).length).toBe(10240);
    expect(endOfArchive(512 * 19).length).toBe(10240 - 512 * 19 + 10240);
    expect(endOfArchive(512 * 18).length).toBe(1024);
    expect(readFileSync(path.join(source, 'top', 'block')).length).toBe(512);
  });
});

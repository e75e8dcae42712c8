import { describe, expect, it } from 'vitest';
import { ArchiveError, UnsafeArchiveError } from '../../src/errors.ts';
import { TarStreamGuard, parseNumericField, parsePaxRecords, type TarEntry } from '../../src/archive/tar-stream-guard.ts';
import { paxMember, rawHeader, rawTar, type RawMember } from './helpers.ts';

/** Feeds `archive` in chunks of `size` bytes; returns what would reach tar and the entries seen. */
function feed(archive: Buffer, size: number, check: (e: TarEntry) => void = () => {}): { out: Buffer; entries: TarEntry[]; guard: TarStreamGuard } {
  const entries: TarEntry[] = [];
  const guard = new TarStreamGuard('test.tar', (e) => {
    check(e);
    entries.push(e);
  });
  const out: Buffer[] = [];
  for (let i = 0; i < archive.length; i += size) out.push(...guard.write(archive.subarray(i, i + size)));
  return { out: Buffer.concat(out), entries, guard };
}

const members: RawMember[] = [
  { name: 'top/', type: '5' },
  { name: 'top/a.txt', data: 'a'.repeat(700) },
  paxMember({ path: `top/${'p'.repeat(200)}`, mtime: '1700000000.5' }),
  { name: 'top/short-pax-name', data: 'pax data' },
  { name: '././@LongLink', type: 'L', data: `top/${'l'.repeat(300)}\0`, magic: 'gnu' },
  { name: 'top/truncated-long', data: 'gnu data', magic: 'gnu' },
  { name: 'file.c', prefix: 'top/with/prefix', data: '' },
  { name: 'top/link', type: '2', linkname: 'a.txt' },
  { name: 'top/hard', type: '1', linkname: 'top/a.txt' },
];
const archive = rawTar(members);
const entriesEnd = archive.length - 1024;

describe('TarStreamGuard', () => {
  for (const size of [1, 7, 100, 511, 512, 513, 1500, 4096, archive.length]) {
    it(`passes the archive through unchanged in ${size}-byte chunks`, () => {
      const { out, entries, guard } = feed(archive, size);
      expect(guard.ended).toBe(true);
      expect(() => guard.finish()).not.toThrow();
      // Everything up to the end marker, then a zero-padded record.
      expect(out.subarray(0, entriesEnd).equals(archive.subarray(0, entriesEnd))).toBe(true);
      expect(out.length % 10240).toBe(0);
      expect(out.subarray(entriesEnd).every((b) => b === 0)).toBe(true);
      expect(entries.map((e) => [e.name, e.kind, e.size, e.linkName])).toEqual([
        ['top/', 'directory', 0, ''],
        ['top/a.txt', 'file', 700, ''],
        [`top/${'p'.repeat(200)}`, 'file', 8, ''],
        [`top/${'l'.repeat(300)}`, 'file', 8, ''],
        ['top/with/prefix/file.c', 'file', 0, ''],
        ['top/link', 'symlink', 0, 'a.txt'],
        ['top/hard', 'hardlink', 0, 'top/a.txt'],
      ]);
    });
  }

  it('releases no byte of a header before its check passes', () => {
    let outSoFar = 0;
    const guard = new TarStreamGuard('test.tar', (e) => {
      // At check time, nothing of this entry's headers may have gone out.
      expect(outSoFar).toBeLessThanOrEqual(e.offset);
      if (e.name.includes('ppp')) throw new UnsafeArchiveError('test.tar', e.name, 'is refused for the test');
    });
    // The pax header in front of 'short-pax-name' starts after 'top/a.txt'.
    const paxStart = 512 + 512 + 1024;
    let error: unknown;
    for (let i = 0; i < archive.length; i += 300) {
      try {
        for (const piece of guard.write(archive.subarray(i, i + 300))) outSoFar += piece.length;
      } catch (e) {
        error = e;
        break;
      }
    }
    expect(error).toBeInstanceOf(UnsafeArchiveError);
    expect(outSoFar).toBeLessThanOrEqual(paxStart);
  });

  it('stops at the first zero block and ignores what follows', () => {
    const tail = rawTar([{ name: 'top/after-eof', data: 'x' }]);
    const withTail = Buffer.concat([rawTar([{ name: 'top/', type: '5' }], { end: false }), Buffer.alloc(512), tail]);
    const { entries, guard, out } = feed(withTail, 333);
    expect(entries.map((e) => e.name)).toEqual(['top/']);
    expect(guard.ended).toBe(true);
    expect(out.includes(Buffer.from('after-eof'))).toBe(false);
  });

  it('refuses a header with a bad checksum', () => {
    const bad = Buffer.from(archive);
    bad[512 + 5] = bad[512 + 5]! ^ 1;
    expect(() => feed(bad, 4096)).toThrow(/bad header checksum at byte 512 \(entry 2, after 'top\/'\)/);
    expect(() => feed(bad, 4096)).toThrow(ArchiveError);
  });

  it('reports where a stream ends early', () => {
    const at =
      (n: number): (() => void) =>
      () =>
        feed(archive.subarray(0, n), 1000).guard.finish();
    expect(at(512 + 512 + 100)).toThrow(/ends inside the data of 'top\/a.txt' \(924 more bytes expected\)/);
    expect(at(512 + 200)).toThrow(/ends inside a header/);
    expect(at(512 + 512 + 1024)).toThrow(/ends without the end-of-archive marker/);
    expect(at(512 + 512 + 1024 + 512)).toThrow(/ends inside a header/);
  });

  it('refuses data on links and directories, and trailing-slash files with data', () => {
    for (const m of [
      { name: 'top/l', type: '2', linkname: 'x', size: 512 },
      { name: 'top/h', type: '1', linkname: 'top/x', size: 10 },
      { name: 'top/d', type: '5', size: 1 },
      { name: 'top/f/', type: '0', data: 'abc' },
    ] satisfies RawMember[]) {
      const tar = rawTar([m]);
      expect(() => feed(tar, 512)).toThrow(UnsafeArchiveError);
    }
  });

  it('refuses disagreeing long names, duplicate pax headers and GNU pax keywords', () => {
    const cases: RawMember[][] = [
      [{ name: '././@LongLink', type: 'L', data: 'top/one\0', magic: 'gnu' }, paxMember({ path: 'top/two' }), { name: 'top/x' }],
      [paxMember({ path: 'top/a' }), paxMember({ path: 'top/b' }), { name: 'top/x' }],
      [paxMember({ 'GNU.sparse.name': '../../evil' }), { name: 'top/x' }],
      [paxMember({ path: '' }), { name: 'top/x' }],
    ];
    for (const c of cases) {
      const error = (() => {
        try {
          feed(rawTar(c), 512);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(UnsafeArchiveError);
    }
  });

  it('refuses a pax size it cannot read and a malformed pax record', () => {
    expect(() => feed(rawTar([paxMember({ size: '12abc' }), { name: 'top/x' }]), 512)).toThrow(ArchiveError);
    const broken: RawMember = { name: 'PaxHeader/x', type: 'x', data: '99 path=top/x\n' };
    expect(() => feed(rawTar([broken, { name: 'top/x' }]), 512)).toThrow(/malformed|does not match/);
  });

  it('uses the pax size over the header size', () => {
    const data = 'z'.repeat(1000);
    const tar = rawTar([paxMember({ size: '1000' }), { name: 'top/big', data, size: 0 }]);
    const { entries, guard } = feed(tar, 512);
    expect(entries.map((e) => [e.name, e.size])).toEqual([['top/big', 1000]]);
    expect(guard.ended).toBe(true);
  });

  it('reads ustar prefixes only with the POSIX magic', () => {
    const posix = feed(rawTar([{ name: 'f', prefix: 'top/dir' }]), 512).entries[0]!;
    expect(posix.name).toBe('top/dir/f');
    const gnu = feed(rawTar([{ name: 'top/f', magic: 'gnu' }]), 512).entries[0]!;
    expect(gnu.name).toBe('top/f');
  });
});

describe('parseNumericField', () => {
  const field = (text: string | number[], length = 12): Buffer => {
    const b = Buffer.alloc(length);
    if (typeof text === 'string') b.write(text, 'latin1');
    else Buffer.from(text).copy(b);
    return b;
  };
  it('reads octal, padded and base-256 numbers as GNU tar does', () => {
    expect(parseNumericField(field('00000001750\0'), 0, 12)).toBe(1000);
    expect(parseNumericField(field('   1750 '), 0, 12)).toBe(1000);
    expect(parseNumericField(field('\0 1750'), 0, 12)).toBe(1000);
    expect(parseNumericField(field([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0]), 0, 12)).toBe(2 * 65536);
  });
  it('rejects blanks, garbage and negative numbers', () => {
    expect(parseNumericField(field('            '), 0, 12)).toBeUndefined();
    expect(parseNumericField(field('12x4'), 0, 12)).toBeUndefined();
    expect(parseNumericField(field('+123'), 0, 12)).toBeUndefined();
    expect(parseNumericField(field([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]), 0, 12)).toBeUndefined();
  });
});

describe('parsePaxRecords', () => {
  it('reads records whose values hold = and newlines', () => {
    const body = Buffer.from(paxMember({ path: 'a=b\nc', comment: 'x' }).data as string, 'latin1');
    const records = parsePaxRecords(body);
    expect(records instanceof Map && [...records]).toEqual([
      ['path', 'a=b\nc'],
      ['comment', 'x'],
    ]);
  });
});

it('rawHeader writes headers GNU tar accepts', () => {
  // Sanity check on the test helper itself.
  expect(rawHeader({ name: 'x' }, 0).length).toBe(512);
});

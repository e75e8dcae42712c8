// Every refusal: the error class, the entry named in it, dest left absent (or
// empty), and nothing created outside dest.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UnsafeArchiveError } from '../../src/errors.ts';
import { extractTarball } from '../../src/archive/index.ts';
import { dirState, paxMember, pythonTar, rawTar, type PyMember, type RawMember, tempDir } from './helpers.ts';

const TOP = 'linux-6.12.87';
const tmp = tempDir();
afterAll(() => tmp.cleanup());
let caseCount = 0;

/** A per-case layout: <case>/work/dest (extraction target) and <case>/work/outside (must stay empty). */
function layout(): { dir: string; work: string; dest: string; outside: string; archive: (name: string) => string } {
  const dir = path.join(tmp.dir, `case-${caseCount++}`);
  const work = path.join(dir, 'work');
  const outside = path.join(work, 'outside');
  mkdirSync(outside, { recursive: true });
  mkdirSync(path.join(dir, 'archives'));
  return { dir, work, dest: path.join(work, 'dest'), outside, archive: (name) => path.join(dir, 'archives', name) };
}

/** Some harmless entries first, so that a refusal comes after real extraction started. */
const PREAMBLE: PyMember[] = [
  { name: `${TOP}/`, type: 'dir' },
  { name: `${TOP}/Makefile`, data: 'VERSION = 6\n' },
  { name: `${TOP}/kernel/`, type: 'dir' },
  { name: `${TOP}/kernel/fork.c`, data: 'int fork;\n'.repeat(200) },
];

async function expectRefused(
  archive: string,
  l: ReturnType<typeof layout>,
  entry: string,
  reason: RegExp,
  { destExisted = false }: { destExisted?: boolean } = {},
): Promise<UnsafeArchiveError> {
  const error = await extractTarball(archive, l.dest).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UnsafeArchiveError);
  const unsafe = error as UnsafeArchiveError;
  expect(unsafe.entry).toBe(entry);
  expect(unsafe.message).toContain(`'${entry}'`);
  expect(unsafe.message).toContain(archive);
  expect(unsafe.reason).toMatch(reason);
  expect(dirState(l.dest)).toBe(destExisted ? 'empty' : 'absent');
  // Nothing beside dest and the empty sentinel directory.
  expect(readdirSync(l.work).sort()).toEqual(destExisted ? ['dest', 'outside'] : ['outside']);
  expect(readdirSync(l.outside)).toEqual([]);
  expect(readdirSync(l.dir).sort()).toEqual(['archives', 'work']);
  return unsafe;
}

describe('refused entries', () => {
  it('an absolute path', async () => {
    const l = layout();
    const evil = path.join(l.outside, 'abs.txt');
    const archive = pythonTar(l.archive('abs.tar'), [...PREAMBLE, { name: evil, data: 'pwned' }]);
    await expectRefused(archive, l, evil, /absolute path/);
    expect(existsSync(evil)).toBe(false);
  });

  it("a '../x' path", async () => {
    const l = layout();
    const archive = pythonTar(l.archive('dotdot.tar'), [...PREAMBLE, { name: '../x', data: 'pwned' }]);
    await expectRefused(archive, l, '../x', /'\.\.' component/);
  });

  it("an 'a/../../x' path", async () => {
    const l = layout();
    const name = `${TOP}/../../x`;
    const archive = pythonTar(l.archive('inner-dotdot.tar'), [...PREAMBLE, { name, data: 'pwned' }]);
    await expectRefused(archive, l, name, /'\.\.' component/);
  });

  it('a symlink to /etc', async () => {
    const l = layout();
    const name = `${TOP}/etc`;
    const archive = pythonTar(l.archive('symlink-etc.tar'), [...PREAMBLE, { name, type: 'symlink', linkname: '/etc' }]);
    await expectRefused(archive, l, name, /symlink to '\/etc', outside the destination/);
  });

  it("a symlink 'a -> ../..'", async () => {
    const l = layout();
    const name = `${TOP}/a`;
    const archive = pythonTar(l.archive('symlink-up.tar'), [...PREAMBLE, { name, type: 'symlink', linkname: '../..' }]);
    await expectRefused(archive, l, name, /points outside the destination/);
  });

  it('a deeper symlink that climbs one level too many', async () => {
    const l = layout();
    const name = `${TOP}/scripts/dtc/x86`;
    const archive = pythonTar(l.archive('symlink-deep.tar'), [...PREAMBLE, { name, type: 'symlink', linkname: '../../../../outside' }]);
    await expectRefused(archive, l, name, /points outside the destination/);
  });

  it("a symlink with '..' after a name (could resolve through another symlink)", async () => {
    const l = layout();
    const name = `${TOP}/b`;
    const archive = pythonTar(l.archive('symlink-mid-dotdot.tar'), [
      ...PREAMBLE,
      { name: `${TOP}/s`, type: 'symlink', linkname: '.' },
      { name, type: 'symlink', linkname: 's/s/s/../../..' },
    ]);
    await expectRefused(archive, l, name, /'\.\.' after a directory name/);
  });

  it('a symlink to an absolute path outside, then a write through it', async () => {
    const l = layout();
    const name = `${TOP}/d`;
    const archive = pythonTar(l.archive('symlink-dir-abs.tar'), [
      ...PREAMBLE,
      { name, type: 'symlink', linkname: l.outside },
      { name: `${TOP}/d/evil`, data: 'pwned' },
    ]);
    await expectRefused(archive, l, name, /outside the destination/);
  });

  it("'d -> /tmp' then 'd/evil'", async () => {
    const l = layout();
    const marker = `evil-${process.pid}-${Date.now()}`;
    const name = `${TOP}/d`;
    const archive = pythonTar(l.archive('symlink-tmp.tar'), [
      ...PREAMBLE,
      { name, type: 'symlink', linkname: '/tmp' },
      { name: `${TOP}/d/${marker}`, data: 'pwned' },
    ]);
    await expectRefused(archive, l, name, /symlink to '\/tmp', outside the destination/);
    expect(existsSync(path.join('/tmp', marker))).toBe(false);
  });

  it('a write beneath a symlink that points inside the tree', async () => {
    const l = layout();
    const name = `${TOP}/d/evil`;
    const archive = pythonTar(l.archive('write-through-symlink.tar'), [
      ...PREAMBLE,
      { name: `${TOP}/d`, type: 'symlink', linkname: '.' },
      { name, data: 'sneaky' },
    ]);
    await expectRefused(archive, l, name, new RegExp(`beneath '${TOP}/d', which an earlier entry made a symlink`));
  });

  it('a symlink that replaces a directory', async () => {
    const l = layout();
    const name = `${TOP}/kernel`;
    const archive = pythonTar(l.archive('symlink-over-dir.tar'), [...PREAMBLE, { name, type: 'symlink', linkname: '.' }]);
    await expectRefused(archive, l, name, /would replace a directory/);
  });

  it('a hard link to /etc/passwd', async () => {
    const l = layout();
    const before = readFileSync('/etc/passwd');
    const name = `${TOP}/passwd`;
    const archive = pythonTar(l.archive('hardlink-passwd.tar'), [
      ...PREAMBLE,
      { name, type: 'hardlink', linkname: '/etc/passwd' },
      { name, data: 'root::0:0::/:/bin/sh\n' },
    ]);
    await expectRefused(archive, l, name, /hard link to '\/etc\/passwd', an absolute path outside/);
    expect(readFileSync('/etc/passwd')).toEqual(before);
  });

  it("a hard link to '../x'", async () => {
    const l = layout();
    writeFileSync(path.join(l.work, 'victim'), 'mine');
    const name = `${TOP}/victim`;
    const archive = pythonTar(l.archive('hardlink-dotdot.tar'), [...PREAMBLE, { name, type: 'hardlink', linkname: '../victim' }]);
    const error = await extractTarball(archive, l.dest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeArchiveError);
    expect((error as Error).message).toContain(`'${name}'`);
    expect(dirState(l.dest)).toBe('absent');
    expect(readFileSync(path.join(l.work, 'victim'), 'utf8')).toBe('mine');
  });

  it('a hard link to something that is not an earlier entry', async () => {
    const l = layout();
    const name = `${TOP}/early`;
    const archive = pythonTar(l.archive('hardlink-forward.tar'), [
      ...PREAMBLE,
      { name, type: 'hardlink', linkname: `${TOP}/later` },
      { name: `${TOP}/later`, data: 'x' },
    ]);
    await expectRefused(archive, l, name, /not an earlier entry/);
  });

  it('a hard link to a symlink whose target escapes from the new place', async () => {
    const l = layout();
    const name = `${TOP}/t`;
    const archive = pythonTar(l.archive('hardlink-to-symlink.tar'), [
      ...PREAMBLE,
      // From kernel/deep/, '../../..' is dest: fine there; from the top dir it is outside.
      { name: `${TOP}/kernel/deep/s`, type: 'symlink', linkname: '../../..' },
      { name, type: 'hardlink', linkname: `${TOP}/kernel/deep/s` },
    ]);
    await expectRefused(archive, l, name, /hard link to the symlink .* points outside the destination/);
  });

  it('a character device', async () => {
    const l = layout();
    const name = `${TOP}/null`;
    const archive = pythonTar(l.archive('chardev.tar'), [...PREAMBLE, { name, type: 'chr' }]);
    await expectRefused(archive, l, name, /character device/);
  });

  it('a block device and a fifo', async () => {
    const l1 = layout();
    const blk = pythonTar(l1.archive('blockdev.tar'), [...PREAMBLE, { name: `${TOP}/sda`, type: 'blk' }]);
    await expectRefused(blk, l1, `${TOP}/sda`, /block device/);
    const l2 = layout();
    const fifo = pythonTar(l2.archive('fifo.tar'), [...PREAMBLE, { name: `${TOP}/pipe`, type: 'fifo' }]);
    await expectRefused(fifo, l2, `${TOP}/pipe`, /fifo/);
  });

  it("a pax path with '..' behind an innocent ustar name", async () => {
    const l = layout();
    const name = `${TOP}/../../pax-evil`;
    const archive = pythonTar(l.archive('pax-path.tar'), [...PREAMBLE, { name: `${TOP}/innocent`, data: 'pwned', pax: { path: name } }], 'pax');
    await expectRefused(archive, l, name, /'\.\.' component/);
  });

  it('a pax linkpath to an absolute path behind an innocent linkname', async () => {
    const l = layout();
    const name = `${TOP}/cfg`;
    const archive = pythonTar(
      l.archive('pax-linkpath.tar'),
      [...PREAMBLE, { name, type: 'symlink', linkname: 'Makefile', pax: { linkpath: l.outside } }],
      'pax',
    );
    await expectRefused(archive, l, name, /outside the destination/);
  });

  it('a GNU long name with ../ behind an innocent ustar name', async () => {
    const l = layout();
    const name = `${TOP}/../../${'x'.repeat(120)}`;
    const archive = l.archive('gnu-longname.tar');
    const members: RawMember[] = [
      { name: `${TOP}/`, type: '5', magic: 'gnu' },
      { name: '././@LongLink', type: 'L', data: `${name}\0`, magic: 'gnu' },
      { name: `${TOP}/innocent`, data: 'pwned', magic: 'gnu' },
    ];
    writeFileSync(archive, rawTar(members));
    await expectRefused(archive, l, name, /'\.\.' component/);
  });

  it('a pax global header that sets a path for every entry', async () => {
    const l = layout();
    const archive = l.archive('global-path.tar');
    writeFileSync(
      archive,
      rawTar([
        paxMember({ comment: 'abc' }, 'g'),
        { name: `${TOP}/`, type: '5' },
        paxMember({ path: '../global-evil' }, 'g'),
        { name: `${TOP}/innocent`, data: 'pwned' },
      ]),
    );
    await expectRefused(archive, l, 'pax global header', /sets 'path' for every later entry/);
  });

  it('GNU sparse members and other unknown types', async () => {
    const l = layout();
    const archive = l.archive('sparse.tar');
    writeFileSync(
      archive,
      rawTar([
        { name: `${TOP}/`, type: '5' },
        { name: `${TOP}/sparse`, type: 'S', data: 'abc' },
      ]),
    );
    await expectRefused(archive, l, `${TOP}/sparse`, /unsupported tar entry type 'S'/);
  });

  it('a refusal into an existing empty destination leaves it empty', async () => {
    const l = layout();
    mkdirSync(l.dest);
    const archive = pythonTar(l.archive('dotdot-existing.tar'), [...PREAMBLE, { name: `${TOP}/../../x`, data: 'pwned' }]);
    await expectRefused(archive, l, `${TOP}/../../x`, /'\.\.' component/, { destExisted: true });
  });

  it('a refusal deep into a compressed archive, after many good entries', async () => {
    const l = layout();
    const many: PyMember[] = [...PREAMBLE];
    for (let i = 0; i < 300; i++) many.push({ name: `${TOP}/drivers/f${i}.c`, data: `/* ${i} */\n`.repeat(300) });
    many.push({ name: `${TOP}/drivers/evil`, type: 'symlink', linkname: '/etc/shadow' });
    const tar = pythonTar(l.archive('late.tar'), many);
    const { execFileSync } = await import('node:child_process');
    execFileSync('xz', ['-T1', tar]);
    await expectRefused(`${tar}.xz`, l, `${TOP}/drivers/evil`, /outside the destination/);
  });
});

// Errnos and tools' words for the machine's faults, each to one line.
import { describe, expect, it } from 'vitest';
import { FaultError, exitCodeOf } from '../../src/errors.ts';
import { asFault, faultInLine, faultInOutput, pathInLine, withFaults } from '../../src/util/faults.ts';

const errno = (code: string, path?: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: something, open '${path}'`), { code, path });

describe('faults', () => {
  it.each([
    ['ENOSPC', 'no space left on device (ENOSPC)'],
    ['EDQUOT', 'disk quota exceeded (EDQUOT)'],
    ['EROFS', 'read-only file system (EROFS)'],
    ['EACCES', 'permission denied (EACCES)'],
    ['EPERM', 'operation not permitted (EPERM)'],
    ['EBUSY', 'device or resource busy (EBUSY)'],
    ['ENOMEM', 'out of memory (ENOMEM)'],
    ['EIO', 'input/output error (EIO)'],
  ])('%s from Node becomes one FaultError line naming the place, exit 2', (code, text) => {
    const fault = asFault(errno(code, '/w/out/lib.so'), { doing: 'writing to out-dir', path: '/w/out' })!;
    expect(fault).toBeInstanceOf(FaultError);
    expect(fault.code).toBe(code);
    expect(fault.path).toBe('/w/out');
    expect(fault.message.startsWith(`${text} while writing to out-dir /w/out: /w/out/lib.so; `)).toBe(true);
    expect(fault.message).not.toContain('\n');
    expect(exitCodeOf(fault)).toBe(2);
  });

  it('leaves other errors alone', () => {
    expect(asFault(errno('ENOENT', '/x'), { doing: 'reading', path: '/x' })).toBeUndefined();
    const plain = new Error('not a fault');
    expect(() =>
      withFaults({ doing: 'x', path: '/x' }, () => {
        throw plain;
      }),
    ).toThrow(plain);
    expect(() =>
      withFaults({ doing: 'renaming', path: '/x' }, () => {
        throw errno('EBUSY', '/x');
      }),
    ).toThrow(/^device or resource busy \(EBUSY\) while renaming \/x;/);
  });

  it.each([
    ['tar: linux-6.12/fs/ext4/inode.c: Cannot write: No space left on device', 'ENOSPC', 'linux-6.12/fs/ext4/inode.c'],
    ['tar: linux-6.12/Documentation/x.txt: Wrote only 9216 of 10240 bytes', 'ENOSPC', 'linux-6.12/Documentation/x.txt'],
    ['tar: linux-6.12: Cannot mkdir: Read-only file system', 'EROFS', 'linux-6.12'],
    ["cp: error writing '/w/out/libkrunfw.so.5.4.0': No space left on device", 'ENOSPC', '/w/out/libkrunfw.so.5.4.0'],
    ["rm: cannot remove '/w/work': Device or resource busy", 'EBUSY', '/w/work'],
    ["/tmp/ccX.s: Fatal error: can't write 114 bytes to section .text of init/main.o: 'No space left on device'", 'ENOSPC', 'init/main.o'],
    ['/usr/bin/ld: final link failed: No space left on device', 'ENOSPC', undefined],
    ['cc1: out of memory allocating 65536 bytes after a total of 12345 bytes', 'ENOMEM', undefined],
    ['gcc: fatal error: Killed signal terminated program cc1', 'ENOMEM', undefined],
    ['ccache: error: Failed to create directory /c/ccache/a/b: Permission denied', 'EACCES', '/c/ccache/a/b'],
  ])('reads a tool line: %s', (line, code, at) => {
    expect(faultInLine(line)).toBe(code);
    expect(pathInLine(line)).toBe(at);
  });

  it('does not take source code quoted under a compiler warning for a fault', () => {
    expect(faultInLine('  123 |                 pr_err("out of memory\\n");')).toBeUndefined();
    expect(faultInLine('      |                 ^~~~~~')).toBeUndefined();
    expect(faultInLine('  CC      mm/oom_kill.o')).toBeUndefined();
  });

  it('takes the first fault of an output', () => {
    const fault = faultInOutput(['make[2]: Entering directory', 'tar: a: Cannot open: Permission denied', 'tar: b: Cannot write: No space left on device'], {
      doing: 'extracting into',
      path: '/w/src',
      tool: 'tar',
      logFile: '/w/logs/source.log',
    })!;
    expect(fault.message).toBe(
      "permission denied (EACCES) while extracting into /w/src: tar reported it for a; choose a directory this user can write, or fix its permissions (tar's output: /w/logs/source.log)",
    );
  });
});

// Input files that are not files: a FIFO (a read would wait for a writer, or
// read forever), /dev/zero (read until memory runs out), a directory, a file
// far larger than its kind can be. Each is refused by name before a byte is read.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/errors.ts';
import { checkInputFile, INPUT_LIMITS, readInputFile, readInputText } from '../../src/util/input-file.ts';
import { runDriver } from './support/driver-process.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('input-files');
chmodSync(root, 0o755);

function refusal(fn: () => unknown): InputFileError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputFileError);
    return e as InputFileError;
  }
  throw new Error('not refused');
}

describe('input files', () => {
  it('reads a regular file', () => {
    const file = path.join(root, 'small.config');
    writeFileSync(file, 'CONFIG_VIRTIO=y\n');
    expect(readInputText(file, { input: 'kernel-config', kind: 'config' })).toBe('CONFIG_VIRTIO=y\n');
    expect(checkInputFile(file, { input: 'kernel-config', kind: 'config' })).toBe(16);
  });

  it('refuses a FIFO by name, without waiting for a writer', () => {
    const fifo = path.join(root, 'config.fifo');
    execFileSync('mkfifo', [fifo]);
    const e = refusal(() => readInputFile(fifo, { input: 'kernel-config', kind: 'config' }));
    expect(e.message).toBe(`kernel-config: ${fifo} is a FIFO (named pipe), not a regular file; give a kernel config as a file`);
    expect(refusal(() => checkInputFile(fifo, { input: 'kernel-config', kind: 'config' })).message).toBe(e.message);
  });

  it('refuses a FIFO that a writer keeps feeding', async () => {
    const fifo = path.join(root, 'fed.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `yes CONFIG_X=y > '${fifo}'`], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 200));
      expect(refusal(() => readInputFile(fifo, { input: 'patches', kind: 'series' })).message).toContain('is a FIFO (named pipe)');
    } finally {
      writer.kill('SIGKILL');
    }
  });

  it('refuses /dev/zero and /dev/null by name', () => {
    expect(refusal(() => readInputFile('/dev/zero', { input: 'kernel-config', kind: 'config' })).message).toBe(
      'kernel-config: /dev/zero is a character device, not a regular file; give a kernel config as a file',
    );
    expect(refusal(() => readInputFile('/dev/null', { input: 'initrd', kind: 'initrd' })).message).toBe(
      'initrd: /dev/null is a character device, not a regular file; give an initrd as a file',
    );
  });

  it('refuses a directory and a socket', async () => {
    const dir = path.join(root, 'a-dir');
    mkdirSync(dir);
    expect(refusal(() => readInputFile(dir, { input: 'qboot', kind: 'qboot' })).message).toBe(
      `qboot: ${dir} is a directory, not a regular file; give the qboot firmware as a file`,
    );
    const sock = path.join(root, 'a.sock');
    const server = net.createServer().listen(sock);
    await new Promise((r) => server.once('listening', r));
    try {
      expect(refusal(() => checkInputFile(sock, { input: 'patches', kind: 'patch' })).message).toContain('is a socket, not a regular file');
    } finally {
      server.close();
    }
  });

  it('refuses a file larger than its kind can be, by its size, without reading it', () => {
    const big = path.join(root, 'huge.config');
    writeFileSync(big, '');
    truncateSync(big, 5 * 2 ** 30); // sparse: 5 GiB that take no room
    expect(refusal(() => readInputFile(big, { input: 'kernel-config', kind: 'config' })).message).toBe(
      `kernel-config: ${big} is 5.0 GiB; a kernel config is at most 4 MiB here, so this is not one`,
    );
    const firmware = path.join(root, 'bios.bin');
    writeFileSync(firmware, Buffer.alloc(INPUT_LIMITS.qboot + 1));
    expect(refusal(() => checkInputFile(firmware, { input: 'qboot', kind: 'qboot' })).message).toBe(
      `qboot: ${firmware} is 65537 bytes; the qboot firmware is at most 65536 bytes here, so this is not one`,
    );
  });

  it('names a file that is missing, or that this user cannot read', async () => {
    expect(refusal(() => readInputFile(path.join(root, 'nope.patch'), { input: 'patches', kind: 'patch' })).message).toBe(
      `patches: ${path.join(root, 'nope.patch')} does not exist`,
    );
    const secret = path.join(root, 'secret.config');
    writeFileSync(secret, 'CONFIG_X=y\n');
    chmodSync(secret, 0o600);
    // Root reads anything: the refusal is seen as another user.
    const r = await runDriver('read-input', [secret, 'config'], { prefix: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'] });
    expect(r.stderr).toBe(`error: config: ${secret} cannot be read by this user (permission denied)\n`);
    expect(r.code).toBe(1);
  });

  it('/dev/zero as a config through a door: exit 1, one line, at once', async () => {
    const r = await runDriver('read-input', ['/dev/zero', 'config']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: config: /dev/zero is a character device, not a regular file; give a kernel config as a file\n');
  });
});

// The source release's cost by outer format, each run as its own process so its
// CPU time (children included) can be measured from outside with GNU time:
//   node scripts/run-ts.mjs bench/release-format.ts FORMAT KERNEL_TARBALL DIR
// FORMAT: gzip1 (today: copy, tar to memory, gzip -1), gzip0 (gzip's stored
// level), tar (no gzip), link-gzip0 (a hard link instead of the 150 MB copy),
// stream-gzip0 (tar's output streamed through gzip's stored level to the file
// and the hash, never whole in memory; NOT reproducible: zlib's stored blocks
// follow the pipe's chunks), tar-file (tar writes the file itself, no gzip, then
// its sha256 is read back), none (staging only: the baseline).
// Prints the release's size and sha256; DIR is left with the release in it.
import { createHash } from 'node:crypto';
import { copyFileSync, createWriteStream, linkSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { execa } from 'execa';
import { sha256, sha256File } from '../src/util/hash.ts';
import { runChecked } from '../src/util/run.ts';

const [format, kernel, dir] = process.argv.slice(2);
if (!format || !kernel || !dir) throw new Error('usage: release-format.ts gzip1|gzip0|tar|link-gzip0 KERNEL_TARBALL DIR');
const name = 'libkrunfw-5.4.0-generic-x86_64-source';
const stage = path.join(dir, 'release');
rmSync(stage, { recursive: true, force: true });
mkdirSync(path.join(stage, name, 'linux'), { recursive: true });
const inRelease = path.join(stage, name, 'linux', path.basename(kernel));
if (format.startsWith('link-')) linkSync(kernel, inRelease);
else copyFileSync(kernel, inRelease);
// The release's other files are small text: a stand-in of their size.
writeFileSync(path.join(stage, name, 'manifest.json'), 'x'.repeat(40_000));

// The same tar options as package.ts's reproducibleTarball.
const tarArgs = [
  '--create',
  '--format=gnu',
  '--sort=name',
  '--owner=0',
  '--group=0',
  '--numeric-owner',
  '--mtime=@1767225600',
  '--mode=go-w',
  '-C',
  stage,
  '--file=-',
  '--',
  name,
];
if (format === 'none') process.exit(0);
if (format === 'tar-file') {
  const out = path.join(dir, `${name}.tar`);
  await runChecked('tar', [...tarArgs.filter((a) => a !== '--file=-' && a !== '--' && a !== name), `--file=${out}`, '--', name]);
  process.stdout.write(`${format} ${statSync(out).size} ${(await sha256File(out)).slice(0, 16)}\n`);
  process.exit(0);
}
if (format === 'stream-gzip0') {
  const out = path.join(dir, `${name}.tar.gz`);
  const child = execa('tar', tarArgs, { stdout: 'pipe', buffer: false });
  const hash = createHash('sha256');
  const tee = new PassThrough();
  tee.on('data', (b: Buffer) => hash.update(b));
  await Promise.all([pipeline(child.stdout!, createGzip({ level: 0 }), tee, createWriteStream(out)), child]);
  process.stdout.write(`${format} ${statSync(out).size} ${hash.digest('hex').slice(0, 16)}\n`);
  process.exit(0);
}
const tar = await runChecked('tar', tarArgs, { binaryStdout: true });
const level = format === 'gzip1' ? 1 : 0;
const bytes = format === 'tar' ? tar.stdoutBuffer! : gzipSync(tar.stdoutBuffer!, { level });
const out = path.join(dir, `${name}.${format === 'tar' ? 'tar' : 'tar.gz'}`);
writeFileSync(out, bytes);
process.stdout.write(`${format} ${bytes.length} ${sha256(bytes).slice(0, 16)}\n`);

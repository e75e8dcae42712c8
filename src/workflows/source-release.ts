// A source release as the release jobs read it, in one streaming pass each: the
// manifest inside, one member taken out to a file, or a copy with one member
// left out. Nothing is extracted to the disk but the file asked for. Releases
// are plain tars; a tar.gz (the format before) is read as well.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { MANIFEST } from '../release/manifest.ts';
import { endOfArchive, padding, tarMembers, type TarMember } from './tar-members.ts';

/** A manifest.json is a few hundred KiB; anything past this is not one. */
const MAX_MANIFEST = 16 << 20;

/** Whether `file` starts as gzip does (1f 8b); a plain tar does not. */
function isGzip(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** The tar bytes of `file`, a plain tar or a tar.gz. */
async function* tarBytes(file: string): AsyncGenerator<Buffer> {
  if (!isGzip(file)) {
    for await (const chunk of createReadStream(file)) yield chunk as Buffer;
    return;
  }
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

function members(file: string): AsyncGenerator<TarMember> {
  return tarMembers(tarBytes(file), file);
}

async function readAll(m: TarMember): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const piece of m.data()) parts.push(piece);
  return Buffer.concat(parts);
}

/** `<top>/manifest.json`, parsed; undefined when the release has none. Throws when the release cannot be read or the JSON parsed. */
export async function readSourceManifest(file: string, top: string): Promise<unknown> {
  for await (const m of members(file)) {
    if (m.name === `${top}/${MANIFEST}` && m.kind === 'file' && m.size < MAX_MANIFEST) {
      return JSON.parse((await readAll(m)).toString('utf8')) as unknown;
    }
  }
  return undefined;
}

/** Writes the data of the regular file `member` to `dest`; its sha256, or undefined when there is no such member (nothing written). */
export async function extractMember(file: string, member: string, dest: string): Promise<string | undefined> {
  for await (const m of members(file)) {
    if (m.name !== member || m.kind !== 'file') continue;
    const hash = createHash('sha256');
    await pipeline(
      m.data(),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const piece of source) {
          hash.update(piece);
          yield piece;
        }
      },
      createWriteStream(dest),
    );
    return hash.digest('hex');
  }
  return undefined;
}

export interface CopyWithout {
  /** The sha256 of the member left out; undefined when the release holds no such file. */
  dropped?: string;
  /** `<top>/manifest.json`, parsed. */
  manifest?: unknown;
  /** A member outside `<top>/`; the copy stopped there and is not a release. */
  outside?: string;
}

/**
 * Copies the source release `file` to `dest` without the regular file `drop`:
 * every other member's headers and data unchanged, in the same order, so the
 * same input gives the same bytes. In the input's format: a plain tar stays
 * one, a tar.gz is written with gzip -9.
 */
export async function copyWithout(file: string, top: string, drop: string, dest: string): Promise<CopyWithout> {
  const result: CopyWithout = {};
  async function* kept(): AsyncGenerator<Buffer> {
    let written = 0;
    for await (const m of members(file)) {
      if (m.name !== top && !m.name.startsWith(`${top}/`)) {
        result.outside = m.name;
        return;
      }
      if (m.name === drop && m.kind === 'file') {
        const hash = createHash('sha256');
        for await (const piece of m.data()) hash.update(piece);
        result.dropped = hash.digest('hex');
        continue;
      }
      if (m.name === `${top}/${MANIFEST}` && m.kind === 'file' && m.size < MAX_MANIFEST) {
        const data = await readAll(m);
        result.manifest = JSON.parse(data.toString('utf8')) as unknown;
        yield m.headers;
        yield data;
      } else {
        yield m.headers;
        for await (const piece of m.data()) yield piece;
      }
      const pad = padding(m.size);
      if (pad > 0) yield Buffer.alloc(pad);
      written += m.headers.length + m.size + pad;
    }
    yield endOfArchive(written);
  }
  const gzip = isGzip(file);
  if (gzip) await pipeline(Readable.from(kept()), createGzip({ level: 9 }), createWriteStream(dest));
  else await pipeline(Readable.from(kept()), createWriteStream(dest));
  return result;
}

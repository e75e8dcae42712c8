// A tar stream, member by member, as GNU tar writes the source releases
// (--format=gnu): ustar headers, GNU long names ('L', 'K') and pax headers.
// Each member comes with its header blocks as read, so it can be copied
// unchanged, and with its data as a stream, so a 150 MB kernel tarball passes
// through without being held in memory. Whatever tar could read another way (a
// bad checksum, a truncated member, an entry type not listed here) is refused.
import { ArchiveError } from '../errors.ts';

export const BLOCK = 512;
/** GNU tar pads an archive to whole records of 20 blocks. */
export const RECORD = 20 * BLOCK;
/** Long names and pax headers are a few hundred bytes; refuse huge ones. */
const MAX_EXTENDED = 1 << 20;

export type MemberKind = 'file' | 'directory' | 'symlink' | 'hardlink';

export interface TarMember {
  /** The name tar uses: pax path, else the GNU long name, else prefix/name. */
  name: string;
  kind: MemberKind;
  /** Bytes of data (0 but for files). */
  size: number;
  /** The member's header blocks as read: its extended headers, then its own. */
  headers: Buffer;
  /** Its data. Read it before asking for the next member, or it is skipped. */
  data(): AsyncGenerator<Buffer>;
}

/** Pulls bytes from a stream of chunks, without copying what one chunk holds. */
class ByteReader {
  private readonly chunks: AsyncIterator<Buffer>;
  private pending: Buffer = Buffer.alloc(0);
  private ended = false;
  /** Bytes handed out so far. */
  offset = 0;

  constructor(source: AsyncIterable<Buffer>) {
    this.chunks = source[Symbol.asyncIterator]();
  }

  /** Up to `n` bytes; an empty buffer only at the end of the input. */
  async some(n: number): Promise<Buffer> {
    while (this.pending.length === 0 && !this.ended) {
      const r = await this.chunks.next();
      if (r.done) this.ended = true;
      else this.pending = r.value;
    }
    const piece = this.pending.subarray(0, n);
    this.pending = this.pending.subarray(piece.length);
    this.offset += piece.length;
    return piece;
  }

  /** Exactly `n` bytes; undefined at the end of the input; a short read throws. */
  async exactly(n: number, what: () => string): Promise<Buffer | undefined> {
    const parts: Buffer[] = [];
    let got = 0;
    while (got < n) {
      const piece = await this.some(n - got);
      if (piece.length === 0) {
        if (got === 0) return undefined;
        throw new ArchiveError(`${what()} is truncated`);
      }
      parts.push(piece);
      got += piece.length;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  async skip(n: number, what: () => string): Promise<void> {
    let left = n;
    while (left > 0) {
      const piece = await this.some(Math.min(left, 1 << 20));
      if (piece.length === 0) throw new ArchiveError(`${what()} is truncated`);
      left -= piece.length;
    }
  }

  async close(): Promise<void> {
    await this.chunks.return?.();
  }
}

export function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function text(b: Buffer, start: number, end: number): string {
  const nul = b.indexOf(0, start);
  return b.toString('utf8', start, nul >= 0 && nul < end ? nul : end);
}

/** A numeric field: octal digits (NUL or space ended), or GNU base-256. */
function numeric(b: Buffer, start: number, length: number): number | undefined {
  if (b[start] === 0x80) {
    let value = 0;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + b[i]!;
    return Number.isSafeInteger(value) ? value : undefined;
  }
  const field = text(b, start, start + length).trim();
  return /^[0-7]{1,12}$/.test(field) ? parseInt(field, 8) : undefined;
}

/** The header checksum as tar computes it, the checksum field counted as spaces (unsigned, or signed as old tars did). */
function checksumOk(b: Buffer): boolean {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const c = i >= 148 && i < 156 ? 0x20 : b[i]!;
    unsigned += c;
    signed += c >= 0x80 ? c - 256 : c;
  }
  const stored = numeric(b, 148, 8);
  return stored === unsigned || stored === signed;
}

/** pax records: "<length> <key>=<value>\n" each. */
function paxRecords(data: Buffer, where: () => string): Map<string, string> {
  const records = new Map<string, string>();
  let pos = 0;
  while (pos < data.length && data[pos] !== 0) {
    const space = data.indexOf(0x20, pos);
    const length = Number(data.toString('latin1', pos, space));
    const end = pos + length;
    if (space < 0 || !Number.isSafeInteger(length) || length <= space - pos || end > data.length || data[end - 1] !== 0x0a) {
      throw new ArchiveError(`${where()} has a malformed pax record`);
    }
    const record = data.toString('utf8', space + 1, end - 1);
    const eq = record.indexOf('=');
    if (eq <= 0) throw new ArchiveError(`${where()} has a malformed pax record`);
    records.set(record.slice(0, eq), record.slice(eq + 1));
    pos = end;
  }
  return records;
}

const KINDS: Record<string, MemberKind> = { '0': 'file', '\0': 'file', '7': 'file', '5': 'directory', '2': 'symlink', '1': 'hardlink' };

/** The members of the (uncompressed) tar stream `source`; `archive` names it in errors. */
export async function* tarMembers(source: AsyncIterable<Buffer>, archive: string): AsyncGenerator<TarMember> {
  const reader = new ByteReader(source);
  let last = '';
  const at = (): string => `${archive}${last ? ` (after ${last})` : ''}`;
  try {
    let extended: Buffer[] = [];
    let longName: string | undefined;
    let pax = new Map<string, string>();
    for (;;) {
      const offset = reader.offset;
      const header = await reader.exactly(BLOCK, at);
      // The end: two zero blocks, or (as some writers leave it) no more input.
      if (header === undefined || header.every((b) => b === 0)) {
        if (extended.length > 0) throw new ArchiveError(`${at()} ends with an extended header and no member`);
        return;
      }
      if (!checksumOk(header)) throw new ArchiveError(`${at()} is corrupt: bad header checksum at byte ${offset}`);
      const type = String.fromCharCode(header[156]!);
      let size = numeric(header, 124, 12);
      if (size === undefined) throw new ArchiveError(`${at()} is corrupt: unreadable size at byte ${offset}`);
      if (type === 'L' || type === 'K' || type === 'x' || type === 'g') {
        if (size > MAX_EXTENDED) throw new ArchiveError(`${at()}: an extended header of ${size} bytes at byte ${offset}`);
        const body = (await reader.exactly(size + padding(size), at)) ?? Buffer.alloc(0);
        if (body.length < size + padding(size)) throw new ArchiveError(`${at()} is truncated`);
        const data = body.subarray(0, size);
        if (type === 'g') {
          // A global header applies to every later member; one that renames or resizes them is not read here.
          const records = paxRecords(data, at);
          if (records.has('path') || records.has('size')) throw new ArchiveError(`${at()}: a pax global header sets path or size`);
        } else {
          extended.push(header, body);
          if (type === 'L') longName = text(data, 0, data.length);
          if (type === 'x') pax = new Map([...pax, ...paxRecords(data, at)]);
        }
        continue;
      }
      const kind = KINDS[type];
      const posix = header.toString('latin1', 257, 263) === 'ustar\0';
      const prefix = posix ? text(header, 345, 500) : '';
      const name = pax.get('path') ?? longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
      if (pax.has('size')) {
        const paxSize = pax.get('size')!;
        if (!/^\d{1,15}$/.test(paxSize)) throw new ArchiveError(`${at()}: pax size ${JSON.stringify(paxSize)} of ${name}`);
        size = Number(paxSize);
      }
      if (kind === undefined) throw new ArchiveError(`${archive}: ${name} has the tar entry type ${JSON.stringify(type)}, which is not read here`);
      if (kind !== 'file' && size !== 0) throw new ArchiveError(`${archive}: ${name} is a ${kind} with ${size} bytes of data`);
      last = name;
      let left = size;
      let current = true;
      const what = (): string => `${archive}: ${name}`;
      const member: TarMember = {
        name,
        kind,
        size,
        headers: Buffer.concat([...extended, header]),
        async *data() {
          if (!current) throw new Error(`${what()}: its data was read after the next member`);
          while (left > 0) {
            const piece = await reader.some(Math.min(left, 1 << 20));
            if (piece.length === 0) throw new ArchiveError(`${what()} is truncated`);
            left -= piece.length;
            yield piece;
          }
        },
      };
      extended = [];
      longName = undefined;
      pax = new Map();
      yield member;
      current = false;
      await reader.skip(left + padding(size), what);
    }
  } finally {
    await reader.close();
  }
}

/** The end of a tar stream: two zero blocks, then zeros to a whole record (`written` bytes came before). */
export function endOfArchive(written: number): Buffer {
  const end = written + 2 * BLOCK;
  return Buffer.alloc(2 * BLOCK + ((RECORD - (end % RECORD)) % RECORD));
}

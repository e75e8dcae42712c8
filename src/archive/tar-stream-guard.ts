// A streaming tar header parser that sits between the decompressor and GNU tar.
//
// Every byte of the archive passes through `TarStreamGuard.write`. Data blocks
// go straight through (as views of the incoming chunks, without copying). A
// header, and the GNU long-name ('L'/'K') and pax ('x'/'g') headers in front of
// it, are held back until the entry they describe has been resolved to the name
// GNU tar will use and handed to the caller's `check`. Only when `check`
// returns are those header bytes released, so tar never sees an entry that was
// not checked. A `check` that throws stops the stream there.
//
// Anything this parser is not sure GNU tar reads the same way (bad checksums,
// odd numeric fields, sizes on links, sparse files, conflicting long names) is
// refused rather than passed on: a parser that disagrees with tar about where an
// entry ends could be made to check one name while tar extracts another.
//
// Names are kept as "binary" strings (latin1: one UTF-16 unit per byte), so
// comparisons are byte-exact; `displayName` turns one into readable UTF-8.

import { ArchiveError, UnsafeArchiveError } from '../errors.ts';

const BLOCK = 512;
/** Tar pads the archive with zeros to a multiple of this (GNU tar's default record). */
const RECORD = 20 * BLOCK;
/** Largest long-name or pax header accepted; real ones are a few hundred bytes. */
const MAX_META_SIZE = 1024 * 1024;

const ZERO_BLOCKS = Buffer.alloc(2 * BLOCK);

export type EntryKind = 'file' | 'directory' | 'symlink' | 'hardlink' | 'char-device' | 'block-device' | 'fifo';

export interface TarEntry {
  /** The member name as GNU tar will use it (pax path > GNU long name > ustar prefix/name), as a binary string. */
  name: string;
  /** The link target for symlinks and hard links (pax linkpath > GNU long link > linkname), as a binary string. */
  linkName: string;
  kind: EntryKind;
  /** The raw type flag character ('0', '5', '2', ...; '\0' for old regular files). */
  typeflag: string;
  /** Bytes of member data that follow the header (before padding). */
  size: number;
  /** Offset of the member's header in the uncompressed stream. */
  offset: number;
}

/** Throws (UnsafeArchiveError, ArchiveError) to refuse the entry. */
export type EntryCheck = (entry: TarEntry) => void;

/** A binary (latin1) name as readable text, for messages and file system paths. */
export function displayName(binary: string): string {
  return Buffer.from(binary, 'latin1').toString('utf8');
}

/** The NUL-terminated string in `b[start, end)`, as a binary string. */
function cString(b: Buffer, start: number, end: number): string {
  const nul = b.indexOf(0, start);
  return b.toString('latin1', start, nul >= 0 && nul < end ? nul : end);
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/**
 * A numeric header field as GNU tar reads it: optional leading NUL, leading
 * white space, octal digits ended by NUL, white space or the field's end; or
 * GNU base-256 (first byte 0x80). Returns undefined for anything else (a blank
 * field, base-64, negative numbers, values past 2^53), which callers refuse.
 */
export function parseNumericField(b: Buffer, start: number, length: number): number | undefined {
  const end = start + length;
  const first = b[start]!;
  if (first === 0x80) {
    let value = 0;
    for (let i = start + 1; i < end; i++) {
      value = value * 256 + b[i]!;
      if (value > Number.MAX_SAFE_INTEGER) return undefined;
    }
    return value;
  }
  let i = start;
  if (first === 0) i++;
  while (i < end && isSpace(b[i]!)) i++;
  if (i === end) return undefined;
  let value = 0;
  while (i < end) {
    const c = b[i]!;
    if (c < 0x30 || c > 0x37) break;
    value = value * 8 + (c - 0x30);
    i++;
  }
  if (value > Number.MAX_SAFE_INTEGER) return undefined;
  if (i < end && b[i] !== 0 && !isSpace(b[i]!)) return undefined;
  return value;
}

/** What the header checksum says about a block. */
type BlockShape = 'zero' | 'header' | 'bad-checksum';

/**
 * GNU tar treats a block as the end-of-archive marker when every byte outside
 * the checksum field is zero; otherwise the stored checksum must equal the
 * unsigned or the signed byte sum, counting the checksum field as spaces.
 */
function blockShape(b: Buffer, at: number): BlockShape {
  let unsigned = 0;
  let high = 0;
  for (let i = at; i < at + BLOCK; i++) {
    const c = b[i]!;
    unsigned += c;
    if (c >= 0x80) high++;
  }
  for (let i = at + 148; i < at + 156; i++) {
    const c = b[i]!;
    unsigned -= c;
    if (c >= 0x80) high--;
  }
  unsigned += 8 * 0x20;
  if (unsigned === 8 * 0x20) return 'zero';
  const recorded = parseNumericField(b, at + 148, 8);
  if (recorded === undefined) return 'bad-checksum';
  return recorded === unsigned || recorded === unsigned - 256 * high ? 'header' : 'bad-checksum';
}

/** True when `b` starts with something a tar header parser would accept. */
export function looksLikeTar(b: Buffer): boolean {
  if (b.length < BLOCK) return false;
  const shape = blockShape(b, 0);
  return shape !== 'bad-checksum';
}

function kindOf(typeflag: string): EntryKind | undefined {
  switch (typeflag) {
    case '0':
    case '\0':
    case '7':
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '3':
      return 'char-device';
    case '4':
      return 'block-device';
    case '5':
      return 'directory';
    case '6':
      return 'fifo';
    default:
      return undefined;
  }
}

/** Parsed pax records (keyword -> value, both binary strings). */
export function parsePaxRecords(data: Buffer): Map<string, string> | string {
  const records = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    // GNU tar stops at a NUL where the next record's length would be.
    if (data[pos] === 0) break;
    const space = data.indexOf(0x20, pos);
    if (space < 0 || space - pos > 12) return `a malformed pax record at byte ${pos}`;
    const lengthText = data.toString('latin1', pos, space);
    if (!/^[0-9]+$/.test(lengthText)) return `a malformed pax record length '${lengthText}'`;
    const length = Number(lengthText);
    const end = pos + length;
    if (length <= space - pos + 1 || end > data.length || data[end - 1] !== 0x0a) {
      return `a pax record whose length (${length}) does not match its contents`;
    }
    const equals = data.indexOf(0x3d, space + 1);
    if (equals < 0 || equals >= end - 1) return 'a pax record without a keyword=value';
    const keyword = data.toString('latin1', space + 1, equals);
    const value = data.toString('latin1', equals + 1, end - 1);
    if (keyword === '') return 'a pax record with an empty keyword';
    if (records.has(keyword) && (keyword === 'path' || keyword === 'linkpath' || keyword === 'size')) {
      return `two '${keyword}' records`;
    }
    records.set(keyword, value);
    pos = end;
  }
  return records;
}

/** Pax keywords that GNU tar reads in a way this guard does not model. */
function unsupportedPaxKeyword(keyword: string): boolean {
  return keyword.startsWith('GNU.');
}

type State = 'header' | 'meta' | 'data' | 'end';

interface Pending {
  longName?: string;
  longLink?: string;
  pax?: Map<string, string>;
  /** Reasons to refuse the coming entry, found in its extended headers. */
  problems: string[];
}

export class TarStreamGuard {
  private state: State = 'header';
  /** Offset in the uncompressed stream of the next byte to be parsed. */
  private offset = 0;
  /** Member data (with padding) left to pass through. */
  private dataLeft = 0;
  /** A header split across chunks. */
  private readonly header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  /** An extended header's data being collected. */
  private metaType = '';
  private metaSize = 0;
  private metaLeft = 0;
  private metaParts: Buffer[] = [];
  private metaOffset = 0;
  private pending: Pending = { problems: [] };
  /** Bytes from earlier chunks that wait for the current entry's check. */
  private held: Buffer[] = [];
  private holding = false;
  private forwarded = 0;
  private lastName = '';
  private entryCount = 0;

  constructor(
    private readonly archive: string,
    private readonly check: EntryCheck,
  ) {}

  /** True once the end-of-archive marker went by; later input is ignored. */
  get ended(): boolean {
    return this.state === 'end';
  }

  /**
   * Feeds the next chunk of the uncompressed archive. Returns the pieces that
   * are safe to pass on to tar, in order (views of `chunk` and of earlier
   * chunks; nothing is copied except a split header).
   */
  write(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    if (this.state === 'end') return out;
    const length = chunk.length;
    // Bytes of this chunk before `holdFrom` are released once the chunk is
    // done; from `holdFrom` on they wait for the pending entry's check. When
    // holding began in an earlier chunk, `holdFrom` is 0 and `held` has the
    // earlier part.
    let holdFrom = 0;
    let i = 0;
    while (i < length) {
      if (this.state === 'data') {
        const take = Math.min(this.dataLeft, length - i);
        i += take;
        this.dataLeft -= take;
        this.offset += take;
        if (this.dataLeft === 0) this.state = 'header';
        continue;
      }
      if (this.state === 'meta') {
        const take = Math.min(this.metaLeft, length - i);
        this.metaParts.push(chunk.subarray(i, i + take));
        i += take;
        this.metaLeft -= take;
        this.offset += take;
        if (this.metaLeft === 0) this.finishMeta();
        continue;
      }
      // state === 'header'
      if (!this.holding) {
        this.holding = true;
        holdFrom = i;
      }
      const header = this.nextHeader(chunk, i);
      i = header.next;
      if (!header.block) break;
      const headerOffset = this.offset;
      this.offset += BLOCK;
      const released = this.onHeader(header.block, header.at, headerOffset);
      if (released === 'end') return this.endOfArchive(chunk, holdFrom, out);
      if (released) {
        // The checked entry's headers from earlier chunks go out first; the
        // part in this chunk is contiguous with the rest of it.
        if (this.held.length > 0) {
          out.push(...this.held);
          this.held = [];
        }
        this.holding = false;
      }
    }
    if (this.holding) {
      if (holdFrom > 0) out.push(chunk.subarray(0, holdFrom));
      if (holdFrom < length) this.held.push(chunk.subarray(holdFrom));
    } else {
      out.push(chunk);
    }
    this.forwarded += sizeOf(out);
    return out;
  }

  /** The next header block: in place when the chunk holds it whole, else gathered across chunks (no block yet when incomplete). */
  private nextHeader(chunk: Buffer, i: number): { block?: Buffer; at: number; next: number } {
    if (this.headerFill === 0 && chunk.length - i >= BLOCK) return { block: chunk, at: i, next: i + BLOCK };
    const take = Math.min(BLOCK - this.headerFill, chunk.length - i);
    chunk.copy(this.header, this.headerFill, i, i + take);
    this.headerFill += take;
    if (this.headerFill < BLOCK) return { at: 0, next: i + take };
    this.headerFill = 0;
    return { block: this.header, at: 0, next: i + take };
  }

  /** Pass on what came before the end marker, then a clean end of archive padded to a whole record, and nothing after it. */
  private endOfArchive(chunk: Buffer, holdFrom: number, out: Buffer[]): Buffer[] {
    if (holdFrom > 0) out.push(chunk.subarray(0, holdFrom));
    const before = this.forwarded + sizeOf(out) + ZERO_BLOCKS.length;
    out.push(ZERO_BLOCKS);
    const pad = (RECORD - (before % RECORD)) % RECORD;
    if (pad > 0) out.push(Buffer.alloc(pad));
    this.forwarded += sizeOf(out);
    this.held = [];
    this.holding = false;
    return out;
  }

  /** Call at the end of input: throws ArchiveError unless the archive ended properly. */
  finish(): void {
    if (this.state === 'end') return;
    const after = this.lastName ? ` (after '${displayName(this.lastName)}')` : '';
    if (this.state === 'data') {
      throw new ArchiveError(
        `${this.archive} is truncated: it ends inside the data of '${displayName(this.lastName)}' ` + `(${this.dataLeft} more bytes expected).`,
      );
    }
    if (this.state === 'meta' || this.headerFill > 0 || this.pending.longName !== undefined || this.pending.pax) {
      throw new ArchiveError(`${this.archive} is truncated: it ends inside a header${after}.`);
    }
    throw new ArchiveError(`${this.archive} is truncated: it ends without the end-of-archive marker${after}.`);
  }

  /** Handles one header block. Returns true when held bytes may go out, 'end' at the end marker. */
  private onHeader(b: Buffer, at: number, headerOffset: number): boolean | 'end' {
    const shape = blockShape(b, at);
    if (shape === 'zero') {
      if (this.hasPendingMeta()) {
        throw new ArchiveError(`${this.archive} is corrupt: an extended header at the end is not followed by an entry.`);
      }
      this.state = 'end';
      return 'end';
    }
    if (shape === 'bad-checksum') {
      const after = this.lastName ? `, after '${displayName(this.lastName)}'` : '';
      throw new ArchiveError(
        `${this.archive} is corrupt or not a tar archive: bad header checksum at byte ${headerOffset} ` + `(entry ${this.entryCount + 1}${after}).`,
      );
    }
    const typeflag = String.fromCharCode(b[at + 156]!);
    const headerName = cString(b, at, at + 100);
    const sizeField = parseNumericField(b, at + 124, 12);
    if (sizeField === undefined) {
      throw new ArchiveError(`${this.archive} is corrupt: the header of '${displayName(headerName)}' at byte ${headerOffset} has an unreadable size field.`);
    }

    if (typeflag === 'L' || typeflag === 'K' || typeflag === 'x' || typeflag === 'X' || typeflag === 'g') {
      this.startMeta(typeflag, sizeField, headerOffset);
      return false;
    }
    const { name, linkName, size, problems } = this.member(b, at, headerName, sizeField);
    const kind = memberKind(typeflag, name, size, problems);

    this.lastName = name;
    this.entryCount++;
    const shown = displayName(name === '' ? headerName : name);
    if (problems.length > 0) throw new UnsafeArchiveError(this.archive, shown, problems[0]!);
    if (name === '') throw new UnsafeArchiveError(this.archive, shown, 'has an empty name');

    this.check({ name, linkName, kind, typeflag, size, offset: headerOffset });

    // Devices, fifos and links carry no data in GNU tar's reading; the check
    // refuses devices and fifos anyway.
    const dataSize = kind === 'file' ? size : 0;
    this.dataLeft = roundUp(dataSize);
    this.state = this.dataLeft > 0 ? 'data' : 'header';
    return true;
  }

  /** An extended header (GNU long name or link, pax): its data follows, read in the 'meta' state. */
  private startMeta(typeflag: string, size: number, headerOffset: number): void {
    if (size > MAX_META_SIZE) {
      throw new ArchiveError(`${this.archive}: the extended header at byte ${headerOffset} is ${size} bytes, more than the ${MAX_META_SIZE} accepted.`);
    }
    this.metaType = typeflag;
    this.metaSize = size;
    this.metaLeft = roundUp(size);
    this.metaParts = [];
    this.metaOffset = headerOffset;
    if (this.metaLeft === 0) this.finishMeta();
    else this.state = 'meta';
  }

  /** A member's name, link name and size as tar will use them: the header's, then the extended headers' over them. */
  private member(b: Buffer, at: number, headerName: string, sizeField: number): { name: string; linkName: string; size: number; problems: string[] } {
    let name = headerName;
    const posix = b[at + 257] === 0x75 && b.toString('latin1', at + 257, at + 263) === 'ustar\0';
    if (posix && b[at + 345] !== 0) name = `${cString(b, at + 345, at + 500)}/${headerName}`;
    let linkName = cString(b, at + 157, at + 257);
    const { longName, longLink, pax, problems } = this.pending;
    this.pending = { problems: [] };
    if (longName !== undefined) name = longName;
    if (longLink !== undefined) linkName = longLink;
    let size = sizeField;
    if (pax) {
      const paxPath = pax.get('path');
      if (paxPath !== undefined) {
        if (longName !== undefined && longName !== paxPath) {
          problems.push(`has both a GNU long name and a different pax path ('${displayName(paxPath)}')`);
        }
        name = paxPath;
      }
      const paxLink = pax.get('linkpath');
      if (paxLink !== undefined) {
        if (longLink !== undefined && longLink !== paxLink) {
          problems.push(`has both a GNU long link name and a different pax linkpath ('${displayName(paxLink)}')`);
        }
        linkName = paxLink;
      }
      const paxSize = pax.get('size');
      if (paxSize !== undefined) {
        if (!/^[0-9]{1,15}$/.test(paxSize)) {
          throw new ArchiveError(`${this.archive} is corrupt: the pax size '${paxSize}' of '${displayName(name)}' is not a number.`);
        }
        size = Number(paxSize);
      }
      for (const key of ['path', 'linkpath', 'size']) {
        const v = pax.get(key);
        if (v === '') problems.push(`has an empty pax '${key}' record`);
        if (v !== undefined && v.includes('\0')) problems.push(`has a NUL byte in its pax '${key}' record`);
      }
    }
    return { name, linkName, size, problems };
  }

  private hasPendingMeta(): boolean {
    const p = this.pending;
    return p.longName !== undefined || p.longLink !== undefined || p.pax !== undefined || p.problems.length > 0;
  }

  /** An extended header's data is complete: decode it into `pending`. */
  private finishMeta(): void {
    this.state = 'header';
    const data = Buffer.concat(this.metaParts).subarray(0, this.metaSize);
    this.metaParts = [];
    const type = this.metaType;
    const p = this.pending;
    if (type === 'L' || type === 'K') {
      const nul = data.indexOf(0);
      const value = data.toString('latin1', 0, nul >= 0 ? nul : data.length);
      const which = type === 'L' ? 'longName' : 'longLink';
      if (p[which] !== undefined) p.problems.push(`has two GNU long ${type === 'L' ? 'name' : 'link'} headers`);
      p[which] = value;
      return;
    }
    const records = parsePaxRecords(data);
    if (typeof records === 'string') {
      throw new ArchiveError(`${this.archive} is corrupt: the pax header at byte ${this.metaOffset} has ${records}.`);
    }
    if (type === 'g') {
      // git archive writes one with a 'comment' (the commit id); tar applies
      // a global header's keywords to every later member, so only harmless
      // ones are let through.
      for (const keyword of records.keys()) {
        if (keyword === 'path' || keyword === 'linkpath' || keyword === 'size' || unsupportedPaxKeyword(keyword)) {
          throw new UnsafeArchiveError(this.archive, 'pax global header', `sets '${keyword}' for every later entry, which is not accepted`);
        }
      }
      return;
    }
    if (p.pax !== undefined) p.problems.push('has two pax extended headers');
    for (const keyword of records.keys()) {
      if (unsupportedPaxKeyword(keyword)) p.problems.push(`uses the pax keyword '${keyword}', which is not supported`);
    }
    p.pax = records;
  }
}

function roundUp(n: number): number {
  return Math.ceil(n / BLOCK) * BLOCK;
}

function sizeOf(pieces: Buffer[]): number {
  let n = 0;
  for (const p of pieces) n += p.length;
  return n;
}

/** What a member is, as tar will read it; what this guard does not model goes into `problems`. */
function memberKind(typeflag: string, name: string, size: number, problems: string[]): TarEntry['kind'] {
  let kind = kindOf(typeflag);
  if (kind === undefined) {
    // GNU sparse files, incremental dumps, volume labels, vendor types...
    // tar would read these in ways this guard does not model.
    const shown = /^[ -~]$/.test(typeflag) ? `'${typeflag}'` : `0x${typeflag.charCodeAt(0).toString(16)}`;
    problems.unshift(`has the unsupported tar entry type ${shown}`);
    kind = 'file';
  }
  if (kind === 'file' && name.endsWith('/')) {
    // Old tars mark directories with a trailing slash; GNU tar follows suit.
    if (size !== 0) problems.push(`is a ${size}-byte file whose name ends in '/'`);
    kind = 'directory';
  }
  if ((kind === 'hardlink' || kind === 'symlink' || kind === 'directory') && size !== 0) {
    problems.push(`is a ${kind} that carries ${size} bytes of data`);
  }
  return kind;
}

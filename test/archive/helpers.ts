// Builds tarballs for the archive tests: with the real tar CLI, with Python's
// tarfile (for members GNU tar will not write, like '../x'), and byte by byte
// (for headers neither will write, like a GNU long name that disagrees with
// the ustar name).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, existsSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A fresh temp directory; `cleanup` removes it. */
export function tempDir(prefix = 'archive-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function run(cmd: string, args: string[], cwd?: string, input?: string): string {
  return execFileSync(cmd, args, { cwd, input, encoding: 'utf8', stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
}

export interface PyMember {
  name: string;
  type?: 'file' | 'dir' | 'symlink' | 'hardlink' | 'chr' | 'blk' | 'fifo';
  data?: string;
  linkname?: string;
  /** Per-member pax records (pax format only). */
  pax?: Record<string, string>;
}

const PY_BUILDER = `
import io, json, sys, tarfile
spec = json.load(sys.stdin)
formats = {'gnu': tarfile.GNU_FORMAT, 'pax': tarfile.PAX_FORMAT, 'ustar': tarfile.USTAR_FORMAT}
types = {'file': tarfile.REGTYPE, 'dir': tarfile.DIRTYPE, 'symlink': tarfile.SYMTYPE,
         'hardlink': tarfile.LNKTYPE, 'chr': tarfile.CHRTYPE, 'blk': tarfile.BLKTYPE,
         'fifo': tarfile.FIFOTYPE}
with tarfile.open(spec['out'], 'w', format=formats[spec['format']],
                  pax_headers=spec.get('global') or None) as tar:
    for m in spec['members']:
        info = tarfile.TarInfo(m['name'])
        info.type = types[m.get('type', 'file')]
        info.mode = 0o755 if info.type == tarfile.DIRTYPE else 0o644
        info.mtime = 1700000000
        if 'pax' in m:
            info.pax_headers = m['pax']
        if info.type == tarfile.REGTYPE:
            data = m.get('data', '').encode()
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        else:
            info.linkname = m.get('linkname', '')
            if info.type in (tarfile.CHRTYPE, tarfile.BLKTYPE):
                info.devmajor, info.devminor = 1, 3
            tar.addfile(info)
`;

/** Writes `out` with Python's tarfile, members exactly as given (no name cleaning). */
export function pythonTar(out: string, members: PyMember[], format: 'gnu' | 'pax' | 'ustar' = 'gnu', globalPax?: Record<string, string>): string {
  run('python3', ['-c', PY_BUILDER], undefined, JSON.stringify({ out, members, format, global: globalPax }));
  return out;
}

export interface RawMember {
  name: string;
  /** Type flag character; '0' by default. */
  type?: string;
  data?: Buffer | string;
  linkname?: string;
  /** ustar prefix field (used only with the POSIX magic). */
  prefix?: string;
  magic?: 'posix' | 'gnu' | 'v7';
  /** Overrides the size field (e.g. a size on a symlink). */
  size?: number;
}

/** One 512-byte header with a correct checksum. */
export function rawHeader(m: RawMember, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(m.name, 0, 100, 'latin1');
  h.write('0000644\0', 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  h.write('14525356400\0', 136, 'latin1');
  h.write(m.type ?? '0', 156, 'latin1');
  if (m.linkname) h.write(m.linkname, 157, 100, 'latin1');
  const magic = m.magic ?? 'posix';
  if (magic === 'posix') h.write('ustar\x0000', 257, 'latin1');
  if (magic === 'gnu') h.write('ustar  \0', 257, 'latin1');
  if (m.prefix) h.write(m.prefix, 345, 155, 'latin1');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

function padded(data: Buffer): Buffer {
  const rem = data.length % 512;
  return rem === 0 ? data : Buffer.concat([data, Buffer.alloc(512 - rem)]);
}

/** A pax extended header record block ('x' or 'g'). */
export function paxMember(records: Record<string, string>, type: 'x' | 'g' = 'x'): RawMember {
  let body = '';
  for (const [k, v] of Object.entries(records)) {
    const rest = ` ${k}=${v}\n`;
    let len = rest.length + 1;
    while (`${len}${rest}`.length !== len) len++;
    body += `${len}${rest}`;
  }
  return { name: type === 'g' ? 'pax_global_header' : 'PaxHeader/x', type, data: body };
}

/** A whole archive from raw members, with the end-of-archive marker unless told otherwise. */
export function rawTar(members: RawMember[], { end = true }: { end?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const m of members) {
    const data = typeof m.data === 'string' ? Buffer.from(m.data, 'latin1') : (m.data ?? Buffer.alloc(0));
    parts.push(rawHeader(m, m.size ?? data.length));
    if (data.length > 0) parts.push(padded(data));
  }
  if (end) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** 'absent', 'empty' or the sorted names found, for assertions on dest. */
export function dirState(dir: string): 'absent' | 'empty' | string[] {
  if (!existsSync(dir)) return 'absent';
  const names = readdirSync(dir).sort();
  return names.length === 0 ? 'empty' : names;
}

/** Every path under `dir`, relative, sorted; symlinks are not followed. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(path.join(dir, r));
      out.push(st.isDirectory() ? `${r}/` : st.isSymbolicLink() ? `${r}@` : r);
      if (st.isDirectory()) walk(r);
    }
  };
  walk('');
  return out.sort();
}

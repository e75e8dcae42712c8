// What an archive entry may do to the destination directory.
//
// The policy keeps a model of the tree the archive has built so far (which
// paths are directories, files, symlinks) and refuses, before tar sees it, any
// entry that could make tar write outside the destination:
//
// - absolute names, names with a '..' component;
// - devices and fifos;
// - symlinks whose target leaves the destination. Relative targets are taken
//   from the link's directory, which is a real directory (see below). Only
//   leading '..' components are accepted: in `a/../x`, `a` could be (or later
//   become) a symlink, and then '..' is taken from wherever `a` points, which
//   a textual check cannot follow. Absolute targets are accepted only inside
//   the destination;
// - hard links to absolute or '..' paths, to directories, or to anything that
//   is not an earlier entry. A hard link to a symlink is a second symlink with
//   the same target, so that target is checked again from the link's place;
// - entries at or beneath a path an earlier entry made a symlink (the
//   "symlink, then write through it" attack), and symlinks that replace a
//   directory. Together these keep every directory an entry lands in a real
//   directory, which the relative-target rule above relies on.
//
// It also enforces the "one top-level directory" shape of a kernel tarball,
// failing as soon as a second top-level name appears.

import { ArchiveError, UnsafeArchiveError } from '../errors.ts';
import { displayName, type TarEntry } from './tar-stream-guard.ts';

type NodeKind = 'dir' | 'implicit-dir' | 'file' | 'symlink';

/** Entries that would make device nodes or fifos: never extracted. */
const DEVICES: Partial<Record<TarEntry['kind'], string>> = { 'char-device': 'is a character device', 'block-device': 'is a block device', fifo: 'is a fifo' };

export class EntryPolicy {
  /** Paths (binary strings, normalized, relative to dest) the archive has created. */
  private readonly nodes = new Map<string, NodeKind>();
  private readonly symlinkTargets = new Map<string, string>();
  /** Parent path of the last entry checked, known to be free of symlinks. */
  private lastParent: string | undefined;
  /** Destination roots (as binary strings) that absolute symlink targets may point into. */
  private readonly roots: string[];
  private topName: string | undefined;
  entries = 0;
  bytes = 0;

  /**
   * @param archive the archive's name, for messages
   * @param destRoots absolute paths of the destination (as given and resolved)
   */
  constructor(
    private readonly archive: string,
    destRoots: string[],
  ) {
    this.roots = [...new Set(destRoots.map((r) => Buffer.from(r.replace(/\/+$/, ''), 'utf8').toString('latin1')))];
  }

  /** The single top-level name (binary string), once an entry has been seen. */
  get top(): string | undefined {
    return this.topName;
  }

  check(entry: TarEntry): void {
    const raw = entry.name;
    const refuse: (reason: string) => never = (reason) => {
      throw new UnsafeArchiveError(this.archive, displayName(raw), reason);
    };
    const device = DEVICES[entry.kind];
    if (device) refuse(device);
    if (raw.startsWith('/')) refuse('has an absolute path');
    const comps = splitPath(raw);
    if (comps === undefined) return refuse("has a '..' component, which would leave the destination");
    if (comps.length === 0) {
      // './' itself: the destination directory. Harmless as a directory.
      if (entry.kind !== 'directory') refuse('names the destination directory itself');
      this.entries++;
      return;
    }
    const path = comps.join('/');
    const slash = path.lastIndexOf('/');
    const parent = slash < 0 ? '' : path.slice(0, slash);
    this.checkParents(path, parent, refuse);
    const existing = this.nodes.get(path);
    if (existing === 'symlink') refuse(`replaces '${displayName(path)}', which an earlier entry made a symlink`);
    const kind = this.nodeKind(entry, comps, existing, refuse);
    this.checkTop(comps, kind);
    this.nodes.set(path, kind);
    this.lastParent = parent;
    this.entries++;
    if (entry.kind === 'file') this.bytes += entry.size;
  }

  /** Nothing may be created beneath a symlink. */
  private checkParents(path: string, parent: string, refuse: (reason: string) => never): void {
    if (parent === '' || parent === this.lastParent) return;
    let from = 0;
    for (;;) {
      const next = path.indexOf('/', from);
      if (next < 0 || next > parent.length) break;
      const prefix = path.slice(0, next);
      const kind = this.nodes.get(prefix);
      if (kind === 'symlink') refuse(`is beneath '${displayName(prefix)}', which an earlier entry made a symlink`);
      // tar makes missing parents; a file in the way makes it fail, or (if it
      // is replaced) become a directory: count it as one either way.
      if (kind !== 'dir' && kind !== 'implicit-dir') this.nodes.set(prefix, 'implicit-dir');
      from = next + 1;
    }
  }

  /** What the entry makes, once checked against what is already there. */
  private nodeKind(entry: TarEntry, comps: string[], existing: NodeKind | undefined, refuse: (reason: string) => never): NodeKind {
    switch (entry.kind) {
      case 'directory':
        return 'dir';
      case 'file':
        return 'file';
      case 'symlink':
        if (existing === 'dir' || existing === 'implicit-dir') refuse('is a symlink that would replace a directory');
        this.checkSymlinkTarget(comps, entry.linkName, refuse, 'is a symlink');
        this.symlinkTargets.set(comps.join('/'), entry.linkName);
        return 'symlink';
      case 'hardlink':
        return this.checkHardLink(comps, existing, entry.linkName, refuse);
      default:
        return refuse('has an unsupported type');
    }
  }

  /** A kernel source tarball has exactly one top-level directory. */
  private checkTop(comps: string[], kind: NodeKind): void {
    const first = comps[0]!;
    if (this.topName === undefined) {
      this.topName = first;
    } else if (first !== this.topName) {
      throw new ArchiveError(
        `${this.archive} has more than one top-level entry ('${displayName(this.topName)}' and ` +
          `'${displayName(first)}'); a kernel source tarball has exactly one top-level directory.`,
      );
    }
    if (comps.length === 1 && kind !== 'dir') {
      throw new ArchiveError(
        `${this.archive}: its top-level entry '${displayName(first)}' is not a directory; ` + 'a kernel source tarball has exactly one top-level directory.',
      );
    }
  }

  /** Refuses a symlink at `linkComps` to `target` that could leave the destination. */
  private checkSymlinkTarget(linkComps: string[], target: string, refuse: (reason: string) => never, what: string): void {
    const shownTarget = displayName(target);
    if (target === '') refuse(`${what} with an empty target`);
    let depth: number;
    let rest: string;
    if (target.startsWith('/')) {
      const root = this.roots.find((r) => target === r || target.startsWith(`${r}/`));
      if (root === undefined) return refuse(`${what} to '${shownTarget}', outside the destination`);
      rest = target.slice(root.length);
      depth = 0;
    } else {
      rest = target;
      depth = linkComps.length - 1;
    }
    let ups = 0;
    let named = false;
    for (const c of rest.split('/')) {
      if (c === '' || c === '.') continue;
      if (c === '..') {
        if (named) {
          refuse(
            `${what} to '${shownTarget}', which goes back up with '..' after a directory name; ` + 'only leading ".." components are accepted in link targets',
          );
        }
        ups++;
        if (ups > depth) refuse(`${what} to '${shownTarget}', which points outside the destination`);
      } else {
        named = true;
      }
    }
  }

  private checkHardLink(comps: string[], existing: NodeKind | undefined, target: string, refuse: (reason: string) => never): NodeKind {
    const shownTarget = displayName(target);
    if (target === '') refuse('is a hard link with an empty target');
    if (target.startsWith('/')) refuse(`is a hard link to '${shownTarget}', an absolute path outside the destination`);
    const parts = splitPath(target);
    if (parts === undefined) return refuse(`is a hard link to '${shownTarget}', which has a '..' component`);
    const targetPath = parts.join('/');
    const kind = this.nodes.get(targetPath);
    if (kind === 'dir' || kind === 'implicit-dir') refuse(`is a hard link to the directory '${shownTarget}'`);
    if (kind === undefined) refuse(`is a hard link to '${shownTarget}', which is not an earlier entry of the archive`);
    if (kind === 'symlink') {
      // link(2) on a symlink links the symlink itself: a new symlink whose
      // relative target now starts from this entry's directory.
      if (existing === 'dir' || existing === 'implicit-dir') refuse('is a link that would replace a directory with a symlink');
      const linkTarget = this.symlinkTargets.get(targetPath)!;
      this.checkSymlinkTarget(comps, linkTarget, refuse, `is a hard link to the symlink '${shownTarget}', so a symlink`);
      this.symlinkTargets.set(comps.join('/'), linkTarget);
      return 'symlink';
    }
    return 'file';
  }
}

/** Path components without '' and '.', or undefined when one is '..'. */
function splitPath(name: string): string[] | undefined {
  const out: string[] = [];
  for (const c of name.split('/')) {
    if (c === '..') return undefined;
    if (c !== '' && c !== '.') out.push(c);
  }
  return out;
}

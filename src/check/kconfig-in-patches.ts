// The Kconfig symbols a patch series adds and removes, read from the patches'
// hunks on Kconfig files: an option that vanished may be one a patch that did not
// apply would have added, and a symbol a patch removes tells what its prompt and
// directory were, so the same prompt under another name can be suggested.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDiff, type Hunk } from './diff.ts';

export interface PatchedSymbol {
  symbol: string;
  /** The Kconfig file, relative to the tree. */
  file: string;
  prompt?: string;
  /** The patch file (absolute) and its name. */
  patch: string;
  name: string;
  /** Line in the patch file of the `config` line. */
  patchLine: number;
}

export interface SeriesKconfig {
  added: PatchedSymbol[];
  removed: PatchedSymbol[];
}

const ENTRY = /^\s*(?:menu)?config\s+([A-Za-z0-9_]+)\s*$/;
const PROMPT = /^\s*(?:bool|tristate|string|int|hex|prompt)\s+"((?:[^"\\]|\\.)*)"/;

/** `config NAME` entries of one side of a hunk, each with the prompt found before the next entry. */
function entries(lines: { text: string; patchLine: number }[]): { symbol: string; prompt?: string; patchLine: number }[] {
  const out: { symbol: string; prompt?: string; patchLine: number }[] = [];
  for (const l of lines) {
    const e = ENTRY.exec(l.text);
    if (e) {
      out.push({ symbol: e[1]!, patchLine: l.patchLine });
      continue;
    }
    const p = PROMPT.exec(l.text);
    const last = out[out.length - 1];
    if (p && last && last.prompt === undefined) last.prompt = p[1]!.replace(/\\(.)/g, '$1');
  }
  return out;
}

function hunkSides(h: Hunk): { before: { text: string; patchLine: number }[]; after: { text: string; patchLine: number }[] } {
  return { before: h.lines.filter((l) => l.kind !== '+'), after: h.lines.filter((l) => l.kind !== '-') };
}

export function seriesKconfig(patches: string[]): SeriesKconfig {
  const added: PatchedSymbol[] = [];
  const removed: PatchedSymbol[] = [];
  for (const patch of patches) {
    const name = path.basename(patch);
    for (const file of parseDiff(readFileSync(patch, 'utf8'))) {
      if (!path.basename(file.path).startsWith('Kconfig')) continue;
      for (const hunk of file.hunks) {
        const { before, after } = hunkSides(hunk);
        const old = entries(before);
        const now = entries(after);
        for (const e of now) if (!old.some((o) => o.symbol === e.symbol)) added.push({ ...e, file: file.path, patch, name });
        for (const e of old) if (!now.some((o) => o.symbol === e.symbol)) removed.push({ ...e, file: file.path, patch, name });
      }
    }
  }
  return { added, removed };
}

// Where a failed hunk would go in the file as it is now, and what differs there:
// the place where most of the lines the hunk expects still stand in order, and
// its first line that the file no longer holds against the file's line there.
import { oldSide, type Hunk } from './diff.ts';

export interface HunkPlace {
  /** Line of the file (from 1) where the hunk's expected text matches best. */
  line: number;
  /** How many of the hunk's expected lines are there, of how many. */
  matching: number;
  of: number;
  /** The first expected line that differs, with its line in the patch… */
  expected?: { patchLine: number; text: string };
  /** …and what the file holds in its place (undefined past the end of the file). */
  found?: { line: number; text: string };
}

const SHORT = 72;

/** A line cut to a length a table cell can show. */
export function shortLine(text: string): string {
  const t = text.replace(/\t/g, '    ').trim();
  return t.length > SHORT ? `${t.slice(0, SHORT - 1)}…` : t;
}

/** Lines that say little about a place ("}", "", "break;") do not vote for one. */
const telling = (text: string): boolean => text.trim().replace(/[{}();,\s]/g, '').length >= 4;

/** Index of each line's positions, built once per file. */
export function lineIndex(fileLines: string[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  fileLines.forEach((l, i) => {
    const list = index.get(l);
    if (list) list.push(i);
    else index.set(l, [i]);
  });
  return index;
}

/**
 * The best place for `hunk` in `fileLines`: each expected line found in the file
 * votes for the start it implies; most votes wins, then nearness to `near` (the
 * line patch tried). Undefined when none of the hunk's telling lines are in the file.
 */
export function locateHunk(hunk: Hunk, fileLines: string[], near: number, index = lineIndex(fileLines)): HunkPlace | undefined {
  const expected = oldSide(hunk);
  if (expected.length === 0) return undefined;
  const votes = new Map<number, number>();
  expected.forEach((l, i) => {
    if (!telling(l.text)) return;
    for (const pos of index.get(l.text) ?? []) votes.set(pos - i, (votes.get(pos - i) ?? 0) + 1);
  });
  let best: number | undefined;
  let bestVotes = 0;
  for (const [start, n] of votes) {
    if (n > bestVotes || (n === bestVotes && best !== undefined && Math.abs(start + 1 - near) < Math.abs(best + 1 - near))) {
      best = start;
      bestVotes = n;
    }
  }
  if (best === undefined) return undefined;
  let matching = 0;
  let firstDiff: number | undefined;
  expected.forEach((l, i) => {
    if (fileLines[best + i] === l.text) matching++;
    else firstDiff ??= i;
  });
  const place: HunkPlace = { line: Math.max(best, 0) + 1, matching, of: expected.length };
  if (firstDiff !== undefined) {
    const e = expected[firstDiff]!;
    place.expected = { patchLine: e.patchLine, text: e.text };
    const at = best + firstDiff;
    if (at >= 0 && at < fileLines.length) place.found = { line: at + 1, text: fileLines[at]! };
  }
  return place;
}

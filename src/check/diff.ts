// A unified diff read the way GNU patch -p1 reads it: the files it changes and
// each hunk's lines, with their line numbers in the patch file, so a failed hunk
// can be shown as what it expected against what the tree now holds. Hunk bodies
// are read by the counts in their @@ header, so a mail signature ("-- ") after
// the last hunk is never taken for a removed line.

export interface HunkLine {
  /** ' ' context, '-' removed, '+' added. */
  kind: ' ' | '-' | '+';
  text: string;
  /** Line in the patch file (from 1). */
  patchLine: number;
}

export interface Hunk {
  /** The hunk's number within its file, as patch(1) counts them (from 1). */
  number: number;
  /** Line of the `@@` header in the patch file. */
  headerLine: number;
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  lines: HunkLine[];
}

export interface DiffFile {
  /** The path patch -p1 changes, relative to the tree. */
  path: string;
  /** Line of the `--- ` header in the patch file. */
  headerLine: number;
  creates: boolean;
  deletes: boolean;
  hunks: Hunk[];
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** A header's path with its first component stripped (-p1); undefined for /dev/null. */
function strip1(header: string): string | undefined {
  let name = header.replace(/\t.*$/, '').trim();
  if (name.startsWith('"') && name.endsWith('"')) name = JSON.parse(name) as string;
  if (name === '/dev/null') return undefined;
  const parts = name.split('/');
  return parts.length > 1 ? parts.slice(1).join('/') : name;
}

export function parseDiff(text: string): DiffFile[] {
  const lines = text.split('\n');
  const files: DiffFile[] = [];
  let file: DiffFile | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ') && HUNK.test(lines[i + 2] ?? '')) {
      const oldName = strip1(l.slice(4));
      const newName = strip1(lines[i + 1]!.slice(4));
      file = { path: newName ?? oldName ?? '', headerLine: i + 1, creates: oldName === undefined, deletes: newName === undefined, hunks: [] };
      files.push(file);
      i++;
      continue;
    }
    const m = HUNK.exec(l);
    if (!m || !file) continue;
    const hunk: Hunk = {
      number: file.hunks.length + 1,
      headerLine: i + 1,
      oldStart: Number(m[1]),
      oldCount: m[2] === undefined ? 1 : Number(m[2]),
      newStart: Number(m[3]),
      newCount: m[4] === undefined ? 1 : Number(m[4]),
      lines: [],
    };
    let oldLeft = hunk.oldCount;
    let newLeft = hunk.newCount;
    while ((oldLeft > 0 || newLeft > 0) && i + 1 < lines.length) {
      const body = lines[++i]!;
      const kind = body[0];
      if (body.startsWith('\\')) continue; // "\ No newline at end of file"
      if (kind === '+') newLeft--;
      else if (kind === '-') oldLeft--;
      else if (kind === ' ' || body === '') {
        oldLeft--;
        newLeft--;
      } else break;
      hunk.lines.push({ kind: kind === '+' || kind === '-' ? kind : ' ', text: body.slice(1), patchLine: i + 1 });
    }
    file.hunks.push(hunk);
  }
  return files;
}

/** The lines a hunk expects in the file before it applies (context and removed lines). */
export function oldSide(hunk: Hunk): HunkLine[] {
  return hunk.lines.filter((l) => l.kind !== '+');
}

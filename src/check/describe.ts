// Verdicts in words, shared by the terminal table, the job summary and the
// annotations: one line per patch, and each failed hunk as PatchError names it
// with what it expected against what the file holds now.
import type { ConfigCheck, ConfigVerdict } from './config-check.ts';
import { shortLine } from './hunk-locate.ts';
import type { HunkRef, MovedHunk, PatchVerdict } from './patch-trial.ts';
import type { CheckReport } from './report.ts';

const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** "kernel/exit.c #1 −1, #2 +6; kernel/reboot.c #1 +10": moved hunks by file, runs of one offset joined. */
export function movedText(moved: MovedHunk[]): string {
  const byFile = new Map<string, MovedHunk[]>();
  for (const m of moved) byFile.set(m.file, [...(byFile.get(m.file) ?? []), m]);
  return [...byFile]
    .map(([file, ms]) => {
      const runs: { from: number; to: number; offset: number }[] = [];
      for (const m of ms) {
        const last = runs[runs.length - 1];
        if (last && last.offset === m.offset && last.to === m.hunk - 1) last.to = m.hunk;
        else runs.push({ from: m.hunk, to: m.hunk, offset: m.offset });
      }
      return `${file} ${runs.map((r) => `#${r.from}${r.to > r.from ? `–${r.to}` : ''} ${signed(r.offset)}`).join(', ')}`;
    })
    .join('; ');
}

function hunkList(hs: HunkRef[]): string {
  const byFile = new Map<string, number[]>();
  for (const h of hs) byFile.set(h.file, [...(byFile.get(h.file) ?? []), h.hunk]);
  return [...byFile].map(([file, ns]) => `${file} #${ns.join(', #')}`).join('; ');
}

function failedText(v: PatchVerdict): string {
  const parts = v.failed.map((f) =>
    f.reason ? `${f.file}: ${f.reason}` : `${f.file}: ${f.hunks.length} hunk${f.hunks.length === 1 ? '' : 's'} (#${f.hunks.map((h) => h.hunk).join(', #')})`,
  );
  const needs = v.likelyNeeds.length > 0 ? `; likely needs ${v.likelyNeeds.join(', ')}` : '';
  return `${parts.join('; ')}${needs}`;
}

/** What a result is called in the tables. */
export const RESULT_TEXT: Record<PatchVerdict['result'], string> = {
  applies: 'applies',
  offset: 'applies (offsets)',
  'already-in': 'already in kernel',
  'partly-in': 'partly in kernel',
  fails: 'FAILS',
};

/** One line: hunks, offsets, files. */
export function verdictDetail(v: PatchVerdict): string {
  switch (v.result) {
    case 'applies':
      return 'cleanly';
    case 'offset':
      return `moved: ${movedText(v.moved)}`;
    case 'already-in':
      return 'it reverse-applies: drop it from the series';
    case 'partly-in':
      return `in the kernel: ${hunkList(v.inKernel)}; ${v.failed.length === 0 ? 'the rest applies' : `does not apply: ${failedText(v)}`}`;
    case 'fails':
      return v.fatal ? `patch cannot read it: ${v.fatal}` : failedText(v);
  }
}

/** Each failed hunk as PatchError names it, then where its text stands now and what differs. */
export function failedHunkLines(v: PatchVerdict): string[] {
  const out: string[] = [];
  for (const f of v.failed) {
    if (f.reason) out.push(`${f.file}: ${f.reason}`);
    for (const h of f.hunks) {
      const at = [h.triedAt !== undefined ? `at line ${h.triedAt} of ${f.file}` : '', `(line ${h.patchLine} of the patch)`].filter(Boolean).join(' ');
      out.push(`${f.file}: hunk #${h.hunk} FAILED ${at}`);
      out.push(...placeLines(h.nearest).map((l) => `  ${l}`));
    }
  }
  return out;
}

/** Where a failed hunk's text stands now: nearest line, expected against found. */
export function placeLines(n: PatchVerdict['failed'][number]['hunks'][number]['nearest']): string[] {
  if (!n) return ['none of its lines are in the file any more'];
  if (!n.expected) return [`its text stands whole at line ${n.line}`];
  return [
    `nearest at line ${n.line} (${n.matching} of ${n.of} lines match)`,
    `expected (patch line ${n.expected.patchLine}): ${shortLine(n.expected.text)}`,
    n.found ? `found (line ${n.found.line}): ${shortLine(n.found.text)}` : 'found: the end of the file',
  ];
}

/** The options that did not land in the order to read them: lost, then gone, then those kconfig derives. */
export function configGroups(c: ConfigCheck): { title: string; verdicts: ConfigVerdict[] }[] {
  const groups = [
    { title: 'lost', verdicts: c.verdicts.filter((v) => v.status === 'lost' && !v.derived) },
    { title: 'no longer in this kernel', verdicts: c.verdicts.filter((v) => v.status === 'vanished') },
    { title: 'derived by kconfig (no prompt: the compiler or other options decide)', verdicts: c.verdicts.filter((v) => v.status === 'lost' && v.derived) },
  ];
  return groups.filter((g) => g.verdicts.length > 0);
}

export function configVerdictLine(v: ConfigVerdict): string {
  const where = v.from ? ` (${v.from.file}${v.from.line ? `:${v.from.line}` : ''})` : '';
  return `${v.option}: asked ${v.requested}, got ${v.actual}${where} — ${v.cause}`;
}

function configSummary(c: ConfigCheck): string {
  return [`${c.requested} options asked for, ${c.kept} landed`, ...configGroups(c).map((g) => `${g.verdicts.length} ${g.title.replace(/ \(.*\)$/, '')}`)].join(
    ', ',
  );
}

/** The headline: verdict, kernel, counts. */
export function summaryLine(r: CheckReport): string {
  const counts = (Object.keys(r.counts) as (keyof CheckReport['counts'])[])
    .filter((k) => r.counts[k] > 0)
    .map((k) => `${r.counts[k]} ${RESULT_TEXT[k]}`)
    .join(', ');
  const kernel = `Linux ${r.kernel.version ?? '(unknown version)'} ${r.arch}`;
  const series = r.patches.length === 0 ? 'no patches' : `${r.patches.length} patches: ${counts}`;
  const config = r.config ? `; config: ${configSummary(r.config)}` : '';
  return `check ${r.passed ? 'passed' : 'FAILED'} on ${kernel}: ${series}${config}`;
}

/** Patches left out of the tree, that every later patch was tried without. */
export function leftOutLine(r: CheckReport): string | undefined {
  const left = r.patches.filter((p) => p.result === 'fails' || p.result === 'partly-in');
  const after = left.length > 0 ? r.patches.filter((p) => p.index > left[0]!.index).length : 0;
  if (left.length === 0 || after === 0) return undefined;
  return `left out of the tree: ${left.map((p) => p.name).join(', ')}; the ${after} patch${after === 1 ? '' : 'es'} after ${left[0]!.name} were tried without ${left.length === 1 ? 'it' : 'those left out before them'}`;
}

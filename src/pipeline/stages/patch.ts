// patch: apply the series in order. Each patch is first tried with --dry-run, so a
// patch that does not apply leaves the tree as the previous patch left it, and the
// error names the patch, every file and every failed hunk (with its line in the patch).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PatchError, type FailedFile } from '../../errors.ts';
import { sha256 } from '../../util/hash.ts';
import { run, runChecked } from '../../util/run.ts';
import type { Stage } from '../stage.ts';

export interface PatchInput {
  tree: string;
  /** The patch files in the order they apply (src/request/series.ts); empty applies nothing. */
  patches: string[];
}

export interface AppliedPatch {
  name: string;
  path: string;
  sha256: string;
}

export interface PatchOutput {
  series: AppliedPatch[];
}

interface HunkHeader {
  file: string;
  hunk: number;
  line: number;
}

/** Each file's hunks and the line of its `@@` header, from a unified diff with -p1 names. */
export function hunkHeaders(patchText: string): HunkHeader[] {
  const out: HunkHeader[] = [];
  const lines = patchText.split('\n');
  let oldName: string | undefined;
  let file: string | undefined;
  let count = 0;
  const strip = (name: string): string => name.replace(/\t.*$/, '').split('/').slice(1).join('/');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) {
      oldName = l.slice(4);
    } else if (l.startsWith('+++ ') && oldName !== undefined) {
      const newName = l.slice(4);
      file = newName.startsWith('/dev/null') ? strip(oldName) : strip(newName);
      count = 0;
      oldName = undefined;
    } else if (l.startsWith('@@ ') && file !== undefined) {
      out.push({ file, hunk: ++count, line: i + 1 });
    }
  }
  return out;
}

/** What GNU patch said about each file it could not patch. */
export function parsePatchOutput(output: string, headers: HunkHeader[]): FailedFile[] {
  const failed = new Map<string, FailedFile>();
  let current: string | undefined;
  let pendingMissing = false;
  const entry = (file: string): FailedFile => {
    let f = failed.get(file);
    if (!f) failed.set(file, (f = { file, hunks: [] }));
    return f;
  };
  for (const line of output.split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^(?:checking|patching) file '?(.+?)'?$/.exec(line))) {
      current = m[1];
      pendingMissing = false;
    } else if ((m = /^Hunk #(\d+) FAILED at (\d+)/.exec(line)) && current) {
      const hunk = Number(m[1]);
      const header = headers.find((h) => h.file === current && h.hunk === hunk);
      entry(current).hunks.push({ hunk, targetLine: Number(m[2]), patchLine: header?.line });
    } else if (/^Reversed \(or previously applied\) patch detected/.test(line) && current) {
      entry(current).reason = 'already applied (or reversed)';
    } else if (/^can't find file to patch/.test(line)) {
      pendingMissing = true;
      current = undefined;
    } else if ((m = /^\|\+\+\+ (\S+)/.exec(line)) && pendingMissing) {
      // patch quotes the headers "leading up to" the missing file; name it from there.
      const name = m[1]!.split('/').slice(1).join('/');
      entry(name).reason = 'the file does not exist in the kernel tree';
      pendingMissing = false;
    } else if ((m = /^patch: \*\*\*\* (.*)$/.exec(line))) {
      entry('(patch file)').reason = m[1]!;
    }
  }
  return [...failed.values()];
}

export const patchStage: Stage<PatchInput, PatchOutput> = {
  name: 'patch',
  title: 'apply the patch series',
  async run(input, ctx) {
    if (input.patches.length === 0) {
      ctx.log.info('no patches to apply');
      return { series: [] };
    }
    const applied: AppliedPatch[] = [];
    for (const file of input.patches) {
      const text = readFileSync(file);
      const common = ['-p1', '--batch', '--forward', '--fuzz=0', '--no-backup-if-mismatch', '-r', '-', '-d', input.tree, '-i', file];
      const dry = await run('patch', ['--dry-run', ...common], { env: { LC_ALL: 'C' } });
      if (dry.exitCode !== 0) {
        const output = dry.tail.join('\n');
        throw new PatchError(file, parsePatchOutput(output, hunkHeaders(text.toString('utf8'))), output);
      }
      await runChecked('patch', ['--silent', ...common], { env: { LC_ALL: 'C' }, logFile: ctx.logFile });
      ctx.log.info(`applied ${path.basename(file)}`);
      applied.push({ name: path.basename(file), path: file, sha256: sha256(text) });
    }
    return { series: applied };
  },
  summary: (o) => (o.series.length === 0 ? 'no patches' : `applied ${o.series.length} patch(es)`),
};

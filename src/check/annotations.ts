// Where check mode's findings go in the files a person edits: each failed hunk
// on its @@ line in the patch file, a patch already in the kernel on its first
// line, each hunk already in the kernel on its line, each lost option on the
// config line that asked for it. Offsets stay in the table: they need no edit.
import type { Location } from '../errors.ts';
import { configVerdictLine, placeLines } from './describe.ts';
import type { CheckReport } from './report.ts';

export interface CheckAnnotation {
  level: 'error' | 'warning';
  message: string;
  where: Location;
}

export function checkAnnotations(r: CheckReport): CheckAnnotation[] {
  const out: CheckAnnotation[] = [];
  for (const p of r.patches) {
    if (p.result === 'already-in') {
      out.push({
        level: 'warning',
        message: `${p.name} is already in this kernel (it reverse-applies): drop it from the series`,
        where: { file: p.patch, line: 1, title: 'already in this kernel' },
      });
    }
    for (const h of p.result === 'partly-in' ? p.inKernel : []) {
      out.push({
        level: 'warning',
        message: `${h.file}: hunk #${h.hunk} is already in this kernel`,
        where: { file: p.patch, line: h.patchLine, title: `${h.file}: hunk #${h.hunk} already in this kernel` },
      });
    }
    if (p.fatal) out.push({ level: 'error', message: `patch cannot read ${p.name}: ${p.fatal}`, where: { file: p.patch, title: 'patch does not apply' } });
    for (const f of p.failed) {
      if (f.reason) out.push({ level: 'error', message: `${f.file}: ${f.reason}`, where: { file: p.patch, title: `${f.file} does not patch` } });
      for (const h of f.hunks) {
        const title = `${f.file}: hunk #${h.hunk} FAILED${h.triedAt !== undefined ? ` at line ${h.triedAt}` : ''}`;
        out.push({ level: 'error', message: [title, ...placeLines(h.nearest)].join('\n'), where: { file: p.patch, line: h.patchLine, title } });
      }
    }
  }
  for (const v of r.config?.verdicts ?? []) {
    if (!v.from) continue;
    // Derived ones (no prompt, in a full config: the compiler decides) are for reading, not fixing.
    const level = v.derived ? 'warning' : 'error';
    out.push({ level, message: configVerdictLine(v), where: { ...v.from, title: `${v.option} ${v.derived ? 'derived by kconfig' : 'did not land'}` } });
  }
  return out;
}

// The check report as a terminal table: one row per patch (number, name, result,
// detail), each failed hunk under its patch, then every option that did not land.
import { configGroups, configVerdictLine, failedHunkLines, leftOutLine, RESULT_TEXT, summaryLine, verdictDetail } from './describe.ts';
import type { CheckReport } from './report.ts';

export function renderTerminal(r: CheckReport): string {
  const out = [summaryLine(r)];
  if (r.patches.length > 0) {
    const nameWidth = Math.max(5, ...r.patches.map((p) => p.name.length));
    const resultWidth = Math.max(6, ...r.patches.map((p) => RESULT_TEXT[p.result].length));
    const row = (n: string, name: string, result: string, detail: string): string =>
      `${n.padStart(3)}  ${name.padEnd(nameWidth)}  ${result.padEnd(resultWidth)}  ${detail}`.trimEnd();
    out.push('', row('#', 'patch', 'result', 'detail'));
    for (const p of r.patches) {
      out.push(row(String(p.index), p.name, RESULT_TEXT[p.result], verdictDetail(p)));
      if (p.result === 'fails' || p.result === 'partly-in') out.push(...failedHunkLines(p).map((l) => `       ${l}`));
    }
    const left = leftOutLine(r);
    if (left) out.push('', left);
  }
  for (const g of r.config ? configGroups(r.config) : []) {
    out.push('', `config options ${g.title}:`);
    for (const v of g.verdicts) out.push(`  ${configVerdictLine(v)}`);
  }
  return out.join('\n');
}

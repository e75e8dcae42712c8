// The check report as markdown for the job summary: the headline, a table of
// patches (failed hunks inside their row), and a table of options that did not land.
import { configGroups, failedHunkLines, leftOutLine, RESULT_TEXT, summaryLine, verdictDetail } from './describe.ts';
import type { CheckReport } from './report.ts';

/** Text safe inside a table cell: no pipes, no markup, no line breaks. */
function cell(text: string): string {
  return text.replace(/[\\`*_<>&|[\]]/g, (c) => (c === '|' ? '\\|' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`)).replace(/\n/g, ' ');
}

export function renderMarkdown(r: CheckReport): string {
  const out = [`### ${cell(summaryLine(r))}`, ''];
  if (r.patches.length > 0) {
    out.push('| # | patch | result | detail |', '| ---: | --- | --- | --- |');
    for (const p of r.patches) {
      const hunks = p.result === 'fails' || p.result === 'partly-in' ? failedHunkLines(p).map(cell) : [];
      const detail = [cell(verdictDetail(p)), ...hunks].join('<br>');
      const result = p.result === 'applies' || p.result === 'offset' ? RESULT_TEXT[p.result] : `**${RESULT_TEXT[p.result]}**`;
      out.push(`| ${p.index} | \`${p.name.replace(/`/g, '')}\` | ${result} | ${detail} |`);
    }
    const left = leftOutLine(r);
    if (left) out.push('', cell(left));
    out.push('');
  }
  for (const g of r.config ? configGroups(r.config) : []) {
    out.push(`**Config options ${cell(g.title)}**`, '', '| option | asked | got | asked at | why |', '| --- | --- | --- | --- | --- |');
    for (const v of g.verdicts) {
      const at = v.from ? `${v.from.file}${v.from.line ? `:${v.from.line}` : ''}` : '';
      out.push(`| \`${v.option}\` | ${cell(v.requested)} | ${cell(v.actual)} | ${cell(at)} | ${cell(v.cause)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

// measurements.json as people read it: text for a terminal (one block per
// launch, the digests on their own lines, as libkrunfw's reference tool prints
// them), and a table for a job summary or release notes.
import type { Measurements } from './measurements.ts';

const vcpuText = (n: number): string => `${n} vCPU${n === 1 ? '' : 's'}`;

export function renderText(m: Measurements): string {
  const lines = [`${m.library.file} (sha256 ${m.library.sha256})`];
  for (const r of m.measurements) {
    lines.push('', `${vcpuText(r.vcpus)}, ${r.memoryMiB} MiB`, `  SEV:    ${r.sev}`, `  SEV-ES: ${r.sevEs}`, `  SNP:    ${r.snp}`);
  }
  for (const w of m.warnings) lines.push('', `warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

export const TABLE_HEADER = ['vCPUs', 'memory (MiB)', 'SEV (SHA-256)', 'SEV-ES (SHA-256)', 'SNP (SHA-384)'] as const;

/** The rows under TABLE_HEADER, digests as <code>, for @actions/core's summary.addTable. */
export function tableRows(m: Measurements): string[][] {
  return m.measurements.map((r) => [String(r.vcpus), String(r.memoryMiB), `<code>${r.sev}</code>`, `<code>${r.sevEs}</code>`, `<code>${r.snp}</code>`]);
}

/** A GitHub-flavoured markdown table (release notes, a summary written as text). */
export function renderMarkdown(m: Measurements): string {
  const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const lines = [
    row(TABLE_HEADER),
    row(TABLE_HEADER.map(() => '---')),
    ...m.measurements.map((r) => row([String(r.vcpus), String(r.memoryMiB), `\`${r.sev}\``, `\`${r.sevEs}\``, `\`${r.snp}\``])),
  ];
  for (const w of m.warnings) lines.push('', `> ${w}`);
  return `${lines.join('\n')}\n`;
}

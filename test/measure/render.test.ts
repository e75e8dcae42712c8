// The renderings people read: terminal text, the summary table, markdown.
import { expect, it } from 'vitest';
import type { Measurements } from '../../src/measure/measurements.ts';
import { renderMarkdown, renderText, TABLE_HEADER, tableRows } from '../../src/measure/render.ts';

const m: Measurements = {
  format: 1,
  library: { file: 'libkrunfw-sev.so.5.4.0', sha256: 'ab'.repeat(32) },
  guest: {
    qboot: { address: '0xffff0000', size: 65536, sha256: '01'.repeat(32) },
    kernel: { address: '0x1000000', size: 4259840, sha256: '02'.repeat(32) },
    initrd: { address: '0xa00000', size: 65536, sha256: '03'.repeat(32) },
  },
  measurements: [
    { vcpus: 1, memoryMiB: 2048, sev: 'a1'.repeat(32), sevEs: 'b1'.repeat(32), snp: 'c1'.repeat(48) },
    { vcpus: 16, memoryMiB: 4096, sev: 'a2'.repeat(32), sevEs: 'b2'.repeat(32), snp: 'c2'.repeat(48) },
  ],
  warnings: ['measured 16 vCPUs, but the kernel is configured for at most 8 (CONFIG_NR_CPUS): …'],
};

it('text: the library, then one block per launch with the digests on their own lines, then the warnings', () => {
  expect(renderText(m)).toBe(
    [
      `libkrunfw-sev.so.5.4.0 (sha256 ${'ab'.repeat(32)})`,
      '',
      '1 vCPU, 2048 MiB',
      `  SEV:    ${'a1'.repeat(32)}`,
      `  SEV-ES: ${'b1'.repeat(32)}`,
      `  SNP:    ${'c1'.repeat(48)}`,
      '',
      '16 vCPUs, 4096 MiB',
      `  SEV:    ${'a2'.repeat(32)}`,
      `  SEV-ES: ${'b2'.repeat(32)}`,
      `  SNP:    ${'c2'.repeat(48)}`,
      '',
      `warning: ${m.warnings[0]}`,
      '',
    ].join('\n'),
  );
});

it('summary table: a row per launch under the header, digests as code', () => {
  expect(TABLE_HEADER).toEqual(['vCPUs', 'memory (MiB)', 'SEV (SHA-256)', 'SEV-ES (SHA-256)', 'SNP (SHA-384)']);
  expect(tableRows(m)).toEqual([
    ['1', '2048', `<code>${'a1'.repeat(32)}</code>`, `<code>${'b1'.repeat(32)}</code>`, `<code>${'c1'.repeat(48)}</code>`],
    ['16', '4096', `<code>${'a2'.repeat(32)}</code>`, `<code>${'b2'.repeat(32)}</code>`, `<code>${'c2'.repeat(48)}</code>`],
  ]);
});

it('markdown: a GitHub table, then the warnings quoted', () => {
  const lines = renderMarkdown(m).trimEnd().split('\n');
  expect(lines[0]).toBe('| vCPUs | memory (MiB) | SEV (SHA-256) | SEV-ES (SHA-256) | SNP (SHA-384) |');
  expect(lines[1]).toBe('| --- | --- | --- | --- | --- |');
  expect(lines[2]).toBe(`| 1 | 2048 | \`${'a1'.repeat(32)}\` | \`${'b1'.repeat(32)}\` | \`${'c1'.repeat(48)}\` |`);
  expect(lines.slice(4)).toEqual(['', `> ${m.warnings[0]}`]);
});

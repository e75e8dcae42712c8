// Check mode end to end on Debian's real 6.12 tree: a series that renames a
// Kconfig option and one that would add an option but fails, a config asking for
// options that are lost, gone, renamed or added by that patch; then the report as
// JSON, terminal table, job summary and annotations.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkAnnotations, renderTerminal, runCheck, writeCheckReport, type CheckReport } from '../../src/check/index.ts';
import type { CheckResult } from '../../src/result.ts';
import { renderSummary } from '../../src/summary.ts';
import { parseSummary } from '../support/job-summary.ts';
import { readKconfig } from '../../src/kconfig/index.ts';
import { hunkHeaders } from '../../src/pipeline/stages/patch.ts';
import { stageContext } from '../support/context.ts';
import { extractKernelWithTar, SMALL_CONFIG } from '../support/kernel-source.ts';
import { tempDir } from '../support/tmp.ts';
import { diffOf, withLines, writePatch } from './helpers.ts';

const root = tempDir('config-check');
let tree: string;
let report: CheckReport;
let frag: string;
let rename: string;
let adds: string;
const KCONFIG = 'drivers/virtio/Kconfig';
const lineOf = (file: string, re: RegExp): number =>
  readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => re.test(l)) + 1;

beforeAll(async () => {
  tree = extractKernelWithTar(root);
  const previous = readKconfig(tree, { srcArch: 'x86', arch: 'x86_64' });
  const kconfigText = readFileSync(path.join(tree, KCONFIG), 'utf8');
  const at = lineOf(path.join(tree, KCONFIG), /^config VIRTIO_MMIO_CMDLINE_DEVICES$/);
  // 0001 renames an option, prompt kept; it applies.
  rename = writePatch(path.join(root, 'series', '0001-rename.patch'), 'rename', [
    diffOf(tree, KCONFIG, withLines(kconfigText, { [at]: 'config VIRTIO_MMIO_CMDLINE_DEVS' }), path.join(root, 'd1')),
  ]);
  // 0002 adds an option and changes a driver the kernel has since changed: it fails.
  const input = 'drivers/virtio/virtio_input.c';
  const inputText = readFileSync(path.join(tree, input), 'utf8');
  const endif = lineOf(path.join(tree, KCONFIG), /^endif # VIRTIO_MENU/);
  adds = writePatch(path.join(root, 'series', '0002-adds-option.patch'), 'adds an option', [
    diffOf(
      tree,
      KCONFIG,
      withLines(kconfigText, { [endif]: 'config CHECK_TEST_FEATURE\n\tbool "A feature of the test"\n\tdepends on VIRTIO_INPUT\n\nendif # VIRTIO_MENU' }),
      path.join(root, 'd2'),
    ),
    diffOf(tree, input, withLines(inputText, { 100: `${inputText.split('\n')[99]} /* feature */` }), path.join(root, 'd3')),
  ]);
  // The tree is a hard-linked copy of a shared one: replace the file, never write into it.
  rmSync(path.join(tree, input));
  writeFileSync(path.join(tree, input), withLines(inputText, { 99: '\t/* changed upstream */' }));

  frag = path.join(root, 'asks.config');
  writeFileSync(
    frag,
    ['# options that do not land', 'CONFIG_CMDLINE="console=hvc0"', 'CONFIG_VIRTIO_BLOK=y', 'CONFIG_CHECK_TEST_FEATURE=y', 'CONFIG_BINFMT_ELF=y', ''].join(
      '\n',
    ),
  );
  report = await runCheck(
    { tree, arch: 'x86_64', patches: [rename, adds], config: { mode: 'fragments', files: [SMALL_CONFIG, frag] }, previous },
    stageContext(path.join(root, 'work')),
  );
}, 900_000);

describe('check mode', () => {
  it('tries every patch and leaves the ones that apply applied', () => {
    expect(report.patches.map((p) => [p.name, p.result])).toEqual([
      ['0001-rename.patch', 'applies'],
      ['0002-adds-option.patch', 'fails'],
    ]);
    expect(readFileSync(path.join(tree, KCONFIG), 'utf8')).toContain('config VIRTIO_MMIO_CMDLINE_DEVS\n');
    expect(report.counts).toMatchObject({ applies: 1, fails: 1, offset: 0, 'already-in': 0, 'partly-in': 0 });
    expect(report.passed).toBe(false);
    expect(report.kernel.version).toMatch(/^6\.12\.\d+$/);
  });

  it('reports every option asked for that did not land, with what it became and why', () => {
    const c = report.config!;
    const by = (o: string) => c.verdicts.find((v) => v.option === o)!;
    expect(c.verdicts.map((v) => v.option).sort()).toEqual([
      'CONFIG_CHECK_TEST_FEATURE',
      'CONFIG_CMDLINE',
      'CONFIG_VIRTIO_BLOK',
      'CONFIG_VIRTIO_MMIO_CMDLINE_DEVICES',
    ]);
    expect(c.kept).toBe(c.requested - 4);
    expect(by('CONFIG_CMDLINE')).toMatchObject({ status: 'lost', derived: false, actual: 'absent', from: { file: frag, line: 2 } });
    expect(by('CONFIG_CMDLINE').cause).toMatch(/^depends on CMDLINE_BOOL \(arch\/x86\/Kconfig:\d+\), and CONFIG_CMDLINE_BOOL is n \(not asked for\)$/);
    expect(by('CONFIG_VIRTIO_BLOK')).toMatchObject({ status: 'vanished', cause: 'no longer exists in this kernel', renames: [] });
  });

  it('names the patch that would add a vanished option, and that it did not apply', () => {
    const v = report.config!.verdicts.find((x) => x.option === 'CONFIG_CHECK_TEST_FEATURE')!;
    expect(v).toMatchObject({ status: 'vanished', addedBy: { patch: adds, name: '0002-adds-option.patch', file: KCONFIG } });
    expect(v.cause).toBe(`0002-adds-option.patch adds it (${KCONFIG}), and that patch did not apply`);
  });

  it('suggests the symbol with the same prompt under the same directory as a rename', () => {
    const v = report.config!.verdicts.find((x) => x.option === 'CONFIG_VIRTIO_MMIO_CMDLINE_DEVICES')!;
    expect(v.status).toBe('vanished');
    const line = lineOf(path.join(tree, KCONFIG), /^config VIRTIO_MMIO_CMDLINE_DEVS$/);
    expect(v.renames).toEqual([
      {
        option: 'CONFIG_VIRTIO_MMIO_CMDLINE_DEVS',
        at: { file: KCONFIG, line },
        prompt: 'Memory mapped virtio devices parameter parsing',
        basis: `0001-rename.patch removes it from ${KCONFIG}`,
      },
    ]);
    expect(v.cause).toContain(`renamed? CONFIG_VIRTIO_MMIO_CMDLINE_DEVS (${KCONFIG}:${line}) has the same prompt`);
  });

  it('writes check-report.json that reads back as the report', () => {
    const file = writeCheckReport(report, path.join(root, 'out'));
    expect(path.basename(file)).toBe('check-report.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('renders a table a person reads in seconds, on the terminal and in the job summary', () => {
    const file = writeCheckReport(report, path.join(root, 'out-render'));
    const text = renderTerminal(report);
    expect(text.split('\n')[0]).toMatch(
      /^check FAILED on Linux 6\.12\.\d+ x86_64: 2 patches: 1 applies, 1 FAILS; config: \d+ options asked for, \d+ landed, 1 lost, 3 no longer in this kernel$/,
    );
    expect(text).toMatch(/^ {2}1 {2}0001-rename\.patch +applies +cleanly$/m);
    expect(text).toMatch(/^ {2}2 {2}0002-adds-option\.patch +FAILS +drivers\/virtio\/virtio_input\.c: 1 hunk \(#1\)$/m);
    expect(text).toContain('drivers/virtio/virtio_input.c: hunk #1 FAILED at line 97 of drivers/virtio/virtio_input.c');
    expect(text).toContain('found (line 99): /* changed upstream */');
    expect(text).toContain('config options no longer in this kernel:');
    // The job summary: the same verdicts, as HTML tables that parse strictly.
    const result: CheckResult = {
      kind: 'check',
      arch: 'x86_64',
      variant: 'generic',
      passed: report.passed,
      reportFile: file,
      report,
      stages: [],
      caches: [],
      pendingSaves: [],
      workDir: root,
    };
    const summary = parseSummary(renderSummary({ check: result }));
    expect(summary.tables[0]!.rows[1]!.slice(0, 3)).toEqual(['2', '0002-adds-option.patch', 'FAILS']);
    expect(summary.tables[0]!.rows[1]![3]).toMatch(/^drivers\/virtio\/virtio_input\.c: 1 hunk \(#1\)/);
    expect(summary.tables.some((t) => t.rows.some((r) => r[0] === 'CONFIG_CMDLINE' && r[1] === '"console=hvc0"' && r[2] === 'absent'))).toBe(true);
  });

  it('puts annotations on the failed hunk in the patch file and on the config line that asked', () => {
    const notes = checkAnnotations(report);
    const hunk = hunkHeaders(readFileSync(adds, 'utf8')).find((h) => h.file === 'drivers/virtio/virtio_input.c')!;
    expect(notes).toContainEqual(
      expect.objectContaining({ level: 'error', where: { file: adds, line: hunk.line, title: 'drivers/virtio/virtio_input.c: hunk #1 FAILED at line 97' } }),
    );
    expect(notes).toContainEqual(expect.objectContaining({ level: 'error', where: { file: frag, line: 2, title: 'CONFIG_CMDLINE did not land' } }));
  });
});

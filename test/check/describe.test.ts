// The check's config groups and its verdict come from one decision (isDerived,
// via each verdict's `derived`): what is listed as derived never fails the
// check, and everything else that did not land does.
import { describe, expect, it } from 'vitest';
import type { ConfigCheck, ConfigVerdict } from '../../src/check/config-check.ts';
import { configGroups } from '../../src/check/describe.ts';
import { buildReport } from '../../src/check/report.ts';

const verdict = (option: string, v: Partial<ConfigVerdict>): ConfigVerdict => ({
  option,
  requested: 'y',
  actual: 'n',
  status: 'lost',
  derived: false,
  cause: 'because',
  why: { text: 'because' } as ConfigVerdict['why'],
  dependsOn: [],
  renames: [],
  ...v,
});

const check = (verdicts: ConfigVerdict[]): ConfigCheck => ({
  mode: 'fragments',
  files: [],
  dotConfig: '.config',
  requested: 3,
  kept: 3 - verdicts.length,
  verdicts,
});
const report = (c: ConfigCheck) => buildReport({ tree: 't', arch: 'x86_64', patches: [], config: c, timings: { patchesMs: 0 } });

describe('config groups and the check verdict agree', () => {
  it('an option kconfig derives in a full config is listed as derived, and the check passes', () => {
    const c = check([verdict('CONFIG_GCC_VERSION', { derived: true, requested: '120200', actual: '140200' })]);
    expect(configGroups(c).map((g) => [g.title.split(' (')[0], g.verdicts.map((v) => v.option)])).toEqual([['derived by kconfig', ['CONFIG_GCC_VERSION']]]);
    expect(report(c).passed).toBe(true);
  });

  it('a lost option that is not derived is listed as lost, and fails the check', () => {
    // A fragment's line for an option without a prompt: it must land, so it is lost, not derived.
    const c = check([verdict('CONFIG_NO_PROMPT', {}), verdict('CONFIG_GONE', { status: 'vanished' })]);
    expect(configGroups(c).map((g) => [g.title, g.verdicts.map((v) => v.option)])).toEqual([
      ['lost', ['CONFIG_NO_PROMPT']],
      ['no longer in this kernel', ['CONFIG_GONE']],
    ]);
    expect(report(c).passed).toBe(false);
  });
});

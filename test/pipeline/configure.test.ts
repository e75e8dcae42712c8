// The configure stage on Debian's real 6.12 tree: kconfig itself decides what lands.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LostConfigOptionsError } from '../../src/errors.ts';
import { configureStage, parseConfig } from '../../src/pipeline/stages/configure.ts';
import { RECIPE } from '../../src/recipe.ts';
import { targetTools } from '../../src/target.ts';
import { extractKernelWithTar, FIXTURES, SMALL_CONFIG } from '../support/kernel-source.ts';
import { stageContext } from '../support/context.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('configure');
let tree: string;

beforeAll(() => {
  tree = extractKernelWithTar(root);
}, 300_000);

describe('configure stage', () => {
  it('merges fragments onto allnoconfig and keeps every option asked for', async () => {
    const out = await configureStage.run({ tree, arch: 'x86_64', config: { mode: 'fragments', files: [SMALL_CONFIG] } }, stageContext(path.join(root, 'w1')));
    const final = parseConfig(readFileSync(out.dotConfig, 'utf8'));
    expect(final.get('CONFIG_PVH')?.value).toBe('y');
    expect(final.get('CONFIG_VIRTIO_BLK')?.value).toBe('y');
    // allnoconfig underneath: what the fragment does not ask for stays off.
    expect(final.get('CONFIG_MODULES')?.value ?? 'n').toBe('n');
    expect(out.requested.size).toBe(parseConfig(readFileSync(SMALL_CONFIG, 'utf8')).size);
  }, 600_000);

  it('lists each lost option with what it became, where it was asked for, and what it depends on', async () => {
    const lost = path.join(FIXTURES, 'kernel-config', 'lost-option.config');
    const err = await configureStage
      .run({ tree, arch: 'x86_64', config: { mode: 'fragments', files: [lost] } }, stageContext(path.join(root, 'w2')))
      .catch((e) => e);
    expect(err).toBeInstanceOf(LostConfigOptionsError);
    const e = err as LostConfigOptionsError;
    const blk = e.lost.find((o) => o.option === 'CONFIG_VIRTIO_BLK');
    expect(blk).toMatchObject({ requested: 'y', from: { file: lost } });
    expect(blk!.from!.line).toBe(
      readFileSync(lost, 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('CONFIG_VIRTIO_BLK=')) + 1,
    );
    expect(blk!.dependsOn!.join(' ')).toMatch(/BLK_DEV|VIRTIO/);
    expect(e.message).toMatch(/CONFIG_VIRTIO_BLK: asked y, got/);
    expect(e.locations[0]).toMatchObject({ file: lost, line: blk!.from!.line });
  }, 600_000);

  it('reports an option this kernel does not have at all', async () => {
    const frag = path.join(root, 'unknown.config');
    writeFileSync(frag, '# a typo\nCONFIG_VIRTIO_BLOK=y\n');
    const err = (await configureStage
      .run({ tree, arch: 'x86_64', config: { mode: 'fragments', files: [SMALL_CONFIG, frag] } }, stageContext(path.join(root, 'w3')))
      .catch((e) => e)) as LostConfigOptionsError;
    expect(err).toBeInstanceOf(LostConfigOptionsError);
    expect(err.lost).toHaveLength(1);
    expect(err.lost[0]).toMatchObject({ option: 'CONFIG_VIRTIO_BLOK', from: { file: frag, line: 2 } });
    expect(err.message).toMatch(/no such option/);
  }, 600_000);

  it('takes a full config as it is and checks it after olddefconfig', async () => {
    // A full config made by kconfig itself from the small fragment.
    await configureStage.run({ tree, arch: 'x86_64', config: { mode: 'fragments', files: [SMALL_CONFIG] } }, stageContext(path.join(root, 'w4')));
    const full = path.join(root, 'full.config');
    copyFileSync(path.join(tree, '.config'), full);
    const out = await configureStage.run({ tree, arch: 'x86_64', config: { mode: 'full', files: [full] } }, stageContext(path.join(root, 'w5')));
    expect(out.requested.size).toBeGreaterThan(50);
    expect(readFileSync(out.dotConfig, 'utf8')).toBe(readFileSync(full, 'utf8'));
  }, 600_000);

  it('lets a full config written by another compiler through, but not a fragment asking for what only kconfig sets', async () => {
    // The compiler's own options have no prompt: a full config from another gcc differs there, whatever it asks.
    const other = path.join(root, 'other-gcc.config');
    const text = readFileSync(path.join(root, 'full.config'), 'utf8');
    writeFileSync(
      other,
      text
        .replace(/^CONFIG_GCC_VERSION=\d+$/m, 'CONFIG_GCC_VERSION=990100')
        .replace(/^CONFIG_CC_VERSION_TEXT=.*$/m, 'CONFIG_CC_VERSION_TEXT="gcc (Other) 99.1.0"'),
    );
    expect(readFileSync(other, 'utf8')).toContain('CONFIG_GCC_VERSION=990100');
    const ctx = stageContext(path.join(root, 'w6'));
    await configureStage.run({ tree, arch: 'x86_64', config: { mode: 'full', files: [other] } }, ctx);
    expect(ctx.log.text()).toMatch(
      /2 option\(s\) of the full config have no prompt in this kernel and stay as kconfig derived them: CONFIG_CC_VERSION_TEXT, CONFIG_GCC_VERSION/,
    );
    // Asked for in a fragment, the same option is a choice that did not land.
    const frag = path.join(root, 'gcc.config');
    writeFileSync(frag, 'CONFIG_GCC_VERSION=990100\n');
    const err = await configureStage
      .run({ tree, arch: 'x86_64', config: { mode: 'fragments', files: [SMALL_CONFIG, frag] } }, stageContext(path.join(root, 'w7')))
      .catch((e) => e);
    expect(err).toBeInstanceOf(LostConfigOptionsError);
    expect((err as LostConfigOptionsError).lost.map((o) => o.option)).toEqual(['CONFIG_GCC_VERSION']);
  }, 600_000);

  // The project's own configs, for every target and variant it builds: kconfig keeps every option on 6.12.
  it.each([
    ['x86_64', 'generic'],
    ['x86_64', 'sev'],
    ['x86_64', 'tdx'],
    ['aarch64', 'generic'],
    ['riscv64', 'generic'],
  ] as const)(
    'the project config for %s %s keeps every option',
    async (arch, variant) => {
      const dirs = [RECIPE.configDir(arch), ...(variant === 'generic' ? [] : [RECIPE.configDir(`${arch}-${variant}`)])];
      const files = dirs.flatMap((d) =>
        readdirSync(d)
          .filter((f) => f.endsWith('.config'))
          .sort()
          .map((f) => path.join(d, f)),
      );
      expect(files.length).toBeGreaterThan(dirs.length);
      const out = await configureStage.run(
        { tree, arch, config: { mode: 'fragments', files }, crossCompile: targetTools(arch).crossCompile },
        stageContext(path.join(root, `project-${arch}-${variant}`)),
      );
      const final = parseConfig(readFileSync(out.dotConfig, 'utf8'));
      if (variant === 'sev') expect(final.get('CONFIG_AMD_MEM_ENCRYPT')?.value).toBe('y');
      if (variant === 'tdx') expect(final.get('CONFIG_INTEL_TDX_GUEST')?.value).toBe('y');
      if (variant !== 'generic') expect(final.get('CONFIG_BLK_DEV_INITRD')?.value).toBe('y');
      expect(final.get('CONFIG_VIRTIO_MMIO')?.value).toBe('y');
    },
    600_000,
  );
});

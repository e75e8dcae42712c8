// The Kconfig reader, evaluator and whyNot on Debian's real 6.12 tree, with
// .config files kconfig itself wrote: kconfig is the oracle throughout.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LostConfigOptionsError } from '../../src/errors.ts';
import { enclosingBlocks, Evaluator, readKconfig, whyNot, type Kconfig } from '../../src/kconfig/index.ts';
import { configValues, configureStage, parseConfig, requestedOptions } from '../../src/pipeline/stages/configure.ts';
import { stageContext } from '../support/context.ts';
import { extractKernelWithTar, SMALL_CONFIG } from '../support/kernel-source.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('kconfig');
let tree: string;
let kconfig: Kconfig;

/** The line number (from 1) of the first line of `file` in the tree matching `re`. */
function lineOf(file: string, re: RegExp): number {
  const i = readFileSync(path.join(tree, file), 'utf8')
    .split('\n')
    .findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`${file} has no line matching ${re}`);
  return i + 1;
}

function make(args: string[]): void {
  execFileSync('make', ['-s', '-C', tree, 'ARCH=x86_64', ...args], { env: { ...process.env, LC_ALL: 'C' }, stdio: 'pipe' });
}

function evaluatorFor(dotConfig: string): Evaluator {
  return new Evaluator(kconfig, configValues(parseConfig(readFileSync(dotConfig, 'utf8'))));
}

beforeAll(() => {
  tree = extractKernelWithTar(root);
  const t0 = performance.now();
  kconfig = readKconfig(tree, { srcArch: 'x86', arch: 'x86_64' });
  console.log(`read ${kconfig.files.length} Kconfig files, ${kconfig.symbols.size} symbols, in ${Math.round(performance.now() - t0)} ms`);
}, 600_000);

describe('reading the Kconfig', () => {
  it('follows source from the root with $(SRCARCH), reads every file once, and understands every line', () => {
    expect(kconfig.files[0]).toBe('Kconfig');
    expect(kconfig.files).toContain('arch/x86/Kconfig');
    // Another arch's own Kconfig is never read (crypto/Kconfig does source arch/arm64/crypto/Kconfig, inside 'if ARM64').
    expect(kconfig.files).not.toContain('arch/arm64/Kconfig');
    expect(kconfig.files).toContain('arch/arm64/crypto/Kconfig');
    expect(new Set(kconfig.files).size).toBe(kconfig.files.length);
    expect(kconfig.files.length).toBeGreaterThan(1000);
    expect(kconfig.problems).toEqual([]);
    expect(kconfig.modules).toBe('MODULES');
  });

  it('keeps an entry with its file, line, type, prompt, own depends on, and the blocks around it', () => {
    const mmio = kconfig.symbols.get('VIRTIO_MMIO')!;
    expect(mmio.type).toBe('tristate');
    const def = mmio.definitions[0]!;
    expect(def.at).toEqual({ file: 'drivers/virtio/Kconfig', line: lineOf('drivers/virtio/Kconfig', /^config VIRTIO_MMIO$/) });
    expect(def.prompt?.text).toBe('Platform bus driver for memory mapped virtio devices');
    expect(def.dependsOn.map((c) => c.text)).toEqual(['HAS_IOMEM && HAS_DMA']);
    const blocks = enclosingBlocks(def.block);
    expect(blocks.map((b) => [b.kind, b.at.file, b.at.line])).toEqual([
      ['menu', 'drivers/Kconfig', lineOf('drivers/Kconfig', /^menu "Device Drivers"/)],
      ['if', 'drivers/virtio/Kconfig', lineOf('drivers/virtio/Kconfig', /^if VIRTIO_MENU/)],
    ]);
    expect(kconfig.symbols.get('VIRTIO')!.selectedBy.map((r) => r.by)).toContain('VIRTIO_MMIO');
  });

  it('keeps choices with their members in menu order', () => {
    const hz = kconfig.symbols.get('HZ_100')!.choice!;
    expect(hz.prompt?.text).toBe('Timer frequency');
    expect(hz.members.slice(0, 4)).toEqual(['HZ_100', 'HZ_250', 'HZ_300', 'HZ_1000']);
    expect(hz.defaults.map((d) => d.symbol)).toContain('HZ_250');
  });
});

describe('evaluating against a .config kconfig wrote', () => {
  // kconfig writes "# CONFIG_X is not set" exactly for the visible symbols that are n, and
  // leaves out those whose prompts are hidden: every prompt's visibility over the whole tree is checked.
  it('agrees with kconfig on every prompt that is shown or hidden, on x86_64_defconfig', () => {
    make(['defconfig']);
    const values = parseConfig(readFileSync(path.join(tree, '.config'), 'utf8'));
    const ev = new Evaluator(kconfig, configValues(values));
    const disagree: string[] = [];
    let checked = 0;
    let unknown = 0;
    for (const sym of kconfig.symbols.values()) {
      if (sym.type !== 'bool' && sym.type !== 'tristate') continue;
      if (!sym.definitions.some((d) => d.prompt)) continue;
      const vis = ev.visibility(sym.name);
      if (vis === undefined) {
        unknown++;
        continue;
      }
      const line = values.get(`CONFIG_${sym.name}`);
      checked++;
      if (line?.value === 'n' && vis === 0) disagree.push(`${sym.name}: kconfig shows it (is not set), we say hidden`);
      if (line === undefined && vis > 0 && !sym.choice) disagree.push(`${sym.name}: kconfig hides it, we say visible (${vis})`);
      if ((line?.value === 'y' || line?.value === 'm') && ev.value(sym.name) !== line.value) disagree.push(`${sym.name}: value`);
    }
    console.log(`visibility checked for ${checked} prompted symbols, ${unknown} need the shell`);
    expect(checked).toBeGreaterThan(5000);
    expect(disagree).toEqual([]);
  }, 600_000);
});

describe('why an option did not land', () => {
  it('names the enclosing if and the option that turned it off, through the configure stage (issue 15.8)', async () => {
    const off = path.join(root, 'menu-off.config');
    writeFileSync(off, '# no virtio drivers menu\n# CONFIG_VIRTIO_MENU is not set\n');
    const err = (await configureStage
      .run({ tree, arch: 'x86_64', config: { mode: 'fragments', files: [SMALL_CONFIG, off] } }, stageContext(path.join(root, 'w-menu')))
      .catch((e) => e)) as LostConfigOptionsError;
    expect(err).toBeInstanceOf(LostConfigOptionsError);
    const ifLine = lineOf('drivers/virtio/Kconfig', /^if VIRTIO_MENU/);
    const mmio = err.lost.find((o) => o.option === 'CONFIG_VIRTIO_MMIO')!;
    expect(mmio.cause).toBe(`inside 'if VIRTIO_MENU' (drivers/virtio/Kconfig:${ifLine}), and CONFIG_VIRTIO_MENU is n (set by ${off}:2)`);
    expect(mmio.dependsOn).toEqual(['HAS_IOMEM && HAS_DMA']);
    expect(err.message).toContain(`CONFIG_VIRTIO_MMIO: asked y, got not set (absent) (${SMALL_CONFIG}:`);
    expect(err.message).toContain(`— inside 'if VIRTIO_MENU' (drivers/virtio/Kconfig:${ifLine})`);
    // The block driver depends on VIRTIO, which only a transport selects: the chain ends at the same line.
    const blk = err.lost.find((o) => o.option === 'CONFIG_VIRTIO_BLK')!;
    expect(blk.cause).toMatch(/^depends on VIRTIO \(drivers\/block\/Kconfig:\d+\), and CONFIG_VIRTIO is n \(not asked for, and cannot be on: it has no prompt/);
    expect(blk.cause).toContain(`CONFIG_VIRTIO_MMIO is n (asked y at ${SMALL_CONFIG}:`);
    expect(blk.cause).toContain(`CONFIG_VIRTIO_MENU is n (set by ${off}:2)`);
    const annotation = err.locations.find((l) => l.file === SMALL_CONFIG && l.title?.startsWith('CONFIG_VIRTIO_MMIO'))!;
    expect(annotation.title).toContain("inside 'if VIRTIO_MENU'");
  }, 600_000);

  describe('each kind of cause, on a config kconfig made', () => {
    let ev: Evaluator;
    let frag: string;
    let requested: ReturnType<typeof requestedOptions>;
    const why = (option: string): ReturnType<typeof whyNot> => {
      const asked = requested.get(option)!.value;
      return whyNot(ev, option, asked, ev.written(option.slice(7)) ? ev.value(option.slice(7)) : 'n', { requested });
    };

    beforeAll(async () => {
      frag = path.join(root, 'kinds.config');
      writeFileSync(
        frag,
        [
          '# CONFIG_VIRTIO is not set',
          'CONFIG_HZ_100=y',
          'CONFIG_HZ_1000=y',
          'CONFIG_VIRTIO_BLK=m',
          'CONFIG_VIRTIO_MENU=m',
          '# CONFIG_X86_PAT is not set',
          'CONFIG_CMDLINE="console=ttyS0"',
          'CONFIG_HAVE_EISA=y',
          'CONFIG_NR_CPUS=100000',
          'CONFIG_NO_SUCH_OPTION_AT_ALL=y',
          'CONFIG_HIGHMEM4G=y',
          '',
        ].join('\n'),
      );
      requested = requestedOptions([SMALL_CONFIG, frag]);
      await configureStage
        .run({ tree, arch: 'x86_64', config: { mode: 'fragments', files: [SMALL_CONFIG, frag] } }, stageContext(path.join(root, 'w-kinds')))
        .catch(() => undefined);
      ev = evaluatorFor(path.join(tree, '.config'));
    }, 600_000);

    it('a select that forces it on, naming the selector and who set that', () => {
      const w = why('CONFIG_VIRTIO');
      expect(w.got).toBe('y');
      const mmio = lineOf('drivers/virtio/Kconfig', /^config VIRTIO_MMIO$/);
      const select =
        readFileSync(path.join(tree, 'drivers/virtio/Kconfig'), 'utf8')
          .split('\n')
          .findIndex((l, i) => i >= mmio && l === '\tselect VIRTIO') + 1;
      expect(w.causes[0]).toMatchObject({ kind: 'selected', at: { file: 'drivers/virtio/Kconfig', line: select } });
      expect(w.text).toMatch(new RegExp(`^selected by CONFIG_VIRTIO_MMIO \\(drivers/virtio/Kconfig:\\d+\\), which is y \\(set by ${SMALL_CONFIG}:\\d+\\)`));
    });

    it('a choice that kept another member', () => {
      const w = why('CONFIG_HZ_100');
      expect(w.causes[0]).toMatchObject({ kind: 'chosen', at: { file: 'kernel/Kconfig.hz', line: lineOf('kernel/Kconfig.hz', /^choice/) } });
      expect(w.text).toBe(
        `choice 'Timer frequency' (kernel/Kconfig.hz:${lineOf('kernel/Kconfig.hz', /^choice/)}) has CONFIG_HZ_1000 instead (set by ${frag}:3): a choice keeps one member, the last one asked for`,
      );
    });

    it('m without modules, and m for a bool', () => {
      expect(why('CONFIG_VIRTIO_BLK')).toMatchObject({ got: 'y', causes: [{ kind: 'no-modules' }] });
      expect(why('CONFIG_VIRTIO_MENU')).toMatchObject({ got: 'y', causes: [{ kind: 'bool' }] });
    });

    it("a hidden prompt whose default applies, naming the prompt's condition", () => {
      const w = why('CONFIG_X86_PAT');
      expect(w.causes[0]!.kind).toBe('default');
      expect(w.text).toMatch(
        /^its prompt is hidden: its prompt shows only if EXPERT \(arch\/x86\/Kconfig:\d+\), and CONFIG_EXPERT is n \(not asked for\), so its default y \(arch\/x86\/Kconfig:\d+\) applies$/,
      );
    });

    it('a string whose entry depends on an option not asked for', () => {
      const w = why('CONFIG_CMDLINE');
      expect(w.causes[0]).toMatchObject({
        kind: 'depends',
        condition: 'CMDLINE_BOOL',
        responsible: [{ option: 'CONFIG_CMDLINE_BOOL', value: 'n', origin: { kind: 'not-asked' } }],
      });
    });

    it("an option without a prompt whose select's own condition fails", () => {
      const w = why('CONFIG_HAVE_EISA');
      expect(w.causes[0]!.kind).toBe('no-prompt');
      expect(w.text).toMatch(/CONFIG_X86 is y but selects it only if X86_32 \(arch\/x86\/Kconfig:\d+\), and CONFIG_X86_32 is n/);
    });

    it('an int whose prompt is hidden gets its default', () => {
      const w = why('CONFIG_NR_CPUS');
      expect(w.causes[0]!.kind).toBe('prompt-if');
      expect(w.text).toMatch(
        /^its prompt shows only if SMP && !MAXSMP \(arch\/x86\/Kconfig:\d+\), and CONFIG_SMP is n \(not asked for\), so its default NR_CPUS_DEFAULT/,
      );
    });

    it('a member of a choice whose group depends on an option that is off', () => {
      const w = why('CONFIG_HIGHMEM4G');
      const at =
        readFileSync(path.join(tree, 'arch/x86/Kconfig'), 'utf8')
          .split('\n')
          .findIndex((l, i, all) => l === '\tdepends on X86_32' && all[i - 2] === '\tprompt "High Memory Support"') + 1;
      expect(w.causes[0]).toMatchObject({ kind: 'choice', condition: 'X86_32', at: { file: 'arch/x86/Kconfig', line: at } });
      expect(w.text).toMatch(
        /^inside choice 'High Memory Support', which depends on X86_32 \(arch\/x86\/Kconfig:\d+\), and CONFIG_X86_32 is n \(not asked for, and cannot be on: depends on !64BIT/,
      );
    });

    it('an option this kernel does not have', () => {
      expect(why('CONFIG_NO_SUCH_OPTION_AT_ALL')).toMatchObject({ causes: [{ kind: 'missing', text: 'this kernel has no such option' }] });
    });
  });
});

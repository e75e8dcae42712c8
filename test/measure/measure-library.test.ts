// Measuring SEV libraries linked here by the real bundle and link stages (see
// test/support/sev-library.ts: fixed inputs, byte-identical on every run),
// loaded through dlopen by the verify stage's probe, against digests recorded
// from libkrunfw's reference tool.
//
// How the vectors were obtained: libkrunfw's utils/krunfw_measurement.c and
// utils/vmsa.h at commit e0647fa7a3932c4570fb2c0fd483b9f7a382ebdd, built outside
// this repository with its Makefile's command (gcc -o krunfw_measurement
// krunfw_measurement.c -lcrypto; Debian 12, OpenSSL 3.0) after one fix: the
// krunfw_get_kernel pointer declared with the ABI's three parameters
// (size_t *load_addr, size_t *entry_addr, size_t *size) and its three calls
// passing &(size_t){0} as entry_addr. Then, on the libraries these tests build
// (MEASURE_KEEP_LIBRARIES=DIR copies them there):
//   krunfw_measurement -c VCPUS -m MIB base.so        (and qboot-, kernel-, initrd-flipped.so)
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli } from '../../src/cli.ts';
import { ElfError, InputError } from '../../src/errors.ts';
import { launchDigests } from '../../src/measure/launch-digests.ts';
import { measureLibrary } from '../../src/measure/measure-library.ts';
import { measureStage } from '../../src/measure/measure-stage.ts';
import type { Measurements } from '../../src/measure/measurements.ts';
import { sha256 } from '../../src/util/hash.ts';
import { stageContext } from '../support/context.ts';
import { buildSevLibrary, type Part, type SevLibrary } from '../support/sev-library.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('measure');

/** krunfw_measurement's output for base.so, by "vCPUs×MiB". */
const REFERENCE: Record<string, { sev: string; sevEs: string; snp: string }> = {
  '1×2048': {
    sev: '9ebadc9348c47bbe4c8a8932dd06cc95424b739a368a281e04ccd0806ea33703',
    sevEs: 'c1a95ac8eaa2492c4613896e588fd81a74c6ca9352d602a2f1d38384a0dac798',
    snp: 'e1f2c162467761c586e16db195634012e684af166677818cf0d5f20477fd74dc51e33773532a2f6ea5f5b4421f84c64d',
  },
  '1×4096': {
    sev: 'e3bb351730a046d111e61208e22e0a2e84e57b54418a16b0cf139d2f1ecfee26',
    sevEs: '8c45cbc98983d637860d8d5b0b37bcb24d1c85dc4463dc688812b6d6378e184f',
    snp: 'abdbb295d323465db16bd6974a17ef93f835d692340907c677cf2984e32f5a41891306edbd2540f0fc705623214988d6',
  },
  '2×2048': {
    sev: '532aa9236aa8048202c99b3a0bdda9fd09e471ece9e465794977e2af0f991e24',
    sevEs: '09cb32661d24a1fab1d7bda0e05875f2d48f64d1401bfe5abadcd1b1cd195768',
    snp: 'e2c11f41e86d8ac343fd7defc46433ae2519d7702bbe2a3ba495eff5baa886365617803c2ac04c3f3986a633020f07c5',
  },
  '2×4096': {
    sev: '40589afedfd4f72d4f22524fb88b29727696e8dc45bd06b5f05529166fef6488',
    sevEs: 'ad5add90c6d4466a7e86fe7bc3611c5745661edd029fb22cddd101e9a50383b2',
    snp: '3cb2280d587ad1777f56cb16aebb207fd2e0191daa6460ef8da761f6a72b643d4295abd3d4af3250bea4b7f1cc6081fe',
  },
  '4×2048': {
    sev: '8fba5c22a540d872d9665653b880678ae153ba9be167326b75c50b66d367dba3',
    sevEs: '5352ea6823650bd24eff45be62049f9b8552f73743cf3bd48ebbe0b6aa439cbd',
    snp: '047ae52dc94b3d733c11ba6eb987d5bc048f0a2fc588a6f06ed044eed93c484e62c6689821601f8c8d535050913665c4',
  },
  '4×4096': {
    sev: '79e40a0247a93e83916f299da0000ccaffc3bc3f7b909ba5dfcd03f2d648df6d',
    sevEs: '5b15ec49d720efa8e1850b05e5853e49d090f497fd5a6cfc240a2ab3343c77f6',
    snp: '9f7030f08fdb157baf139b4d6733e79dc11bf9c9a66a4961108aa588077eb75fdb9c566c691020ac72c3e55ee7ea88af',
  },
  '8×2048': {
    sev: 'b9355f2cbbadc53ef2a2e32bf10e9effb6ba0eb53051ff5b3e38abd69134d49d',
    sevEs: '1bde095349149620c794af7dc43013e835df795667f769e3673acc9f0023ee2a',
    snp: '6669b6a48089a5a2ce3605a50f244e9a1fa906b6b55a4613f6b61e87876e2c2be988f3d03c8f12be44fd2861b69101d8',
  },
  // 3328 MiB ends exactly at the 32-bit gap (two e820 entries); 3329 MiB crosses it (three).
  '3×3328': {
    sev: 'e369dd8bf6d5fe28e216d01fa4679882caac2eb1c8789fd6aabbcf0c0b685bcf',
    sevEs: 'f498ae0bc680706f4c64e6064bcc0a9c6465b206e074985a603f84c0ba9b0a31',
    snp: 'e11d6b30314ffb1eed52e003320284b1c29f54b46743cae252071c831a68da53824b18e1781ad4e658fbb62969cece6b',
  },
  '2×3329': {
    sev: '34f9ec31c7763af1f34535fb853047f35a319376af87ba7c90db91d040e08971',
    sevEs: '898c24d4727413936368a92f472cb8264a0ea5e1b8c6dbdfff5fdf3016c06ceb',
    snp: '97a52b1e6410d8f22f12a590803ec1a481f7eaefb8a617387c2516446cb79bc9b47e58045da80b490d379a31751ebbeb',
  },
};

/** krunfw_measurement (1 vCPU, 2048 MiB) on libraries whose `part` has byte 0x1234 flipped. */
const FLIP_OFFSET = 0x1234;
const REFERENCE_FLIPPED: Record<Part, { sev: string; sevEs: string; snp: string }> = {
  qboot: {
    sev: '4abc34606f4b5c63ab61d07bd6de66c1c7eff586150d9083251a0ad127c6af10',
    sevEs: '83d1766b6f54e6e9219d1977bef81efa454a0be9ce127e7bb06c547b7b0cd79b',
    snp: '3e84c955c28ecb7eaf5cfd2e217c72555af8c032090d95b09348e04f8a69fff6dab875ba99cd1ddc2c34ad20f8a62fc7',
  },
  kernel: {
    sev: 'c173e1a52f96726859bbd004862dfdc1315d4bcc9fc8906311f6e091020a6ba2',
    sevEs: '1f6f721ef00f444b90fe143876823bf7b93c9e4debfcb0dab436940ac9c59754',
    snp: '70ee38a01d897e74b6edc98eb93de2580b64eb1ae38fe854a97eba164200d6ba064414d5e832e70570618bff7d4c4adc',
  },
  initrd: {
    sev: 'e6414092c6fc7092500a941abd237206f80f8f89a843122d3f165af20c48c4ae',
    sevEs: 'd610097976b29fb0eb56c7504966da3b1d4392b4a8ca48d4ad7b6147a85640e7',
    snp: 'd24260dbcfb9183fa0a386e08051f75befb8e9250e7f6f1713a3fc2536bca65d2849aea1c71d0cc6f3e60036fa36bea0',
  },
};

const PARTS: Part[] = ['qboot', 'kernel', 'initrd'];
let base: SevLibrary;
let flipped: Record<Part, SevLibrary>;
let generic: SevLibrary;
let qbootOnly: SevLibrary;

beforeAll(async () => {
  base = await buildSevLibrary(path.join(root, 'base'));
  flipped = {} as Record<Part, SevLibrary>;
  for (const part of PARTS) flipped[part] = await buildSevLibrary(path.join(root, `${part}-flipped`), { flip: { part, offset: FLIP_OFFSET } });
  generic = await buildSevLibrary(path.join(root, 'generic'), { blobs: [] });
  qbootOnly = await buildSevLibrary(path.join(root, 'qboot-only'), { blobs: ['qboot'] });
  const keep = process.env.MEASURE_KEEP_LIBRARIES;
  if (keep) {
    mkdirSync(keep, { recursive: true });
    copyFileSync(base.library, path.join(keep, 'base.so'));
    for (const part of PARTS) copyFileSync(flipped[part].library, path.join(keep, `${part}-flipped.so`));
  }
});

const digestsOf = (m: Measurements, vcpus: number, memoryMiB: number) => {
  const r = m.measurements.find((x) => x.vcpus === vcpus && x.memoryMiB === memoryMiB)!;
  return { sev: r.sev, sevEs: r.sevEs, snp: r.snp };
};

describe('a SEV library built here', () => {
  it('measures what libkrunfw’s reference tool measures, for each vCPU count and memory size recorded', async () => {
    const m = await measureLibrary({
      library: base.library,
      options: { vcpus: [1, 2, 3, 4, 8], memoryMiB: [2048, 3328, 3329, 4096] },
      workDir: path.join(root, 'm-base'),
    });
    expect(m.measurements).toHaveLength(20);
    for (const [key, expected] of Object.entries(REFERENCE)) {
      const [vcpus, memoryMiB] = key.split('×').map(Number) as [number, number];
      expect(digestsOf(m, vcpus, memoryMiB), key).toEqual(expected);
    }
  });

  it('records what it measured: the library, and each piece as handed out through dlopen', async () => {
    const m = await measureLibrary({ library: base.library, options: { vcpus: [1], memoryMiB: [2048] }, workDir: path.join(root, 'm-record') });
    expect(m.format).toBe(1);
    expect(m.library).toEqual({ file: 'libkrunfw-sev.so.5.4.0', sha256: sha256(readFileSync(base.library)) });
    expect(m.guest).toEqual({
      qboot: { address: '0xffff0000', size: 0x10000, sha256: sha256(base.handedOut.qboot!) },
      kernel: { address: '0x1000000', size: 0x410000, sha256: sha256(base.handedOut.kernel!) },
      initrd: { address: '0xa00000', size: 0x10000, sha256: sha256(base.handedOut.initrd!) },
    });
    expect(m.warnings).toEqual([]);
  });

  it.each(PARTS)('gives other SEV, SEV-ES and SNP digests when one byte of %s differs, as the reference tool does', async (part) => {
    const m = await measureLibrary({ library: flipped[part].library, options: { vcpus: [1], memoryMiB: [2048] }, workDir: path.join(root, `m-${part}`) });
    const got = digestsOf(m, 1, 2048);
    expect(got).toEqual(REFERENCE_FLIPPED[part]);
    const was = REFERENCE['1×2048']!;
    expect([got.sev !== was.sev, got.sevEs !== was.sevEs, got.snp !== was.snp]).toEqual([true, true, true]);
  });
});

describe('every byte handed out is measured, padding included', () => {
  it.each(PARTS)('the first, a middle and the last byte of %s each change all three digests', (part) => {
    const image = () => ({
      qboot: Buffer.from(base.handedOut.qboot!),
      kernel: Buffer.from(base.handedOut.kernel!),
      kernelLoadAddr: base.loadAddr,
      initrd: Buffer.from(base.handedOut.initrd!),
      initrdSize: base.handedOut.initrd!.length,
    });
    const configs = [{ vcpus: 2, memoryMiB: 2048 }];
    const [was] = launchDigests(image(), configs);
    const size = base.handedOut[part]!.length;
    for (const offset of [0, size >> 1, size - 1]) {
      const changed = image();
      changed[part][offset] = changed[part][offset]! ^ 0x01;
      const [now] = launchDigests(changed, configs);
      expect([now!.sev !== was!.sev, now!.sevEs !== was!.sevEs, now!.snp !== was!.snp], `${part} byte ${offset}`).toEqual([true, true, true]);
    }
  });
});

describe('libraries that cannot be measured are refused, naming the library and why', () => {
  it('a generic library: no krunfw_get_qboot or krunfw_get_initrd', async () => {
    const err = await measureLibrary({ library: generic.library, options: { vcpus: [1], memoryMiB: [2048] }, workDir: path.join(root, 'm-generic') }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(
      `${generic.library} is not a SEV library: it does not export krunfw_get_qboot or krunfw_get_initrd, which libkrun needs to launch a SEV guest`,
    );
  });

  it('a library with qboot but no initrd: names krunfw_get_initrd alone', async () => {
    const err = await measureLibrary({ library: qbootOnly.library, options: { vcpus: [1], memoryMiB: [2048] }, workDir: path.join(root, 'm-qboot') }).catch(
      (e) => e,
    );
    expect((err as Error).message).toContain('does not export krunfw_get_initrd, which');
  });

  it('a file that is not an ELF library, or not there', async () => {
    const text = path.join(root, 'not-a-library.so');
    writeFileSync(text, 'hello\n');
    const options = { vcpus: [1], memoryMiB: [2048] };
    const err = await measureLibrary({ library: text, options, workDir: path.join(root, 'm-text') }).catch((e) => e);
    expect(err).toBeInstanceOf(ElfError);
    expect((err as Error).message).toMatch(new RegExp(`^${text}: `));
    const gone = await measureLibrary({ library: path.join(root, 'nowhere.so'), options, workDir: path.join(root, 'm-gone') }).catch((e) => e);
    expect((gone as Error).message).toBe(`${path.join(root, 'nowhere.so')}: does not exist`);
  });

  it('an x86_64 shared object that is no libkrunfw: dlopen works, dlsym does not', async () => {
    const err = await measureLibrary({
      library: '/lib/x86_64-linux-gnu/libz.so.1',
      options: { vcpus: [1], memoryMiB: [2048] },
      workDir: path.join(root, 'm-libz'),
    }).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/^\/lib\/x86_64-linux-gnu\/libz\.so\.1: loading it failed: dlsym: krunfw_get_version=\(nil\)/);
  });

  it('a memory size the kernel does not fit in', async () => {
    const err = await measureLibrary({ library: base.library, options: { vcpus: [1], memoryMiB: [2048, 16] }, workDir: path.join(root, 'm-small') }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe("memory 16 MiB: the kernel of libkrunfw-sev.so.5.4.0 ends at 0x1410000, beyond the guest's RAM (0x1000000)");
  });
});

describe('the measure stage', () => {
  it('writes measurements.json and warns about vCPUs beyond the kernel’s CONFIG_NR_CPUS', async () => {
    const workDir = path.join(root, 'stage');
    const ctx = stageContext(workDir);
    const dotConfig = path.join(workDir, '.config');
    writeFileSync(dotConfig, 'CONFIG_SMP=y\nCONFIG_NR_CPUS=2\n');
    const outDir = path.join(workDir, 'out');
    const out = await measureStage.run({ library: base.library, outDir, options: { vcpus: [1, 4], memoryMiB: [2048] }, dotConfig }, ctx);
    expect(out.file).toBe(path.join(outDir, 'measurements.json'));
    expect(measureStage.produces!(out).every((f) => existsSync(f))).toBe(true);
    expect(JSON.parse(readFileSync(out.file, 'utf8'))).toEqual(out.measurements);
    expect(digestsOf(out.measurements, 4, 2048)).toEqual(REFERENCE['4×2048']);
    expect(out.measurements.warnings).toEqual([expect.stringContaining('measured 4 vCPUs, but the kernel is configured for at most 2 (CONFIG_NR_CPUS)')]);
    expect(ctx.log.lines.filter((m) => m.level === 'warning').map((m) => m.message)).toEqual(out.measurements.warnings);
    expect(ctx.log.lines.some((m) => m.message === `  SNP:    ${REFERENCE['1×2048']!.snp}`)).toBe(true);
    expect(measureStage.summary!(out)).toBe('2 launches measured (1, 4 vCPUs × 2048 MiB)');
  });

  it('measures the defaults, 1, 2, 4 and 8 vCPUs with 2048 MiB, when given no options', async () => {
    const out = await measureStage.run(
      { library: base.library, outDir: path.join(root, 'stage-defaults', 'out') },
      stageContext(path.join(root, 'stage-defaults')),
    );
    expect(out.measurements.measurements.map((m) => `${m.vcpus}×${m.memoryMiB}`)).toEqual(['1×2048', '2×2048', '4×2048', '8×2048']);
    expect(digestsOf(out.measurements, 8, 2048)).toEqual(REFERENCE['8×2048']);
  });
});

describe('libkrunfw-action measure', () => {
  let stdout: string;
  let stderr: string;
  const capture = (): void => {
    stdout = '';
    stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  };
  afterEach(() => vi.restoreAllMocks());

  it('prints measurements.json on stdout and the digests as text on stderr', async () => {
    capture();
    const status = await cli(['measure', base.library, '--vcpus', '1,2,4', '--memory', '2048', '--memory', '4096']);
    vi.restoreAllMocks();
    expect(status).toBe(0);
    const m = JSON.parse(stdout) as Measurements;
    expect(m.measurements.map((r) => `${r.vcpus}×${r.memoryMiB}`)).toEqual(['1×2048', '1×4096', '2×2048', '2×4096', '4×2048', '4×4096']);
    for (const r of m.measurements) {
      const ref = REFERENCE[`${r.vcpus}×${r.memoryMiB}`]!;
      expect({ sev: r.sev, sevEs: r.sevEs, snp: r.snp }).toEqual(ref);
      expect(stderr).toContain(
        `${r.vcpus} vCPU${r.vcpus === 1 ? '' : 's'}, ${r.memoryMiB} MiB\n  SEV:    ${ref.sev}\n  SEV-ES: ${ref.sevEs}\n  SNP:    ${ref.snp}\n`,
      );
    }
  });

  it.each([
    [['measure'], 'error: measure takes one library (see measure --help)'],
    [['measure', 'a.so', 'b.so'], 'error: measure takes one library (see measure --help)'],
    [['measure', 'LIB', '--vcpus', 'two'], "error: --vcpus: 'two' is not a whole number of vCPUs"],
    [['measure', 'LIB', '--cpus', '2'], "error: measure: Unknown option '--cpus'"],
    [['measure', 'GENERIC'], 'is not a SEV library: it does not export krunfw_get_qboot or krunfw_get_initrd'],
  ])('exits 1 on %j, saying why in one line', async (argv, message) => {
    const args = argv.map((a) => (a === 'LIB' ? base.library : a === 'GENERIC' ? generic.library : a));
    capture();
    const status = await cli(args);
    vi.restoreAllMocks();
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('--help prints its usage', async () => {
    capture();
    const status = await cli(['measure', '--help']);
    vi.restoreAllMocks();
    expect(status).toBe(0);
    expect(stdout).toContain('libkrunfw-action measure LIBRARY [--vcpus N,...] [--memory MiB,...]');
  });
});

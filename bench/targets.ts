// npm run bench -- --targets[=generic,sev,...]: every target this machine can
// build, from Debian's kernel source with the project's own config for it
// (kernel-config/<arch>[-variant|-windows]), each built, verified and booted
// from its own bytes, one row each: build time, library size, payload size,
// the boot's time to init. About an hour on 2 cores for all six.
//
// Each target gets its own empty cache dir and work dir: a row is a cold
// build, as a matrix cell meeting a new kernel sees it. SEV and TDX carry
// stand-in qboot/initrd blobs (test/support/blobs.ts): the boot test starts
// the kernel from the payload, not through the firmware.
//
// --verify-source also rebuilds each library from its source release alone
// (verify-source, no cache, another directory) and says whether the sha256 is
// the same; --small takes the tests' small configs (plus the variant's or
// host's project fragment) instead of the full ones, so that round fits in
// half an hour.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleLog, localPlatform, runRequest, type BuildResult, type RawBuildInputs } from '../src/index.ts';
import { buildInitrd, buildQboot } from '../test/support/blobs.ts';
import { table } from './table.ts';

const TARBALL = '/usr/src/linux-source-6.12.tar.xz';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SMALL = (name: string): string => path.join(ROOT, 'test', 'fixtures', 'kernel-config', `small-${name}.config`);
const FRAGMENTS = (dir: string): string => path.join(ROOT, 'kernel-config', dir);
/** The small configs: the tests' fixture, with the project's fragment where the variant or host adds one. */
const smallConfig = (...files: string[]): RawBuildInputs => ({ 'kernel-config': files, 'kernel-config-mode': 'fragments' });

/** A confidential variant: its stand-in blobs, and its project fragment on the small config. */
const tee =
  (variant: 'sev' | 'tdx') =>
  (blobs: string, small: boolean): RawBuildInputs => ({
    variant,
    qboot: buildQboot(blobs),
    initrd: buildInitrd(blobs),
    ...(small ? smallConfig(SMALL('x86_64'), FRAGMENTS(`x86_64-${variant}`)) : {}),
  });

/** Each target and what a build of it is asked, beyond the kernel source and the directories. */
const TARGETS: Record<string, (blobs: string, small: boolean) => RawBuildInputs> = {
  'x86_64 generic': (_b, small) => (small ? smallConfig(SMALL('x86_64')) : {}),
  'x86_64 sev': tee('sev'),
  'x86_64 tdx': tee('tdx'),
  'windows x86_64': (_b, small) => ({ host: 'windows', ...(small ? smallConfig(SMALL('x86_64'), FRAGMENTS('x86_64-windows'), SMALL('x86_64-windows')) : {}) }),
  'aarch64 generic': (_b, small) => ({ arch: 'aarch64', ...(small ? smallConfig(SMALL('aarch64')) : {}) }),
  'riscv64 generic': (_b, small) => ({ arch: 'riscv64', ...(small ? smallConfig(SMALL('riscv64')) : {}) }),
};

/** The short names `--targets=` takes: generic, sev, tdx, windows, aarch64, riscv64. */
const SHORT: Record<string, string> = {
  generic: 'x86_64 generic',
  sev: 'x86_64 sev',
  tdx: 'x86_64 tdx',
  windows: 'windows x86_64',
  aarch64: 'aarch64 generic',
  riscv64: 'riscv64 generic',
};

function chosen(argv: string[]): string[] {
  const arg = argv.find((a) => a.startsWith('--targets='));
  if (!arg) return Object.keys(TARGETS);
  return arg
    .slice('--targets='.length)
    .split(',')
    .map((s) => {
      const name = SHORT[s.trim()];
      if (!name) throw new Error(`--targets: no target ${JSON.stringify(s)} (one of ${Object.keys(SHORT).join(', ')})`);
      return name;
    });
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function stageSecs(r: BuildResult, name: string): number {
  return (r.stages.find((s) => s.name === name)?.durationMs ?? 0) / 1000;
}

/** The row of one target's build: what it cost and what it made (and, asked, whether verify-source rebuilt it). */
function row(target: string, r: BuildResult, wall: number, rebuilt?: string): string[] {
  const bundle = r.stages.find((s) => s.name === 'bundle')?.summary ?? '';
  const payload = Number(/, (\d+) bytes/.exec(bundle)?.[1] ?? NaN);
  const boot = r.stages.find((s) => s.name === 'boot');
  const bootCell =
    boot?.status === 'passed'
      ? `${(boot.durationMs / 1000).toFixed(1)} s (${/\(([^)]*)\)/.exec(boot.summary ?? '')?.[1] ?? ''})`
      : `not booted: ${boot?.summary ?? '-'}`;
  return [
    target,
    `${wall.toFixed(0)} s`,
    `${stageSecs(r, 'compile').toFixed(0)} s`,
    `${path.basename(r.library)} ${mib(statSync(r.library).size)}`,
    Number.isNaN(payload) ? '?' : mib(payload),
    bootCell,
    r.sha256.slice(0, 16),
    ...(rebuilt === undefined ? [] : [rebuilt]),
  ];
}

/** verify-source on the build's source release, from another directory with no cache: its verdict in a cell. */
async function rebuild(r: BuildResult, dir: string, platform: ReturnType<typeof localPlatform>): Promise<string> {
  const started = performance.now();
  const again = await runRequest({ 'verify-source': r.sourceRelease!.tarball, 'work-dir': path.join(dir, 'verify') }, platform, dir);
  const secs = ((performance.now() - started) / 1000).toFixed(0);
  if (again.kind !== 'library') throw new Error('verify-source made no library');
  return again.sha256 === r.sha256 ? `same sha256 (${secs} s)` : `DIFFERENT: ${again.sha256.slice(0, 16)}`;
}

export async function benchTargets(argv: string[]): Promise<void> {
  const names = chosen(argv);
  const small = argv.includes('--small');
  const verify = argv.includes('--verify-source');
  const platform = localPlatform({ log: { ...consoleLog(), info: () => {}, group: (_t, fn) => fn() } });
  const rows = [['target', 'build (wall)', 'compile', 'library', 'payload', 'boot to init', 'sha256', ...(verify ? ['verify-source'] : [])]];
  let failed = 0;
  for (const name of names) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'libkrunfw-bench-target-'));
    try {
      process.stderr.write(`bench: ${name}, cold, ${small ? 'the small config' : "the project's config"}…\n`);
      const started = performance.now();
      const run = await runRequest(
        {
          'kernel-source': TARBALL,
          'out-dir': path.join(dir, 'out'),
          'work-dir': path.join(dir, 'work'),
          'cache-dir': path.join(dir, 'cache'),
          ...TARGETS[name]!(path.join(dir, 'blobs'), small),
        },
        platform,
      );
      if (run.kind !== 'library') throw new Error(`${name}: the run made no library`);
      const wall = (performance.now() - started) / 1000;
      const rebuilt = verify ? await rebuild(run, dir, platform) : undefined;
      if (rebuilt?.startsWith('DIFFERENT')) failed++;
      rows.push(row(name, run, wall, rebuilt));
      process.stderr.write(`bench: ${name}: ${rows.at(-1)!.join(' | ')}\n`);
    } catch (e) {
      failed++;
      rows.push([name, 'FAILED', '-', '-', '-', '-', (e as Error).message.split('\n')[0]!.slice(0, 120), ...(verify ? ['-'] : [])]);
      process.stderr.write(`bench: ${name} FAILED: ${(e as Error).message}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  process.stdout.write(
    `\nlibkrunfw-action targets: ${os.cpus().length} CPUs (load average at the end ${load}), Debian's ${path.basename(TARBALL)}, ${small ? 'SMALL test configs' : "the project's configs"}, cold caches\n\n${table(rows)}\n`,
  );
  if (failed) process.exitCode = 1;
}

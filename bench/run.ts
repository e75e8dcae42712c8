// npm run bench: prints tables, on this machine, in one run (about 20 minutes on 2 cores).
//  1. Caching, end to end with the project's recipe config on Debian's kernel
//     source and a one-patch series: a cold build; a re-run with nothing changed;
//     a re-run after the patch changes one .c file; and a cold build of those
//     changed inputs without any cache, whose library must have the same sha256.
//     Each stage's share of the cold build's wall time.
//  2. On the cold build's real vmlinux: bundle+link our way (.incbin) against the
//     usual way (a C string literal through gcc), each in its own process: wall
//     time and peak memory (GNU time's maximum resident set, children included).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildResult } from '../src/result.ts';
import { consoleLog, localPlatform } from '../src/platform/local/index.ts';
import type { RawBuildInputs } from '../src/request/inputs.ts';
import { libraryResult } from '../src/result.ts';
import { runRequest } from '../src/run.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARBALL = '/usr/src/linux-source-6.12.tar.xz';
const PATCH = path.join(root, 'test', 'fixtures', 'patches', 'linux-6.12', '0001-init-mark-proc-version.patch');

interface Measured {
  seconds: number;
  maxRssMiB: number;
}

/** Run a command under GNU time; return its wall time and peak RSS. */
function underTime(args: string[]): Measured {
  const stderrFile = path.join(os.tmpdir(), `bench-time-${process.pid}.txt`);
  execFileSync('sh', ['-c', '"$@" 2>"$0"', stderrFile, '/usr/bin/time', '-f', 'BENCH %e %M', ...args], { stdio: 'ignore' });
  const line = readFileSync(stderrFile, 'utf8').split('\n').filter((l) => l.startsWith('BENCH ')).pop()!;
  rmSync(stderrFile, { force: true });
  const [, secs, kib] = line.split(' ');
  return { seconds: Number(secs), maxRssMiB: Number(kib) / 1024 };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

const quiet = localPlatform({ log: { ...consoleLog(), info: () => {}, group: (_t, fn) => fn() } });

/**
 * Each run starts as on a fresh runner: no work directory left by the run
 * before, and no dirty pages of it still being written back (sync), both
 * outside the timing. The caches, the point of the exercise, stay.
 */
async function timedRun(what: string, inputs: RawBuildInputs): Promise<{ result: BuildResult; seconds: number }> {
  rmSync(inputs['work-dir'] as string, { recursive: true, force: true });
  execFileSync('sync');
  process.stderr.write(`bench: ${what}…\n`);
  const started = performance.now();
  const result = libraryResult(await runRequest(inputs, quiet));
  return { result, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  if (!existsSync(TARBALL)) throw new Error(`${TARBALL} is missing: run bash scripts/setup.sh`);
  if (!existsSync('/usr/bin/time')) throw new Error('/usr/bin/time is missing: apt-get install time');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'libkrunfw-bench-'));
  try {
    const patches = path.join(dir, 'patches');
    mkdirSync(patches);
    copyFileSync(PATCH, path.join(patches, path.basename(PATCH)));
    const inputs = (extra: RawBuildInputs = {}): RawBuildInputs => ({
      'kernel-source': TARBALL,
      patches,
      'out-dir': path.join(dir, 'out'),
      'work-dir': path.join(dir, 'work'),
      'cache-dir': path.join(dir, 'cache'),
      ...extra,
    });

    // The door cleans up after each run as the CLI does, so the cold build's tree goes to the tree cache.
    const cold = await timedRun('cold build of the recipe config (about 8 minutes)', inputs());
    const unchanged = await timedRun('re-run, nothing changed', inputs());
    const patchFile = path.join(patches, path.basename(PATCH));
    writeFileSync(patchFile, readFileSync(patchFile, 'utf8').replace('test series]', 'test series, v2]'));
    // The last cached run keeps its work dir: its vmlinux is the bundle benchmark's input.
    const onePatch = await timedRun('re-run after a one-patch change to init/version.c', inputs({ 'keep-work-dir': true }));
    const vmlinux = path.join(dir, 'vmlinux');
    copyFileSync(path.join(dir, 'work', 'src', 'linux-source-6.12', 'vmlinux'), vmlinux);
    const reference = await timedRun('cold build of the changed inputs, no cache', inputs({ 'cache-source': 'false', 'cache-compiler': 'false', 'cache-output': 'false', 'cache-tree': 'false', 'cache-dir': path.join(dir, 'unused') }));

    const ccache = onePatch.result.caches.find((c) => c.level === 'compiler')?.detail ?? '';
    const caching = [
      ['run', 'wall time', 'of cold', 'cache levels', 'library sha256'],
      ['cold build', `${cold.seconds.toFixed(1)} s`, '100%', cold.result.caches.map((c) => `${c.level} ${c.state}`).join(', '), cold.result.sha256.slice(0, 16)],
      ['nothing changed', `${unchanged.seconds.toFixed(1)} s`, `${((unchanged.seconds / cold.seconds) * 100).toFixed(1)}%`, unchanged.result.caches.map((c) => `${c.level} ${c.state}`).join(', '), unchanged.result.sha256.slice(0, 16)],
      ['one patch changed', `${onePatch.seconds.toFixed(1)} s`, `${((onePatch.seconds / cold.seconds) * 100).toFixed(1)}%`, `${onePatch.result.caches.map((c) => `${c.level} ${c.state}`).join(', ')}; ${ccache}`, onePatch.result.sha256.slice(0, 16)],
      ['same, cold, no cache', `${reference.seconds.toFixed(1)} s`, `${((reference.seconds / cold.seconds) * 100).toFixed(1)}%`, 'all off', `${reference.result.sha256.slice(0, 16)} ${reference.result.sha256 === onePatch.result.sha256 ? '(= one patch changed)' : '(DIFFERS from one patch changed)'}`],
    ];
    const stages = [['cold build stage', 'wall time', 'share']];
    for (const s of cold.result.stages) {
      stages.push([s.name, `${(s.durationMs / 1000).toFixed(1)} s`, `${((s.durationMs / 1000 / cold.seconds) * 100).toFixed(1)}%`]);
    }
    for (const s of onePatch.result.stages) {
      stages.push([`one patch changed: ${s.name}`, `${(s.durationMs / 1000).toFixed(1)} s`, `${((s.durationMs / 1000 / onePatch.seconds) * 100).toFixed(1)}%`]);
    }

    const script = path.join(root, 'scripts', 'run-ts.mjs');
    const routes: Record<string, Measured> = {};
    for (const route of ['ours', 'usual'] as const) {
      const work = path.join(dir, `route-${route}`);
      mkdirSync(work);
      process.stderr.write(`bench: bundle+link, ${route} route…\n`);
      routes[route] = underTime(['node', script, path.join(root, 'bench', 'bundle-routes.ts'), route, vmlinux, work]);
    }
    const size = (statSync(vmlinux).size / 2 ** 20).toFixed(0);
    const bundling = [
      [`bundle+link, vmlinux of ${size} MiB`, 'wall time', 'of usual', 'peak memory'],
      ['ours: .incbin, cc', `${routes.ours!.seconds.toFixed(2)} s`, `${((routes.ours!.seconds / routes.usual!.seconds) * 100).toFixed(1)}%`, `${routes.ours!.maxRssMiB.toFixed(0)} MiB`],
      ['usual: C string literal, gcc', `${routes.usual!.seconds.toFixed(2)} s`, '100%', `${routes.usual!.maxRssMiB.toFixed(0)} MiB`],
    ];
    process.stdout.write(
      `\nlibkrunfw-action benchmark: ${os.cpus().length} CPUs, Linux ${cold.result.kernelVersion}, the project's kernel-config/x86_64\n\n` +
        `${table(caching)}\n\n${table(stages)}\n\n${table(bundling)}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

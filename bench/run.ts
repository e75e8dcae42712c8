// npm run bench: prints tables, on this machine, in one run (about 80 minutes on 2 cores).
//  1. The cold pair, like with like: the same inputs (the project's recipe config
//     on Debian's kernel source, a one-patch series) built cold with empty caches
//     and built with every cache off, each from a fresh work dir, twice each in
//     the order cold, bare, bare, cold. The ratio of their means, in
//     CPU time (user+sys, children included: the figure other work on the machine
//     disturbs least) and in wall time; their library sha256s must be equal.
//  2. The re-runs on those caches: nothing changed; the patch changes one .c file.
//  3. Matrices: the sev variant's first build on the generic build's cache dir,
//     without the tree cache (as on GitHub, where each cell is its own runner):
//     which compiler cache entry it restored and its ccache hit rate.
//  4. On the last build's real vmlinux: bundle+link our way (.incbin) against the
//     usual way (a C string literal through gcc), each in its own process: wall
//     time and peak memory (GNU time's maximum resident set, children included).
// Only the library door (runRequest) and the public types are used, so the
// bench keeps measuring whatever route the pipeline takes inside.
//
// `--targets` builds every target instead (bench/targets.ts): a row each.
//
// `--small` is a smoke run, not a measurement: the tests' small x86_64 config
// (sev: plus the project's sev fragment) and no boot test, in a few minutes.
// `--cold-pair` stops after step 1 and prints its tables: the quick A/B for a
// change to what a cold build costs (ccache's settings come through the
// environment, e.g. CCACHE_NOCOMPRESS=1).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleLog, localPlatform, runRequest, type BuildResult, type RawBuildInputs } from '../src/index.ts';
import { buildInitrd, buildQboot } from '../test/support/blobs.ts';
import { table } from './table.ts';
import { benchTargets } from './targets.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARBALL = '/usr/src/linux-source-6.12.tar.xz';
const PATCH = path.join(root, 'test', 'fixtures', 'patches', 'linux-6.12', '0001-init-mark-proc-version.patch');
const SMALL = process.argv.includes('--small');
const COLD_PAIR = process.argv.includes('--cold-pair');
const SMALL_CONFIG = path.join(root, 'test', 'fixtures', 'kernel-config', 'small-x86_64.config');
const SEV_FRAGMENTS = path.join(root, 'kernel-config', 'x86_64-sev');

interface Measured {
  seconds: number;
  maxRssMiB: number;
}

/** Run a command under GNU time; return its wall time and peak RSS. */
function underTime(args: string[]): Measured {
  const stderrFile = path.join(os.tmpdir(), `bench-time-${process.pid}.txt`);
  execFileSync('sh', ['-c', '"$@" 2>"$0"', stderrFile, '/usr/bin/time', '-f', 'BENCH %e %M', ...args], { stdio: 'ignore' });
  const line = readFileSync(stderrFile, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('BENCH '))
    .pop()!;
  rmSync(stderrFile, { force: true });
  const [, secs, kib] = line.split(' ');
  return { seconds: Number(secs), maxRssMiB: Number(kib) / 1024 };
}

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * CPU seconds (user+sys) of this process and of every child it has waited for,
 * theirs included (make waits for gcc): fields 14-17 of /proc/self/stat.
 */
function cpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number); // f[0] is field 3
  return (f[11]! + f[12]! + f[13]! + f[14]!) / TICKS_PER_SECOND;
}

const quiet = localPlatform({ log: { ...consoleLog(), info: () => {}, group: (_t, fn) => fn() } });

interface Timed {
  what: string;
  result: BuildResult;
  wall: number;
  cpu: number;
}

/**
 * Each run starts as on a fresh runner: no work directory left by the run
 * before, and no dirty pages of it still being written back (sync), both
 * outside the timing. The caches, the point of the exercise, stay. The door
 * saves the caches and cleans up inside the timing, as the CLI does.
 */
async function timedRun(what: string, inputs: RawBuildInputs): Promise<Timed> {
  rmSync(inputs['work-dir'] as string, { recursive: true, force: true });
  execFileSync('sync');
  process.stderr.write(`bench: ${what}…\n`);
  const cpu0 = cpuSeconds();
  const started = performance.now();
  const run = await runRequest(inputs, quiet);
  // The bench's requests all build a library; a check route would be a bench bug.
  if (run.kind !== 'library') throw new Error(`${what}: the run made no library`);
  const result: BuildResult = run;
  const wall = (performance.now() - started) / 1000;
  const cpu = cpuSeconds() - cpu0;
  process.stderr.write(`bench: ${what}: ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU, sha256 ${result.sha256}\n`);
  return { what, result, wall, cpu };
}

const compiler = (r: BuildResult) => r.caches.find((c) => c.level === 'compiler');

/** ccache's hits and misses, from the compiler cache's report. */
function ccacheStats(r: BuildResult): { hits: number; misses: number } | undefined {
  const m = /ccache: (\d+) hits, (\d+) misses/.exec(compiler(r)?.detail ?? '');
  return m ? { hits: Number(m[1]), misses: Number(m[2]) } : undefined;
}

const levels = (r: BuildResult): string => r.caches.map((c) => `${c.level} ${c.state}`).join(', ');
const pct = (a: number, b: number): string => `${((a / b) * 100).toFixed(1)}%`;

/** The sev-after-generic line: which compiler cache entry it restored, ccache's hit rate, its cost against the cold build. */
function sevSummary(sev: Timed, cold: Timed): string {
  const sevStats = ccacheStats(sev.result);
  const sevCompiler = compiler(sev.result);
  return (
    `sev after generic: compiler cache ${sevCompiler?.state ?? 'not reported'}${sevCompiler?.matchedKey ? ` (restored ${sevCompiler.matchedKey})` : ''}; ` +
    (sevStats
      ? `ccache ${sevStats.hits} hits, ${sevStats.misses} misses: hit rate ${pct(sevStats.hits, sevStats.hits + sevStats.misses)}`
      : 'no ccache statistics') +
    `; ${sev.cpu.toFixed(1)} s CPU (${pct(sev.cpu, cold.cpu)} of the generic cold build), ${sev.wall.toFixed(1)} s wall; ` +
    `boot: ${sev.result.stages.find((s) => s.name === 'boot')?.summary ?? 'not run'}; sha256 ${sev.result.sha256}`
  );
}

/** Two runs of the same inputs as one: their mean times, the second's result. */
function meanOf(what: string, a: Timed, b: Timed): Timed {
  return { what, result: b.result, wall: (a.wall + b.wall) / 2, cpu: (a.cpu + b.cpu) / 2 };
}

/** One row per run: CPU and wall against the cold build, the cache levels, the library sha256 (the pair's second compared with the first). */
function runTable(cold: Timed, runs: Timed[]): string[][] {
  const rows = [['run', 'CPU', 'of cold', 'wall', 'of cold', 'cache levels', 'library sha256']];
  runs.forEach((t, i) => {
    const sha = i === 1 ? `${t.result.sha256} ${t.result.sha256 === cold.result.sha256 ? '(= cold)' : '(DIFFERS from cold)'}` : t.result.sha256;
    rows.push([t.what, `${t.cpu.toFixed(1)} s`, pct(t.cpu, cold.cpu), `${t.wall.toFixed(1)} s`, pct(t.wall, cold.wall), levels(t.result), sha]);
  });
  return rows;
}

/** Where each run's time goes, stage by stage (wall); what is outside the stages is the door's cache work. */
function stageTable(runs: Timed[]): string[][] {
  const rows = [['stage', ...runs.map((t) => t.what)]];
  const secs = (t: Timed, name: string): string => {
    const s = t.result.stages.find((x) => x.name === name);
    return s ? (s.status === 'skipped' ? 'skipped' : `${(s.durationMs / 1000).toFixed(1)} s`) : '-';
  };
  for (const n of new Set(runs.flatMap((t) => t.result.stages.map((s) => s.name)))) rows.push([n, ...runs.map((t) => secs(t, n))]);
  const outside = (t: Timed): string => `${(t.wall - t.result.stages.reduce((n, s) => n + s.durationMs, 0) / 1000).toFixed(1)} s`;
  rows.push(['outside the stages (cache restore and save, cleanup)', ...runs.map(outside)]);
  return rows;
}

async function main(): Promise<void> {
  if (!existsSync(TARBALL)) throw new Error(`${TARBALL} is missing: run bash scripts/setup.sh`);
  if (!existsSync('/usr/bin/time')) throw new Error('/usr/bin/time is missing: apt-get install time');
  if (!existsSync('/proc/self/stat')) throw new Error('the bench reads CPU times from /proc: run it on Linux');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'libkrunfw-bench-'));
  try {
    const patches = path.join(dir, 'patches');
    mkdirSync(patches);
    const patchFile = path.join(patches, path.basename(PATCH));
    copyFileSync(PATCH, patchFile);
    const work = path.join(dir, 'work');
    const inputs = (extra: RawBuildInputs = {}): RawBuildInputs => ({
      'kernel-source': TARBALL,
      patches,
      'out-dir': path.join(dir, 'out'),
      'work-dir': work,
      'cache-dir': path.join(dir, 'cache'),
      ...(SMALL ? { 'kernel-config': [SMALL_CONFIG], 'boot-test': 'false' } : {}),
      ...extra,
    });
    const noCache: RawBuildInputs = {
      'cache-source': 'false',
      'cache-compiler': 'false',
      'cache-output': 'false',
      'cache-tree': 'false',
      'cache-dir': path.join(dir, 'unused'),
    };

    // 1. The cold pair: same inputs, same (emptied) work dir path, caches empty or off.
    // In the order cold, bare, bare, cold (each cold on empty caches of its own),
    // and compared by their means: this machine's speed drifts over a run (other
    // guests on the host, memory reclaim), and whichever build went first paid
    // for it — up to 10% — when the pair was one of each.
    const cold1 = await timedRun('cold build, empty caches (1 of 2)', inputs({ 'cache-dir': path.join(dir, 'cache-first') }));
    const bare1 = await timedRun('cold build, every cache off (1 of 2)', inputs(noCache));
    const bare2 = await timedRun('cold build, every cache off (2 of 2)', inputs(noCache));
    const cold2 = await timedRun('cold build, empty caches (2 of 2)', inputs());
    rmSync(path.join(dir, 'cache-first'), { recursive: true, force: true });
    const cold = meanOf('cold build, empty caches (mean)', cold1, cold2);
    const bare = meanOf('cold build, every cache off (mean)', bare1, bare2);
    const pairEqual = [cold1, bare1, bare2, cold2].every((t) => t.result.sha256 === cold.result.sha256);
    if (!pairEqual) process.exitCode = 1;
    const pair =
      `cold with empty caches / cold with every cache off (means of two each): CPU ${(cold.cpu / bare.cpu).toFixed(3)}, wall ${(cold.wall / bare.wall).toFixed(3)}; ` +
      `library sha256 ${pairEqual ? 'equal in all four' : 'DIFFERENT'}`;
    const heading = `\nlibkrunfw-action benchmark: ${os.cpus().length} CPUs, Linux ${cold.result.kernelVersion}, ${SMALL ? 'SMOKE RUN on the small test config, no boot test' : "the project's kernel-config/x86_64"}`;
    if (COLD_PAIR) {
      process.stdout.write(
        `${heading}\n\n${pair}\n\n${table(runTable(cold, [cold, bare, cold1, bare1, bare2, cold2]))}\n\n${table(stageTable([cold1, bare1, bare2, cold2]))}\n`,
      );
      return;
    }

    // 2. The re-runs, on the caches the cold build left.
    const unchanged = await timedRun('re-run, nothing changed', inputs());
    writeFileSync(patchFile, readFileSync(patchFile, 'utf8').replace('test series]', 'test series, v2]'));
    // Its work dir is kept: its vmlinux is the bundle benchmark's input.
    const onePatch = await timedRun('re-run after a one-patch change to init/version.c', inputs({ 'keep-work-dir': true }));
    const vmlinux = path.join(dir, 'vmlinux');
    copyFileSync(path.join(work, 'src', 'linux-source-6.12', 'vmlinux'), vmlinux);

    // 3. sev after generic, on the same cache dir; no tree cache (a GitHub matrix cell has none).
    const blobs = path.join(dir, 'blobs');
    // A failure here (the boot, say) is a finding, printed with the tables instead of losing them.
    const sev: Timed | Error = await timedRun(
      "sev variant, first build, on the generic build's caches",
      inputs({
        variant: 'sev',
        ...(SMALL ? { 'kernel-config': [SMALL_CONFIG, SEV_FRAGMENTS], 'kernel-config-mode': 'fragments' } : {}),
        qboot: buildQboot(blobs),
        initrd: buildInitrd(blobs),
        'cache-tree': 'false',
        // Booted too (not with --small): this is the project's full sev config, built and booted.
        ...(SMALL ? { 'boot-test': 'false' } : {}),
        'work-dir': path.join(dir, 'work-sev'),
      }),
    ).catch((e: Error) => e);
    if (sev instanceof Error) process.exitCode = 1;

    const runs = runTable(cold, [cold, bare, cold1, bare1, bare2, cold2, unchanged, onePatch]);
    const stages = stageTable([cold1, bare1, bare2, cold2, onePatch]);

    const sevLine = sev instanceof Error ? `sev after generic: FAILED: ${sev.message.split('\n')[0]}` : sevSummary(sev, cold);

    const script = path.join(root, 'scripts', 'run-ts.mjs');
    const routes: Record<string, Measured> = {};
    for (const route of ['ours', 'usual'] as const) {
      const routeDir = path.join(dir, `route-${route}`);
      mkdirSync(routeDir);
      process.stderr.write(`bench: bundle+link, ${route} route…\n`);
      routes[route] = underTime(['node', script, path.join(root, 'bench', 'bundle-routes.ts'), route, vmlinux, routeDir]);
    }
    const size = (statSync(vmlinux).size / 2 ** 20).toFixed(0);
    const bundling = [
      [`bundle+link, vmlinux of ${size} MiB`, 'wall time', 'of usual', 'peak memory'],
      [
        'ours: .incbin, cc',
        `${routes.ours!.seconds.toFixed(2)} s`,
        pct(routes.ours!.seconds, routes.usual!.seconds),
        `${routes.ours!.maxRssMiB.toFixed(0)} MiB`,
      ],
      ['usual: C string literal, gcc', `${routes.usual!.seconds.toFixed(2)} s`, '100%', `${routes.usual!.maxRssMiB.toFixed(0)} MiB`],
    ];
    const load = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    process.stdout.write(`${heading} (load average at the end ${load})\n\n${pair}\n\n${table(runs)}\n\n${table(stages)}\n\n${sevLine}\n\n${table(bundling)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.some((a) => a === '--targets' || a.startsWith('--targets='))) await benchTargets(process.argv);
else await main();

// npm run bench: prints a table.
//  1. A cold build of the project's recipe config from Debian's kernel source,
//     with each stage's share of the wall time.
//  2. On that real vmlinux: bundle+link our way (.incbin) against the usual way
//     (a C string literal through gcc), each in its own process: wall time and
//     peak memory (GNU time's maximum resident set, children included).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runRequest } from '../src/run-request.ts';
import { consoleLog, localPlatform } from '../src/platform/local/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARBALL = '/usr/src/linux-source-6.12.tar.xz';

interface Measured {
  seconds: number;
  maxRssMiB: number;
}

/** Run a command under GNU time; return its wall time and peak RSS. */
function underTime(args: string[]): Measured {
  const stderrFile = path.join(os.tmpdir(), `bench-time-${process.pid}.txt`);
  execFileSync('sh', ['-c', '"$@" 2>"$0"', stderrFile, '/usr/bin/time', '-f', 'BENCH %e %M', ...args], { stdio: 'ignore' });
  const line = execFileSync('grep', ['^BENCH ', stderrFile], { encoding: 'utf8' }).trim().split('\n').pop()!;
  rmSync(stderrFile, { force: true });
  const [, secs, kib] = line.split(' ');
  return { seconds: Number(secs), maxRssMiB: Number(kib) / 1024 };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  if (!existsSync(TARBALL)) throw new Error(`${TARBALL} is missing: run bash scripts/setup.sh`);
  if (!existsSync('/usr/bin/time')) throw new Error('/usr/bin/time is missing: apt-get install time');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'libkrunfw-bench-'));
  try {
    process.stderr.write('bench: cold build of the recipe config (about 8 minutes on 2 cores)…\n');
    const started = performance.now();
    const result = await runRequest(
      { 'kernel-source': TARBALL, 'out-dir': path.join(dir, 'out'), 'work-dir': path.join(dir, 'work'), 'keep-work-dir': true },
      localPlatform({ log: { ...consoleLog(), info: () => {}, group: (_t, fn) => fn() } }),
    );
    const wall = (performance.now() - started) / 1000;
    const vmlinux = path.join(dir, 'work', 'src', 'linux-source-6.12', 'vmlinux');

    const rows = [['measure', 'wall time', 'share / ratio', 'peak memory']];
    rows.push(['cold build, end to end', `${wall.toFixed(1)} s`, '100%', '']);
    for (const s of result.stages) {
      rows.push([`  stage ${s.name}`, `${(s.durationMs / 1000).toFixed(1)} s`, `${((s.durationMs / 1000 / wall) * 100).toFixed(1)}%`, '']);
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
    rows.push([`bundle+link (.incbin), vmlinux ${size} MiB`, `${routes.ours!.seconds.toFixed(2)} s`, `${(routes.ours!.seconds / routes.usual!.seconds).toFixed(3)} of usual`, `${routes.ours!.maxRssMiB.toFixed(0)} MiB`]);
    rows.push(['bundle+link (C string literal, gcc)', `${routes.usual!.seconds.toFixed(2)} s`, '1', `${routes.usual!.maxRssMiB.toFixed(0)} MiB`]);
    process.stdout.write(`\nlibkrunfw-action benchmark — ${os.cpus().length} CPUs, Linux ${result.kernelVersion}, payload of ${result.library}\n\n${table(rows)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

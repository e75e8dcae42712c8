// The npm package as a user gets it: `npm pack`, installed from the tarball into
// an empty directory with no registry and an empty npm cache, then the CLI run
// from there. dist/ is self-contained, so the package has no dependencies.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildInitrd, buildQboot } from './support/blobs.ts';
import { buildKernelLikeElf } from './support/elf-fixtures.ts';
import { requireKernelTarball } from './support/kernel-source.ts';
import { REPOSITORY_ROOT } from './support/runner.ts';
import { tempDir } from './support/tmp.ts';

const exec = promisify(execFile);
const root = tempDir('npm-package');
const project = path.join(root, 'project');
let packed: { filename: string; files: { path: string }[] };

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const bin = path.join(project, 'node_modules', '.bin', 'libkrunfw-action');
  try {
    const r = await exec(bin, args, { cwd: project, env: { ...process.env, GITHUB_WORKSPACE: '' }, maxBuffer: 64 * 2 ** 20 });
    return { code: 0, ...r };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(async () => {
  // prepack writes dist/types/ first (the library's .d.ts files).
  const { stdout } = await exec('npm', ['pack', '--json', '--pack-destination', root], { cwd: REPOSITORY_ROOT, maxBuffer: 64 * 2 ** 20 });
  packed = (JSON.parse(stdout) as (typeof packed)[])[0]!;
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
  // No registry to reach and nothing cached: only the tarball itself can be installed.
  await exec(
    'npm',
    [
      'install',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--registry',
      'http://127.0.0.1:9/',
      '--cache',
      path.join(root, 'npm-cache'),
      path.join(root, packed.filename),
    ],
    { cwd: project },
  );
}, 300_000);

describe('the packed package', () => {
  it('holds what the CLI reads at run time, the types, the licences, and no sources or tests', () => {
    const files = packed.files.map((f) => f.path);
    for (const f of [
      'dist/cli.js',
      'dist/index.js',
      'dist/licenses.txt',
      'dist/types/index.d.ts',
      'LICENSE',
      'action.yml',
      'patches/series',
      'kernel-config/x86_64-sev/70-sev.config',
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.some((f) => f.startsWith('patches-tee/'))).toBe(true);
    expect(files.filter((f) => /^(src|test|scripts|bench)\//.test(f))).toEqual([]);
  });

  it('installs without a registry, with no dependencies, in a few megabytes', async () => {
    const pkg = JSON.parse(readFileSync(path.join(project, 'node_modules', 'libkrunfw-action', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.dependencies).toBeUndefined();
    const { stdout } = await exec('du', ['-sb', path.join(project, 'node_modules')]);
    const bytes = Number(stdout.split('\t')[0]);
    console.log(`installed: ${(bytes / 2 ** 20).toFixed(1)} MiB in node_modules`);
    expect(bytes).toBeLessThan(30 * 2 ** 20);
  });

  it('bundle: packages a vmlinux from the installed package', async () => {
    const elf = await buildKernelLikeElf();
    const r = await cli(['bundle', '--vmlinux', elf.file, '--boot-test', 'false', '--out', 'out-bundle', '--work-dir', path.join(root, 'w-bundle')]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ library: path.join(project, 'out-bundle', 'libkrunfw.so.5.4.0'), soname: 'libkrunfw.so.5' });
  }, 120_000);

  it('build --variant sev: the series with patches-tee/ and the sev config are found; the run ends at configure on an option that cannot be set', async () => {
    const blobs = path.join(root, 'blobs');
    const installed = path.join(project, 'node_modules', 'libkrunfw-action');
    const unreachable = path.join(root, 'unreachable.config');
    writeFileSync(unreachable, '# arm64 only: configure must report it lost on x86_64\nCONFIG_ARM64_4K_PAGES=y\n');
    const r = await cli([
      'build',
      '--variant',
      'sev',
      '--kernel-source',
      requireKernelTarball(),
      '--qboot',
      buildQboot(blobs),
      '--initrd',
      buildInitrd(blobs),
      // The package's own fragments for x86_64 and sev, then one that configure must refuse.
      '--kernel-config',
      path.join(installed, 'kernel-config', 'x86_64'),
      '--kernel-config',
      path.join(installed, 'kernel-config', 'x86_64-sev'),
      '--kernel-config',
      unreachable,
      '--out',
      'out-sev',
      '--work-dir',
      path.join(root, 'w-sev'),
      '--cache-dir',
      path.join(root, 'cache'),
    ]);
    expect(r.stderr).not.toMatch(/ENOENT|unexpected failure/);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/patch passed/);
    expect(r.stderr).toMatch(/error: 1 kernel config option\(s\) did not keep the value asked for:\n {2}CONFIG_ARM64_4K_PAGES: asked y, got not set/);
  }, 600_000);
});

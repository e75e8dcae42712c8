// Runs the action's src/main.ts and src/post.ts through GitHub's own local
// runner, @github/local-action, on a cheap path: a tiny ELF that gcc links is
// packaged as the vmlinux (no kernel build, no upload, no boot).
//
//   npm run local-action                         the cheap run, in .cache/local-action/
//   npm run local-action -- --workspace DIR      the same, in DIR
//   npm run local-action -- --env FILE           your own inputs (see .env.example)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { workspace: { type: 'string' }, env: { type: 'string' } } });

let envFile = values.env && path.resolve(values.env);
if (!envFile) {
  const workspace = path.resolve(values.workspace ?? path.join(root, '.cache', 'local-action'));
  mkdirSync(path.join(workspace, 'build'), { recursive: true });
  mkdirSync(path.join(workspace, 'runner-temp'), { recursive: true });
  // Two PT_LOAD segments (text, data) at fixed addresses: all the bundle stage needs of a vmlinux.
  const src = path.join(workspace, 'build', 'tiny.S');
  writeFileSync(src, '\t.globl _start\n\t.text\n_start:\n\thlt\n\tjmp _start\n\t.data\n\t.ascii "libkrunfw-action local run"\n');
  const vmlinux = path.join(workspace, 'build', 'vmlinux');
  execFileSync('gcc', ['-nostdlib', '-static', '-no-pie', '-Wl,--build-id=none', '-o', vmlinux, src]);
  const summary = path.join(workspace, 'runner-temp', 'step-summary.md');
  writeFileSync(summary, '');
  envFile = path.join(workspace, '.env');
  // dotenv keeps the hyphens of the input names, as the runner does.
  const env = {
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: path.join(workspace, 'runner-temp'),
    GITHUB_STEP_SUMMARY: summary,
    INPUT_VMLINUX: vmlinux,
    'INPUT_OUT-DIR': path.join(workspace, 'libkrunfw-out'),
    INPUT_UPLOAD: 'false',
    'INPUT_BOOT-TEST': 'false',
  };
  writeFileSync(
    envFile,
    Object.entries(env)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}\n`)
      .join(''),
  );
}

const bin = path.join(root, 'node_modules', '.bin', 'local-action');
const r = spawnSync(bin, ['run', root, 'src/main.ts', envFile, '--post', 'src/post.ts'], { cwd: root, stdio: 'inherit' });
process.exitCode = r.status ?? 1;

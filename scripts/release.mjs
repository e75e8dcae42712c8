// Cuts a release: bump the version, turn CHANGELOG.md's Unreleased section into
// the release's, check dist/ is the bundle of the sources being tagged, commit,
// tag vX.Y.Z and move vX to it. Pushing is a separate, explicit step.
//   npm run release -- 1.2.0            prepare the commit and tags locally
//   npm run release -- 1.2.0 --push     and push main, vX.Y.Z and (forced) vX
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

/** The changelog with its Unreleased entries moved under `## vX.Y.Z - date`, and an empty Unreleased on top. */
export function releaseChangelog(text, version, date) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^## Unreleased\s*$/.test(l));
  if (start < 0) throw new Error('CHANGELOG.md has no "## Unreleased" section');
  let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  if (end < 0) end = lines.length;
  const entries = lines
    .slice(start + 1, end)
    .join('\n')
    .trim();
  if (!entries) throw new Error('CHANGELOG.md: "## Unreleased" is empty; say what this release changes first');
  if (lines.some((l) => l.startsWith(`## v${version} `) || l === `## v${version}`)) throw new Error(`CHANGELOG.md already has v${version}`);
  return [...lines.slice(0, start), '## Unreleased', '', `## v${version} - ${date}`, '', entries, '', ...lines.slice(end)].join('\n');
}

const newer = (a, b) => {
  const [x, y] = [VERSION.exec(a).slice(1).map(Number), VERSION.exec(b).slice(1).map(Number)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i];
  return false;
};

export function release(root, version, { push = false, date = new Date().toISOString().slice(0, 10) } = {}) {
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  const npm = (...args) => execFileSync('npm', args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!VERSION.test(version ?? '')) throw new Error(`give the version to release, like 1.2.0 (not '${version ?? ''}')`);
  if (git('status', '--porcelain')) throw new Error('the work tree has changes: commit or stash them first');
  const current = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  if (!newer(version, current)) throw new Error(`${version} is not newer than the current ${current}`);
  if (git('tag', '--list', `v${version}`)) throw new Error(`tag v${version} exists already`);

  const changelog = path.join(root, 'CHANGELOG.md');
  const released = releaseChangelog(readFileSync(changelog, 'utf8'), version, date);
  // A tag must hold the bundle of the sources it tags.
  npm('run', 'check-dist');
  try {
    writeFileSync(changelog, released);
    // package.json and package-lock.json; the tags are ours to make.
    npm('version', version, '--no-git-tag-version');
    git('add', 'CHANGELOG.md', 'package.json', 'package-lock.json');
    git('commit', '-m', `Release v${version}`);
  } catch (e) {
    // Nothing half-done: the files go back as they were.
    git('reset', '-q', 'HEAD', '--', 'CHANGELOG.md', 'package.json', 'package-lock.json');
    git('checkout', '--', 'CHANGELOG.md', 'package.json', 'package-lock.json');
    throw e;
  }
  const major = `v${VERSION.exec(version)[1]}`;
  git('tag', '-a', `v${version}`, '-m', `libkrunfw-action v${version}`);
  git('tag', '-f', '-a', major, '-m', `libkrunfw-action ${major}, now v${version}`);
  if (push) {
    const branch = git('rev-parse', '--abbrev-ref', 'HEAD');
    git('push', 'origin', branch, `v${version}`);
    git('push', '--force', 'origin', major);
  }
  return { tag: `v${version}`, major, commit: git('rev-parse', 'HEAD') };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const args = process.argv.slice(2);
  try {
    const r = release(
      root,
      args.find((a) => !a.startsWith('--')),
      { push: args.includes('--push') },
    );
    console.log(
      `${r.tag} and ${r.major} at ${r.commit}${args.includes('--push') ? ', pushed' : `; push with: git push origin HEAD ${r.tag} && git push --force origin ${r.major}`}`,
    );
  } catch (e) {
    console.error(`release: ${e.message}`);
    process.exitCode = 1;
  }
}

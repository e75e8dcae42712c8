// scripts/release.mjs in a throwaway repository: version bump, CHANGELOG entry,
// tag vX.Y.Z, vX moved; and the refusals that keep a bad release from being cut.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, without types
import { release, releaseChangelog } from '../scripts/release.mjs';
import { tempDir } from './support/tmp.ts';

type Release = (root: string, version: string, options?: { date?: string }) => { tag: string; major: string; commit: string };
const cut = release as Release;
const changelog = releaseChangelog as (text: string, version: string, date: string) => string;
const dir = tempDir('release-script');
let n = 0;

/** A repository at v1.1.0 (tags v1.1.0 and v1), with `check-dist` standing in for the real one. */
function repo(unreleased: string, checkDist: string = 'node -e 0'): string {
  const root = path.join(dir, `repo-${++n}`);
  mkdirSync(root);
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.org');
  git('config', 'user.name', 'test');
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'x', version: '1.1.0', scripts: { 'check-dist': checkDist } }, null, 2) + '\n');
  writeFileSync(
    path.join(root, 'package-lock.json'),
    JSON.stringify({ name: 'x', version: '1.1.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'x', version: '1.1.0' } } }, null, 2) + '\n',
  );
  writeFileSync(path.join(root, 'CHANGELOG.md'), `# Changelog\n\n## Unreleased\n${unreleased}\n## v1.1.0 - 2026-01-01\n\n- Older.\n`);
  git('add', '.');
  git('commit', '-q', '-m', 'v1.1.0');
  git('tag', '-a', 'v1.1.0', '-m', 'v1.1.0');
  git('tag', '-a', 'v1', '-m', 'v1');
  return root;
}

const revOf = (root: string, ref: string): string => execFileSync('git', ['rev-parse', `${ref}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();

describe('npm run release', () => {
  it('bumps the version, dates the changelog entry, tags vX.Y.Z and moves vX', () => {
    const root = repo('\n- Something new.\n');
    const r = cut(root, '1.2.0', { date: '2026-12-02' });
    expect(r).toMatchObject({ tag: 'v1.2.0', major: 'v1' });
    expect(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version).toBe('1.2.0');
    expect(JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')).version).toBe('1.2.0');
    expect(readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8')).toBe(
      '# Changelog\n\n## Unreleased\n\n## v1.2.0 - 2026-12-02\n\n- Something new.\n\n## v1.1.0 - 2026-01-01\n\n- Older.\n',
    );
    expect(revOf(root, 'v1.2.0')).toBe(r.commit);
    expect(revOf(root, 'v1')).toBe(r.commit);
    expect(revOf(root, 'v1.1.0')).not.toBe(r.commit);
    expect(execFileSync('git', ['log', '-1', '--format=%s'], { cwd: root, encoding: 'utf8' }).trim()).toBe('Release v1.2.0');
  });

  it('a new major version gets its own moving tag and leaves the old one', () => {
    const root = repo('\n- Breaking.\n');
    const r = cut(root, '2.0.0');
    expect(revOf(root, 'v2')).toBe(r.commit);
    expect(revOf(root, 'v1')).toBe(revOf(root, 'v1.1.0'));
  });

  it.each([
    ['an empty Unreleased section', '\n', '1.2.0', undefined, /Unreleased" is empty/],
    ['a version that is not newer', '\n- x\n', '1.1.0', undefined, /not newer than the current 1\.1\.0/],
    ['a version that is not X.Y.Z', '\n- x\n', 'v1.2', undefined, /like 1\.2\.0/],
    ['a stale dist/', '\n- x\n', '1.2.0', 'node -e "process.exit(1)"', /check-dist/],
  ])('refuses %s, and leaves the repository as it was', (_what, unreleased, version, checkDist, error) => {
    const root = repo(unreleased, checkDist);
    const before = revOf(root, 'HEAD');
    expect(() => cut(root, version)).toThrow(error);
    expect(revOf(root, 'HEAD')).toBe(before);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' })).toBe('');
    expect(execFileSync('git', ['tag', '--list'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean)).toEqual(['v1', 'v1.1.0']);
  });

  it('refuses a dirty work tree', () => {
    const root = repo('\n- x\n');
    writeFileSync(path.join(root, 'stray'), '');
    expect(() => cut(root, '1.2.0')).toThrow(/work tree has changes/);
    expect(execFileSync('git', ['tag', '--list', 'v1.2.0'], { cwd: root, encoding: 'utf8' })).toBe('');
  });

  it('changelog: refuses a file without an Unreleased section', () => {
    expect(() => changelog('# Changelog\n\n## v1.0.0\n', '1.1.0', '2026-01-01')).toThrow(/no "## Unreleased"/);
  });
});

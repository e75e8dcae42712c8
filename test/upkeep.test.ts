// The files that keep the project maintainable say what they must: the licence
// package.json names, Dependabot for both ecosystems with a cooldown, owners
// for review, a changelog a release can be cut from, and a README that only
// tells users to run what exists.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPOSITORY_ROOT } from './support/runner.ts';

const read = (f: string): string => readFileSync(path.join(REPOSITORY_ROOT, f), 'utf8');

describe('upkeep', () => {
  it('LICENSE is the licence package.json declares', () => {
    expect(JSON.parse(read('package.json')).license).toBe('Apache-2.0');
    expect(read('LICENSE')).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
  });

  it('Dependabot watches npm and the actions, each with a cooldown', () => {
    const updates = (parse(read('.github/dependabot.yml')) as { updates: Record<string, unknown>[] }).updates;
    for (const ecosystem of ['npm', 'github-actions']) {
      const u = updates.find((x) => x['package-ecosystem'] === ecosystem);
      expect(u, ecosystem).toMatchObject({ directory: '/', cooldown: { 'default-days': expect.any(Number) } });
    }
  });

  it('CODEOWNERS gives every path an owner', () => {
    expect(read('.github/CODEOWNERS')).toMatch(/^\*\s+@\S+/m);
  });

  it('CHANGELOG.md has the Unreleased section a release is cut from', () => {
    expect(read('CHANGELOG.md')).toMatch(/^## Unreleased$/m);
  });

  it('the README runs the CLI from a checkout or a packed tarball, never with npx (the name is not published)', () => {
    const commands = read('README.md')
      .split('\n')
      .filter((l) => /^\s*npx /.test(l));
    expect(commands).toEqual([]);
    expect(read('README.md')).toContain('node dist/cli.js build');
  });
});

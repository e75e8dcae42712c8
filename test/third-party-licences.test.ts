// dist/licenses.txt is made from the installed packages; a bundled package
// without any licence fails the build by name unless it is acknowledged.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, without types
import { thirdPartyLicences } from '../scripts/third-party-licences.mjs';
import { tempDir } from './support/tmp.ts';

const root = tempDir('licences');

function pkg(name: string, json: Record<string, unknown>, files: Record<string, string> = {}): string {
  const dir = path.join(root, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', ...json }));
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
  return dir;
}

const licences = thirdPartyLicences as (dirs: string[], known?: Record<string, string>) => string;

describe('third-party licences', () => {
  const mit = pkg(
    'has-text',
    { license: 'MIT', repository: { url: 'git+https://example.org/has-text.git' } },
    { LICENSE: 'MIT License\n\nCopyright (c) someone\n' },
  );
  const declaredOnly = pkg('declared-only', { license: 'ISC' });
  const nothing = pkg('no-licence', {});

  it('lists each package once with its declared licence and the text it ships', () => {
    const text = licences([mit, declaredOnly, mit]);
    expect(text).toContain('2 packages: ISC, MIT.');
    expect(text).toContain('has-text@1.0.0\nLicense: MIT\nRepository: git+https://example.org/has-text.git\n\nMIT License\n\nCopyright (c) someone');
    expect(text).toContain('declared-only@1.0.0\nLicense: ISC\n\n(the package ships no licence text)');
    expect(text.match(/^has-text@1\.0\.0$/gm)).toHaveLength(1);
  });

  it('names a package with no licence at all and refuses to go on', () => {
    expect(() => licences([mit, nothing])).toThrow('bundled packages with no licence, declared or shipped: no-licence@1.0.0');
  });

  it('lists an acknowledged one with its reason', () => {
    const text = licences([mit, nothing], { 'no-licence@1.0.0': 'pulled in by has-text' });
    expect(text).toContain('Without a licence:\n  no-licence@1.0.0: pulled in by has-text');
  });
});

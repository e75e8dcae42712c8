// Which directories the kernel's own build can run in. The verdict of
// kbuildPathProblem is checked against Linux's Makefile itself: the top-level
// Makefile, scripts/ and arch/x86/ of Debian's 6.12 (enough for `make
// kernelversion`, which goes through the same sub-make call a build does)
// copied into a directory named with each character.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { checkKbuildPath, kbuildPathProblem } from '../../src/util/dir-checks.ts';
import { requireKernelTarball } from '../support/kernel-source.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('kbuild-paths');
const tree = path.join(root, 'extracted', 'linux-source-6.12');

beforeAll(() => {
  mkdirSync(path.dirname(tree), { recursive: true });
  execFileSync('tar', [
    '-xJf',
    requireKernelTarball(),
    '-C',
    path.dirname(tree),
    'linux-source-6.12/Makefile',
    'linux-source-6.12/scripts',
    'linux-source-6.12/arch/x86',
  ]);
});

let n = 0;
/** Runs `make kernelversion` in a copy of the tree under a directory named `name`; true when it worked. */
function kbuildWorksIn(name: string): boolean {
  const dir = path.join(root, `case-${++n}`, name, 'linux-source-6.12');
  cpSync(tree, dir, { recursive: true });
  const r = spawnSync('make', ['-s', 'kernelversion'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  return r.status === 0 && /^6\.12\.\d+$/.test(r.stdout.trim());
}

describe("kbuildPathProblem, against Linux's Makefile", () => {
  it.each([
    ['a space', 'w x', 'a space'],
    ['a colon', 'w:x', 'a colon'],
    ['a single quote', "w'x", 'a single quote'],
    ['a double quote', 'w"x', 'a double quote'],
    ['a dollar sign', 'w$x', 'a dollar sign'],
    ['a semicolon', 'w;x', 'a semicolon'],
    ['a backtick', 'w`x', 'a backtick'],
    ['an ampersand', 'w&x', 'the character &'],
    ['a pipe', 'w|x', 'the character |'],
    ['a parenthesis', 'w(x', 'the character ('],
    ['a backslash', 'w\\x', 'a backslash'],
  ])('refuses %s, which breaks the kernel build', (_what, name, said) => {
    expect(kbuildPathProblem(path.join(root, name))).toBe(said);
    expect(kbuildWorksIn(name)).toBe(false);
  });

  it.each([['é'], ['漢字'], ['a+b'], ['a@b'], ['a~b'], ['a-b_c.d']])('accepts %s, which the kernel build takes', (name) => {
    expect(kbuildPathProblem(path.join(root, name))).toBeUndefined();
    expect(kbuildWorksIn(name)).toBe(true);
  });

  it('says what to do in one line', () => {
    const dir = path.join(root, "it's");
    expect(() => checkKbuildPath(dir, 'work-dir')).toThrow(
      new InputError(
        `work-dir ${dir}: the kernel cannot be built in a path with a single quote in it (Linux's Makefile hands its directory to the shell unquoted); ` +
          'choose a work-dir whose path has only letters, digits and / . _ + @ ~ -',
      ),
    );
  });
});

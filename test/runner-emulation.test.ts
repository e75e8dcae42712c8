// The runner emulation itself (support/runner.ts): what every action test
// trusts about INPUT_* names, defaults and the files and commands it parses.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputVariable, parseFileCommands, parseWorkflowCommands, readActionYml, runnerInputs } from './support/runner.ts';
import { tempDir } from './support/tmp.ts';

const dir = tempDir('runner-emulation');

describe('INPUT_* as the runner sets them', () => {
  const action = {
    runs: { using: 'node24', main: 'x.js' },
    inputs: { 'cache-dir': {}, 'ccache-max-size': { default: '2G' }, 'my input': { default: 'a b' }, retries: { default: 3 }, flag: { default: false } },
  };

  it('upper-cases the name, turns spaces into _ and keeps hyphens', () => {
    expect(inputVariable('ccache-max-size')).toBe('INPUT_CCACHE-MAX-SIZE');
    expect(inputVariable('my input')).toBe('INPUT_MY_INPUT');
  });

  it('sets every input with a default, given or not, and only those plus the given ones', () => {
    expect(runnerInputs(action)).toEqual({ 'INPUT_CCACHE-MAX-SIZE': '2G', INPUT_MY_INPUT: 'a b', INPUT_RETRIES: '3', INPUT_FLAG: 'false' });
    expect(runnerInputs(action, { 'cache-dir': '/c', 'ccache-max-size': '5G' })).toEqual({
      'INPUT_CACHE-DIR': '/c',
      'INPUT_CCACHE-MAX-SIZE': '5G',
      INPUT_MY_INPUT: 'a b',
      INPUT_RETRIES: '3',
      INPUT_FLAG: 'false',
    });
  });

  it('refuses an input action.yml does not declare (a typo in a test would otherwise pass unseen)', () => {
    expect(() => runnerInputs(action, { 'ccache-maxsize': '1G' })).toThrow("action.yml declares no input 'ccache-maxsize'");
  });

  it('reads this action.yml: node main and post, post always', () => {
    expect(readActionYml().runs).toMatchObject({ main: 'dist/main.js', post: 'dist/post.js', 'post-if': 'always()' });
  });
});

describe('what a step leaves', () => {
  it('file commands: heredoc blocks and name=value lines', () => {
    const file = path.join(dir, 'output');
    writeFileSync(file, 'a<<ghadelimiter_1\nline 1\nline 2\nghadelimiter_1\nb=plain\nc<<EOF\n\nEOF\n');
    expect(parseFileCommands(file)).toEqual({ a: 'line 1\nline 2', b: 'plain', c: '' });
    writeFileSync(file, 'a<<EOF\nnever closed\n');
    expect(() => parseFileCommands(file)).toThrow('a has no closing EOF');
  });

  it('workflow commands: annotations with their escaped properties, groups, retired commands', () => {
    const log = [
      'plain line',
      '::group::verify: load the library',
      '::error title=PatchError%3A a%2C b,file=ci/x.patch,line=7::patch x does not apply:%0A  hunk #1 FAILED 100%25',
      '::endgroup::',
      '::warning::careful',
      '::set-output name=x::y',
    ].join('\n');
    expect(parseWorkflowCommands(log)).toEqual({
      annotations: [
        { level: 'error', title: 'PatchError: a, b', file: 'ci/x.patch', line: 7, message: 'patch x does not apply:\n  hunk #1 FAILED 100%' },
        { level: 'warning', message: 'careful' },
      ],
      groups: ['verify: load the library'],
      retiredCommands: ['set-output'],
    });
  });
});

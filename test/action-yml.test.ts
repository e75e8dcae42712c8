// action.yml declares exactly the inputs both doors read, with the same words.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionYml } from '../scripts/action-yml.ts';
import { BUILD_INPUTS, OUTPUTS } from '../src/request/inputs.ts';

const action = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: Record<string, string>;
};

describe('action.yml', () => {
  it('is what scripts/action-yml.ts writes from src/request/inputs.ts', () => {
    expect(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')).toBe(actionYml());
  });
  it('declares every input and output, and runs main and post on node24', () => {
    expect(Object.keys(action.inputs)).toEqual(BUILD_INPUTS.map((i) => i.name));
    expect(Object.keys(action.outputs)).toEqual(Object.keys(OUTPUTS));
    expect(action.runs).toMatchObject({ using: 'node24', main: 'dist/main.js', post: 'dist/post.js' });
  });
  it('is documented in the README: every input and output has a row', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
      expect(readme).toContain(`| \`${name}\` |`);
    }
  });
});

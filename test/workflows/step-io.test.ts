// A step's I/O: inputs from flags or env, escaped workflow commands, outputs and summary files.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InfrastructureError, InputError } from '../../src/errors.ts';
import { envName, escapeData, escapeProperty, quote, readStepInputs, StepIO, workflowCommand } from '../../src/workflows/step-io.ts';
import { tempDir } from '../support/tmp.ts';

const scratch = tempDir('step-io');

function step(env: NodeJS.ProcessEnv = {}): { io: StepIO; out: () => string } {
  let text = '';
  return { io: new StepIO({ env, stdout: (t) => void (text += t) }, 'a title: with, punctuation'), out: () => text };
}

describe('step I/O', () => {
  it.each([
    ['plain', 'plain', 'plain'],
    ['two\nlines', 'two%0Alines', 'two%0Alines'],
    ['cr\r\nlf', 'cr%0D%0Alf', 'cr%0D%0Alf'],
    ['100%', '100%25', '100%25'],
    ['%0A already escaped', '%250A already escaped', '%250A already escaped'],
    ['a: b, c', 'a: b, c', 'a%3A b%2C c'],
  ])('escapes %j as GitHub reads it', (text, data, property) => {
    expect(escapeData(text)).toBe(data);
    expect(escapeProperty(text)).toBe(property);
  });

  it('keeps a message on its one line whatever it holds', () => {
    expect(workflowCommand('error', 't', 'x\n::add-mask::y')).toBe('::error title=t::x%0A::add-mask::y');
    expect(quote("it's\n::x")).toBe("'it\\'s\\n::x'");
    expect(quote('"q"')).toBe(`'"q"'`);
  });

  it('reads a flag over the environment variable of the same name, then the default', () => {
    const names = ['kernel-version', 'out-dir', 'prefix'] as const;
    expect(envName('kernel-version')).toBe('KERNEL_VERSION');
    const got = readStepInputs('c', names, ['--out-dir', 'flag'], { KERNEL_VERSION: 'env', OUT_DIR: 'env' }, { prefix: 'default', 'kernel-version': 'd' });
    expect(got).toEqual({ 'kernel-version': 'env', 'out-dir': 'flag', prefix: 'default' });
    expect(() => readStepInputs('c', names, ['positional'], {})).toThrow(InputError);
  });

  it('appends outputs as name=value lines, and refuses a value that would add a line', () => {
    const file = path.join(scratch, 'output');
    writeFileSync(file, 'before=1\n');
    const { io } = step({ GITHUB_OUTPUT: file });
    io.setOutputs({ a: '["x"]', b: '' });
    expect(readFileSync(file, 'utf8')).toBe('before=1\na=["x"]\nb=\n');
    expect(() => io.setOutputs({ c: 'x\nd=y' })).toThrow(InfrastructureError);
    expect(readFileSync(file, 'utf8')).toBe('before=1\na=["x"]\nb=\n');
  });

  it('prints outputs on stdout and writes no summary outside a workflow', () => {
    const { io, out } = step({});
    io.setOutputs({ a: '1' });
    io.summary('| x |\n');
    expect(out()).toBe('a=1\n');
  });

  it('never prints a plain line the runner would read as a command', () => {
    const { io, out } = step();
    io.info('fine\n  ::add-mask::x\n##[set-output name=a;]b');
    expect(out()).toBe('fine\n"  ::add-mask::x"\n"##[set-output name=a;]b"\n');
  });

  it('annotates every message, then refuses with one line naming each error', () => {
    const { io, out } = step();
    expect(() => io.report([{ level: 'notice', text: 'n' }], 'cmd')).not.toThrow();
    expect(() => io.report([{ level: 'error', text: 'one\nbad' }], 'cmd')).toThrow(/^one\\nbad$/);
    expect(() =>
      io.report(
        [
          { level: 'error', text: 'a' },
          { level: 'warning', text: 'w' },
          { level: 'error', text: 'b' },
        ],
        'cmd',
      ),
    ).toThrow(/^cmd: 2 problems, each annotated above: a; b$/);
    expect(out().split('\n').filter(Boolean)).toEqual([
      '::notice title=a title%3A with%2C punctuation::n',
      '::error title=a title%3A with%2C punctuation::one%0Abad',
      '::error title=a title%3A with%2C punctuation::a',
      '::warning title=a title%3A with%2C punctuation::w',
      '::error title=a title%3A with%2C punctuation::b',
    ]);
  });
});

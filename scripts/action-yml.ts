// Writes action.yml's inputs and outputs from src/request/inputs.ts, the one list
// both doors read.   node scripts/run-ts.mjs scripts/action-yml.ts > action.yml
import { stringify } from 'yaml';
import { BUILD_INPUTS, OUTPUTS } from '../src/request/inputs.ts';

export function actionYml(): string {
  const inputs: Record<string, { description: string; required: boolean; default?: string }> = {};
  for (const s of BUILD_INPUTS) {
    inputs[s.name] = { description: s.description, required: false, ...('default' in s ? { default: s.default } : {}) };
  }
  const outputs: Record<string, { description: string }> = {};
  for (const [name, description] of Object.entries(OUTPUTS)) outputs[name] = { description };
  const doc = {
    name: 'Build libkrunfw',
    description: 'Build libkrunfw (a Linux kernel bundled in a shared library for libkrun) reproducibly, verify it, and package it.',
    author: 'libkrunfw-action',
    branding: { icon: 'box', color: 'blue' },
    inputs,
    outputs,
    runs: { using: 'node24', main: 'dist/main.js', post: 'dist/post.js', 'post-if': 'always()' },
  };
  return `# Generated from src/request/inputs.ts by scripts/action-yml.ts; test/action-yml.test.ts keeps them equal.\n${stringify(doc, { lineWidth: 0 })}`;
}

if (process.argv[1]?.endsWith('action-yml.ts')) process.stdout.write(actionYml());

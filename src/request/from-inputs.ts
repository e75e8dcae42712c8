// The action's door: read every input by its action.yml name.
import * as core from '@actions/core';
import { BUILD_INPUTS, type RawBuildInputs } from './inputs.ts';

export function readActionInputs(): RawBuildInputs {
  const raw: RawBuildInputs = {};
  for (const spec of BUILD_INPUTS) {
    if ('multiple' in spec && spec.multiple) raw[spec.name] = core.getMultilineInput(spec.name);
    else raw[spec.name] = core.getInput(spec.name);
  }
  return raw;
}

// The action's outputs, set in one place (the job summary is src/summary.ts).
import * as core from '@actions/core';
import { OUTPUTS, type OutputName } from './request/inputs.ts';
import type { RunResult } from './result.ts';

/** Every output, for either kind of run; what a run did not make is empty. */
export function outputsOf(result: RunResult): Record<OutputName, string> {
  const state = (level: string): string | undefined => result.caches.find((c) => c.level === level)?.state;
  const caches = {
    'source-cache-hit': String(state('source') === 'hit'),
    'compiler-cache-hit': String(state('compiler') === 'hit' || state('compiler') === 'partial'),
    'output-cache-hit': String(state('output') === 'hit'),
    'tree-cache-hit': String(state('tree') === 'hit'),
  };
  if (result.kind === 'check') {
    const none = Object.fromEntries(Object.keys(OUTPUTS).map((name) => [name, ''])) as Record<OutputName, string>;
    return { ...none, ...caches, variant: result.variant, arch: result.arch, 'kernel-version': result.kernelVersion ?? '', 'check-report': result.reportFile };
  }
  return {
    library: result.library,
    soname: result.soname,
    variant: result.variant,
    arch: result.arch,
    version: result.version,
    sha256: result.sha256,
    'kernel-version': result.kernelVersion ?? '',
    tarball: result.tarball,
    'tarball-sha256': result.tarballSha256,
    'prebuilt-tarball': result.prebuilt?.tarball ?? '',
    'source-release': result.sourceRelease?.tarball ?? '',
    'source-release-sha256': result.sourceRelease?.sha256 ?? '',
    'artifact-id': String(result.published?.binary.id ?? ''),
    'artifact-digest': result.published?.binary.digest ?? '',
    'source-artifact-id': String(result.published?.source.id ?? ''),
    'source-artifact-digest': result.published?.source.digest ?? '',
    sha256sums: result.published?.sha256sums ?? '',
    measurements: result.measurements?.file ?? '',
    'check-report': '',
    ...caches,
  };
}

export function setOutputs(result: Parameters<typeof outputsOf>[0]): void {
  for (const [name, value] of Object.entries(outputsOf(result))) core.setOutput(name, value);
}

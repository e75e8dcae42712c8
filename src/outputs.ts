// The action's outputs and job summary, set in one place.
import * as core from '@actions/core';
import type { BuildResult } from './pipeline/build.ts';
import type { OutputName } from './request/inputs.ts';

export function outputsOf(result: Omit<BuildResult, 'kernelVersion'> & { kernelVersion?: string }): Record<OutputName, string> {
  return {
    library: result.library,
    soname: result.soname,
    version: result.version,
    sha256: result.sha256,
    'kernel-version': result.kernelVersion ?? '',
    tarball: result.tarball,
    'tarball-sha256': result.tarballSha256,
  };
}

export function setOutputs(result: Parameters<typeof outputsOf>[0]): void {
  for (const [name, value] of Object.entries(outputsOf(result))) core.setOutput(name, value);
}

export async function writeSummary(result: Parameters<typeof outputsOf>[0]): Promise<void> {
  const rows = result.stages.map((s) => [s.name, s.status, `${(s.durationMs / 1000).toFixed(1)} s`, s.summary ?? '']);
  await core.summary
    .addHeading(`libkrunfw ${result.version}${result.kernelVersion ? ` (Linux ${result.kernelVersion})` : ''}`, 3)
    .addTable([
      [{ data: 'file', header: true }, { data: 'sha256', header: true }],
      [result.library.split('/').pop()!, `<code>${result.sha256}</code>`],
      [result.tarball.split('/').pop()!, `<code>${result.tarballSha256}</code>`],
    ])
    .addTable([
      [
        { data: 'stage', header: true },
        { data: 'status', header: true },
        { data: 'time', header: true },
        { data: 'result', header: true },
      ],
      ...rows,
    ])
    .write();
}

// measure (sev variant, after verify): the launch digests of the library just
// built, from the bytes it hands out through dlopen, written to measurements.json
// in out-dir (and, by the release step, into the source release).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Stage } from '../pipeline/stage.ts';
import { measureLibrary } from './measure-library.ts';
import { MEASUREMENTS_FILE, type Measurements } from './measurements.ts';
import { defaultMeasureOptions, kernelNrCpus, type MeasureOptions } from './options.ts';
import { renderText } from './render.ts';

export interface MeasureStageInput {
  library: string;
  /** Where measurements.json goes (out-dir, beside the library). */
  outDir: string;
  /** Default: defaultMeasureOptions(). */
  options?: MeasureOptions;
  /** The kernel's final .config: its CONFIG_NR_CPUS is what vCPU counts are warned against. */
  dotConfig?: string;
}

export interface MeasureStageOutput {
  /** measurements.json, beside the library. */
  file: string;
  measurements: Measurements;
}

export const measureStage: Stage<MeasureStageInput, MeasureStageOutput> = {
  name: 'measure',
  title: 'compute the SEV, SEV-ES and SNP launch digests',
  async run(input, ctx) {
    const dir = path.join(ctx.workDir, 'measure');
    const nrCpus = input.dotConfig ? kernelNrCpus(readFileSync(input.dotConfig, 'utf8')) : undefined;
    const measurements = await measureLibrary({ library: input.library, options: input.options ?? defaultMeasureOptions(), nrCpus, workDir: dir });
    // Written whole, then renamed: out-dir never holds a half file.
    const file = path.join(input.outDir, MEASUREMENTS_FILE);
    mkdirSync(input.outDir, { recursive: true });
    writeFileSync(`${file}.partial`, `${JSON.stringify(measurements, null, 2)}\n`);
    renameSync(`${file}.partial`, file);
    for (const line of renderText({ ...measurements, warnings: [] })
      .trimEnd()
      .split('\n'))
      ctx.log.info(line);
    for (const w of measurements.warnings) ctx.log.warning(w);
    return { file, measurements };
  },
  produces: (o) => [o.file],
  summary: (o) => {
    const vcpus = [...new Set(o.measurements.measurements.map((m) => m.vcpus))];
    const memory = [...new Set(o.measurements.measurements.map((m) => m.memoryMiB))];
    return `${o.measurements.measurements.length} launches measured (${vcpus.join(', ')} vCPUs × ${memory.join(', ')} MiB)`;
  },
};

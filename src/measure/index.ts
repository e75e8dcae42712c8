// SEV, SEV-ES and SNP launch measurements of a libkrunfw-sev library: the one public face of src/measure.
export { checkFitsMemory, checkGuestImage, type GuestImage } from './guest-image.ts';
export { launchDigests, type LaunchConfig, type LaunchDigests } from './launch-digests.ts';
export { measureCommand, measureUsage } from './measure-command.ts';
export { measureLibrary, type MeasureLibraryInput } from './measure-library.ts';
export { measureStage, type MeasureStageInput, type MeasureStageOutput } from './measure-stage.ts';
export { MEASUREMENTS_FILE, measureGuest, type Measurements } from './measurements.ts';
export { defaultMeasureOptions, kernelNrCpus, parseMemoryMiB, parseVcpus, vcpuWarnings, type MeasureOptions } from './options.ts';
export { renderMarkdown, renderText, TABLE_HEADER, tableRows } from './render.ts';

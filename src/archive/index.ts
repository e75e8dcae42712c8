// Safe extraction of kernel source tarballs.
export { detectCompression, extractTarball } from './extract.ts';
export type { Compression, ExtractOptions, ExtractResult } from './extract.ts';

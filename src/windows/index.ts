// The Windows host's public face: the DLL's sources and link, the payload at
// 4 KiB, the PE reader, and the LoadLibrary check under wine.
export {
  DLL_EXPORTS,
  DLL_FILE,
  DLL_INSTALL_DIR,
  DLL_LDFLAGS,
  DLL_PAYLOAD_ALIGN,
  DLL_PAYLOAD_SECTION,
  MINGW_CC,
  dllAsm,
  dllC,
  dllMakefile,
  writeDllSources,
} from './dll-sources.ts';
export type { DllSourceInput } from './dll-sources.ts';
export { dllLinkStage, linkDll } from './link-dll.ts';
export type { DllLinkInput, DllLinkOutput } from './link-dll.ts';
export { dllPayload, dllPayloadFromVmlinux, payloadEnd } from './payload.ts';
export { parsePe, readPe, rvaToOffset, sectionOfRva } from './pe.ts';
export type { PeExport, PeExports, PeFile, PeSection } from './pe.ts';
export { DLL_PROBE_C, buildDllProbe, findWine, pageProtectionName, probeDll, runUnderWine, toWindowsPath, wineEnv } from './probe.ts';
export type { DllProbeReport } from './probe.ts';
export { dllVerifyStage, exportMismatches, headerMismatches, verifyDll } from './verify-dll.ts';
export type { DllVerifyInput, DllVerifyOutput } from './verify-dll.ts';

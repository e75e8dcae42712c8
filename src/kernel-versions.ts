// Published sha256 values of kernel.org linux-<version>.tar.xz tarballs that this
// project knows. A version not listed here must be pinned by the caller with
// `kernel-sha256`: we never download a kernel we cannot verify.
// Sources: the published values in public packaging recipes (nixpkgs, Buildroot,
// Arch, Homebrew); check against kernel.org's signed sha256sums.asc when adding one.
import { InputError } from './errors.ts';

const KNOWN: Readonly<Record<string, string>> = {
  '6.12.6': 'd450ab215de4e1f8bb85e0f4216760fa33fd024b4526b144f4ce0d9012b29c9e',
  '6.12.16': '5f81362a694f51520bff9faecb73f1cc9bc7bece6fdd10d5c27e348df39d7dc4',
  '6.12.23': 'd8d95404f8deeb7ff6992c0df855025062e9e8182bca6daa27ef2e9275d27749',
  '6.12.28': 'e8a099182562aecff781de72ce769461e706d97af42d740dff20eb450dd5771e',
  '6.12.33': 'c0a575630f2603a20bb0641f8df8f955e46c9d7ac1fae8b54b21316e6b52a254',
  '6.12.34': 'a7f3fe381f67eca4172e9b63efb61a14bd7f9e1278e03603d0ff5a93f270c24d',
  '6.12.45': '8f95a8549cfbdfb89c1181a1f55a971f04dfcd629508a2ed70b777ab92f9db3e',
  '6.12.47': 'e82fe40871743048226987bd349ef107168b15aab90140e872ca4ed470922e25',
  '6.12.58': '5f1c4c546660a6a81046fdfa6195306bad2c8d17c0d69876dc100a85ad4613ac',
  '6.12.59': 'a1d2cd7327f10eec022615c1bb12c06439bd110d2020164be97f698f43ca58be',
  '6.12.60': 'a63096b2147411d683cecbf87622bb2ff4885bac2b3641d3d4f10250c89cdcf8',
  '6.12.63': '9502c5ffe4b894383c97abfccf74430a84732f04ee476b9c0d87635b29df7db3',
  '6.12.66': 'ba3897a1c060b05a03cb4dda6f20d8c75e6f73c88b217744823a915056536eaf',
  '6.12.68': 'd367c7504bd4da520dd01eb08125d2d0ac088bc8af4cd56d236f2074dd4225b7',
  '6.12.74': '3b56eeb1dc9a437f189ca56b823be3769994f59a4ea0895b08ec0d20acaca13e',
  '6.12.87': 'cc12a7644b4cef9e06627b29de8753e22b3d076703a9b52be84263e05c8b9830',
  '6.12.91': '0ff2ab9e169f9f1948557471fbb450d3018f8c5b77caf288e1a3982582597969',
  '6.12.92': '0fe376b7db3cac4456b38291bee4faa7091cb8befaa6f9870314f5d1282f9e3e',
  '6.12.94': 'e998a232b9418db3301cb58468e291a4f41d6ab8306029b30d991f56251dc8d2',
  '6.12.109': '5484e552a334e15019f4aeba89e5b58f04651cf2f4e24e04de9f152f1c38e3fa',
};

export const VERSION_PATTERN = /^(\d+)\.(\d+)(?:\.(\d+))?$/;

export function knownKernelSha256(version: string): string | undefined {
  return KNOWN[version];
}

export function knownKernelVersions(): string[] {
  return Object.keys(KNOWN);
}

/** kernel.org's address for a release tarball. */
export function kernelOrgUrl(version: string): string {
  const m = VERSION_PATTERN.exec(version);
  if (!m) throw new InputError(`kernel-version '${version}' is not a version like 6.12.87`);
  return `https://cdn.kernel.org/pub/linux/kernel/v${m[1]}.x/linux-${version}.tar.xz`;
}

/** The pinned sha256 for a kernel.org release, or a message saying how to pin one. */
export function requireKernelSha256(version: string, given?: string): string {
  if (given) return given;
  const known = knownKernelSha256(version);
  if (known) return known;
  throw new InputError(
    `kernel-version ${version} has no sha256 this project knows, so its tarball cannot be verified. ` +
      `Pin it: set kernel-sha256 (--kernel-sha256) to the value for linux-${version}.tar.xz in ` +
      `https://cdn.kernel.org/pub/linux/kernel/v${version.split('.')[0]}.x/sha256sums.asc (check its signature). ` +
      `Known versions: ${knownKernelVersions().join(', ')}.`,
  );
}

// The Windows library with a real kernel, through the pipeline: Debian's 6.12
// built in build mode with the small x86_64 config plus the project's Hyper-V
// fragment (every option of which must land), bundled at 4 KiB into
// libkrunfw.dll by mingw, loaded under wine through LoadLibrary (verify), the
// payload the DLL handed out booted under QEMU (boot); its source release names
// the DLL, its host and mingw. One kernel build.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReleaseManifest } from '../../src/release/manifest.ts';
import { dllPayloadFromVmlinux, probeDll } from '../../src/windows/index.ts';
import { DLL_PAYLOAD_FROM_LIBRARY } from '../../src/windows/probe.ts';
import { sha256 } from '../../src/util/hash.ts';
import { testPlatform } from '../support/context.ts';
import { FIXTURES, requireKernelTarball, SMALL_CONFIG } from '../support/kernel-source.ts';
import { runLibrary } from '../support/library-run.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('windows-kernel');
const WINDOWS_FRAGMENT = path.join(FIXTURES, '..', '..', 'kernel-config', 'x86_64-windows', '70-windows.config');

/** CONFIG_X=y lines of a fragment. */
function asked(fragment: string): string[] {
  return readFileSync(fragment, 'utf8')
    .split('\n')
    .filter((l) => /^CONFIG_\w+=/.test(l));
}

describe('libkrunfw.dll from a real kernel', () => {
  it('keeps every Hyper-V option, loads under wine with exactly the payload, boots, and its source release names its host', async () => {
    const workDir = path.join(root, 'work');
    const outDir = path.join(root, 'out');
    const built = await runLibrary(
      {
        host: 'windows',
        'kernel-source': requireKernelTarball(),
        'kernel-config': [SMALL_CONFIG, WINDOWS_FRAGMENT, path.join(FIXTURES, 'kernel-config', 'small-x86_64-windows.config')],
        'out-dir': outDir,
        'work-dir': workDir,
        'keep-work-dir': 'true',
        'boot-test': 'true',
        jobs: '2',
      },
      testPlatform(root),
      root,
    );
    // verify (LoadLibrary under wine, every byte against the payload) and boot (the marker from init) ran and passed.
    expect(built.stages.filter((s) => ['link', 'verify', 'boot', 'release'].includes(s.name)).map((s) => `${s.name}:${s.status}`)).toEqual([
      'link:passed',
      'verify:passed',
      'boot:passed',
      'release:passed',
    ]);
    expect(path.basename(built.library)).toBe('libkrunfw.dll');
    expect(path.basename(built.tarball)).toBe('libkrunfw-windows-x86_64.tgz');

    const tree = path.join(workDir, 'src', 'linux-source-6.12');
    const config = readFileSync(path.join(tree, '.config'), 'utf8');
    const wanted = asked(WINDOWS_FRAGMENT);
    expect(wanted).toEqual(['CONFIG_HYPERV=y', 'CONFIG_HYPERV_TIMER=y', 'CONFIG_HYPERV_UTILS=y', 'CONFIG_CONNECTOR=y', 'CONFIG_NLS=y']);
    for (const option of wanted) expect(config).toContain(`\n${option}\n`);

    // What the DLL hands out through GetProcAddress is the 4 KiB layout of the vmlinux's PT_LOADs, computed here apart from the pipeline.
    const kp = await dllPayloadFromVmlinux(path.join(tree, 'vmlinux'));
    expect(kp.payload.length % 0x1000).toBe(0);
    await probeDll(built.library, path.join(root, 'probe'));
    expect(sha256(readFileSync(path.join(root, 'probe', DLL_PAYLOAD_FROM_LIBRARY)))).toBe(sha256(kp.payload));

    // The source release names the DLL and its host.
    const release = built.sourceRelease!.tarball;
    expect(path.basename(release)).toBe('libkrunfw-5.4.0-generic-windows-x86_64-source.tar');
    const unpacked = path.join(root, 'unpacked');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xf', release, '-C', unpacked]);
    const manifest = JSON.parse(readFileSync(path.join(unpacked, 'libkrunfw-5.4.0-generic-windows-x86_64-source', 'manifest.json'), 'utf8')) as ReleaseManifest;
    expect(manifest).toMatchObject({ host: 'windows', library: { file: 'libkrunfw.dll', sha256: built.sha256, payloadSha256: sha256(kp.payload) } });
    expect(Object.keys(manifest.toolchain)).toEqual(expect.arrayContaining(['x86_64-w64-mingw32-gcc', 'x86_64-w64-mingw32-ld']));

    // Rebuilding the DLL from this release is test/windows/source-release.test.ts's (build.sh on a stand-in
    // kernel tree gives the same DLL), and the kernel half of verify-source is integration.test.ts's: a second
    // kernel build here would cost the suite ten minutes for no path those two leave untried.
  }, 3_600_000);
});

// build.yml's manifest step: the action's outputs for one cell, checked, into
// <artifact>.json beside the files the cell uploads.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/util/hash.ts';
import { buildManifest, readBuildManifest, sourceReleaseFile, type RawManifestInputs } from '../../src/workflows/build-manifest.ts';
import { envName } from '../../src/workflows/step-io.ts';
import { tempDir } from '../support/tmp.ts';
import { actionBuild, manifestInputs } from './builds.ts';
import { commandLines, runStep } from './step.ts';

const scratch = tempDir('build-manifest');
let cells = 0;

/** A cell's out-dir after the action ran, and the manifest step's inputs for it. */
async function cell(variant: 'generic' | 'sev' = 'generic', arch: 'x86_64' | 'aarch64' = 'x86_64'): Promise<{ out: string; raw: RawManifestInputs }> {
  const out = path.join(scratch, `cell-${++cells}`, 'libkrunfw-out', `libkrunfw-${variant}-${arch}`);
  mkdirSync(out, { recursive: true });
  const built = await actionBuild(scratch, out, variant, arch, { prebuilt: arch === 'aarch64' });
  return { out, raw: manifestInputs(`libkrunfw-${variant}-${arch}`, variant, arch, out, built) };
}

const problems = async (raw: RawManifestInputs): Promise<string[]> => {
  const r = await buildManifest(raw);
  return 'problems' in r ? r.problems : [];
};

describe('buildManifest', () => {
  it('names every file the cell uploads, by the sha256 the action gave and the file has', async () => {
    const { out, raw } = await cell();
    const r = await buildManifest(raw);
    expect('manifest' in r && r.manifest).toEqual({
      action: `owner/libkrunfw-action@${'c'.repeat(40)}`,
      arch: 'x86_64',
      artifact: 'libkrunfw-generic-x86_64',
      host: 'linux',
      'kernel-version': '6.12.87',
      library: 'libkrunfw.so.5.4.0',
      sha256: sha256(readFileSync(path.join(out, 'libkrunfw.so.5.4.0'))),
      soname: 'libkrunfw.so.5',
      'source-release': 'libkrunfw-5.4.0-generic-x86_64-source.tar',
      'source-release-sha256': sha256(readFileSync(path.join(out, 'libkrunfw-5.4.0-generic-x86_64-source.tar'))),
      tarball: 'libkrunfw-x86_64.tgz',
      'tarball-sha256': sha256(readFileSync(path.join(out, 'libkrunfw-x86_64.tgz'))),
      variant: 'generic',
      version: '5.4.0',
    });
  });

  it('expects the source release of the host it names: -windows for the DLL, none for linux or a manifest without a host', () => {
    const m = { version: '5.4.0', variant: 'generic', arch: 'x86_64' } as const;
    expect(sourceReleaseFile({ ...m, host: 'windows' })).toBe('libkrunfw-5.4.0-generic-windows-x86_64-source.tar');
    expect(sourceReleaseFile({ ...m, host: 'linux' })).toBe('libkrunfw-5.4.0-generic-x86_64-source.tar');
    expect(sourceReleaseFile(m)).toBe('libkrunfw-5.4.0-generic-x86_64-source.tar');
  });

  it('refuses a host that is not one', async () => {
    const { raw } = await cell();
    expect(await buildManifest({ ...raw, host: 'macos' })).toEqual({ problems: ["host: 'macos' is not one of linux, windows"] });
  });

  it("names aarch64's macOS bundle when the action wrote one", async () => {
    const { out, raw } = await cell('generic', 'aarch64');
    const r = await buildManifest(raw);
    expect('manifest' in r && r.manifest).toMatchObject({
      prebuilt: 'libkrunfw-prebuilt-aarch64.tgz',
      'prebuilt-sha256': sha256(readFileSync(path.join(out, 'libkrunfw-prebuilt-aarch64.tgz'))),
    });
  });

  it("names a sev build's measurements.json by its sha256", async () => {
    const { out, raw } = await cell('sev');
    const r = await buildManifest(raw);
    expect('manifest' in r && r.manifest).toMatchObject({
      measurements: 'measurements.json',
      'measurements-sha256': sha256(readFileSync(path.join(out, 'measurements.json'))),
    });
  });

  it('refuses a sev build without measurements.json, and one for any other variant', async () => {
    const sev = await cell('sev');
    expect(await problems({ ...sev.raw, measurements: '' })).toEqual([
      'measurements: no measurements.json: every sev library is released with its launch digests',
    ]);
    const generic = await cell();
    expect(await problems({ ...generic.raw, measurements: sev.raw.measurements })).toEqual([
      "measurements: a measurements.json for a 'generic' build: only sev libraries are measured",
    ]);
  });

  it('refuses a measurements.json of another library, not JSON, or outside out-dir', async () => {
    const { out, raw } = await cell('sev');
    const file = path.join(out, 'measurements.json');
    const other = JSON.parse(readFileSync(file, 'utf8')) as { library: { sha256: string } };
    other.library.sha256 = sha256('another library');
    writeFileSync(file, JSON.stringify(other));
    expect(await problems(raw)).toEqual([
      `measurements: measurements.json measured a library of sha256 ${sha256('another library')}, not this build's ${raw['library-sha256']}`,
    ]);
    writeFileSync(file, 'not json');
    expect(await problems(raw)).toEqual([`measurements: measurements.json measured a library of sha256 (none), not this build's ${raw['library-sha256']}`]);
    const elsewhere = path.join(scratch, 'measurements.json');
    writeFileSync(elsewhere, '{}');
    expect(await problems({ ...raw, measurements: elsewhere })).toEqual([expect.stringMatching(/^measurements '.*measurements\.json' is not in /)]);
  });

  it('refuses a build without a source release: no binary is uploaded without its source', async () => {
    const { raw } = await cell();
    expect(await problems({ ...raw, 'source-release': '' })).toEqual(['source-release: the action gave no path (every build writes one)']);
  });

  it('refuses outputs outside the out-dir it uploads, or missing', async () => {
    const { out, raw } = await cell('generic', 'aarch64');
    const elsewhere = path.join(scratch, 'libkrunfw.so.5.4.0');
    copyFileSync(raw.library, elsewhere);
    expect(await problems({ ...raw, library: elsewhere })).toEqual([
      expect.stringMatching(/^library '.*\/libkrunfw\.so\.5\.4\.0' is not in '.*libkrunfw-generic-aarch64'$/),
    ]);
    const prebuilt = path.join(scratch, 'libkrunfw-prebuilt-aarch64.tgz');
    copyFileSync(raw.prebuilt, prebuilt);
    expect(await problems({ ...raw, prebuilt })).toEqual([expect.stringMatching(/^prebuilt '.*' is not in /)]);
    expect(await problems({ ...raw, tarball: path.join(out, 'gone.tgz') })).toEqual([expect.stringMatching(/^tarball: '.*gone\.tgz' does not exist$/)]);
  });

  it('refuses a file whose sha256 is not the one the action gave', async () => {
    const { raw } = await cell();
    writeFileSync(raw.tarball, 'changed after the action hashed it');
    expect(await problems(raw)).toEqual([expect.stringMatching(/^tarball: libkrunfw-x86_64\.tgz has sha256 [0-9a-f]{64}, the action said '[0-9a-f]{64}'$/)]);
  });

  it('refuses a build of another variant or architecture than the cell asked for', async () => {
    const { raw } = await cell();
    expect(await problems({ ...raw, 'built-variant': 'sev' })).toEqual(["the action built variant 'sev', this cell asked for 'generic'"]);
    expect(await problems({ ...raw, arch: 'mips', 'built-arch': 'mips' })).toEqual(["arch: 'mips' is not one of x86_64, aarch64, riscv64"]);
  });
});

describe('the build-manifest command, as the cell runs it', () => {
  const env = (raw: RawManifestInputs): Record<string, string> => Object.fromEntries(Object.entries(raw).map(([k, v]) => [envName(k), v]));

  it('writes <artifact>.json into out-dir, reads back as the release jobs read it, and prints it', async () => {
    const { out, raw } = await cell('sev');
    const r = await runStep(scratch, 'build-manifest', env(raw));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const file = path.join(out, 'libkrunfw-sev-x86_64.json');
    const text = readFileSync(file, 'utf8');
    expect(r.stdout).toBe(text);
    expect(Object.keys(JSON.parse(text))).toEqual(Object.keys(JSON.parse(text)).sort());
    expect(readBuildManifest(out, 'libkrunfw-sev-x86_64')).toEqual({ manifest: JSON.parse(text) });
    expect(JSON.parse(text)).toMatchObject({
      variant: 'sev',
      tarball: 'libkrunfw-sev-x86_64.tgz',
      library: 'libkrunfw-sev.so.5.4.0',
      measurements: 'measurements.json',
    });
  });

  it('refuses with exit 1 and an annotation, and writes nothing', async () => {
    const { out, raw } = await cell();
    const r = await runStep(scratch, 'build-manifest', env({ ...raw, 'built-arch': 'aarch64' }));
    expect(r.status).toBe(1);
    expect(commandLines(r, 'error')).toEqual(["::error title=build manifest::the action built arch 'aarch64', this cell asked for 'x86_64'"]);
    expect(r.stderr).toBe("error: the action built arch 'aarch64', this cell asked for 'x86_64'\n");
    expect(existsSync(path.join(out, 'libkrunfw-generic-x86_64.json'))).toBe(false);
  });
});

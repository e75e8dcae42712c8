// An SPDX 2.3 document for a source release: the library, the kernel it bundles,
// each patch, and the licences that apply to each.
import { createHash } from 'node:crypto';
import type { ReleaseManifest } from './manifest.ts';

const ref = (s: string): string => `SPDXRef-${s.replace(/[^A-Za-z0-9.-]/g, '-')}`;

export function spdxDocument(m: ReleaseManifest, created: Date): Record<string, unknown> {
  const sha = (path: string): string => m.files.find((f) => f.path === path)?.sha256 ?? '';
  // The namespace must be unique per document; derive it from the contents, not a random id.
  const ns = createHash('sha256').update(JSON.stringify(m.files)).digest('hex').slice(0, 32);
  const lib = ref(`Package-${m.library.file}`);
  const kernel = ref(`Package-linux-${m.kernel.version}`);
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: m.name,
    documentNamespace: `https://spdx.org/spdxdocs/libkrunfw-action/${m.name}-${ns}`,
    creationInfo: { created: created.toISOString().replace(/\.\d{3}Z$/, 'Z'), creators: ['Tool: libkrunfw-action'] },
    packages: [
      {
        SPDXID: lib,
        name: 'libkrunfw',
        versionInfo: m.version,
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        licenseConcluded: 'LGPL-2.1-only AND GPL-2.0-only',
        licenseDeclared: 'LGPL-2.1-only',
        copyrightText: 'NOASSERTION',
        checksums: [{ algorithm: 'SHA256', checksumValue: m.library.sha256 }],
        comment: `${m.library.file} (${m.arch}, ${m.variant}); it bundles the Linux kernel below as data.`,
      },
      {
        SPDXID: kernel,
        name: 'linux',
        versionInfo: m.kernel.version,
        downloadLocation: /^https?:/.test(m.kernel.origin) ? m.kernel.origin : 'NOASSERTION',
        filesAnalyzed: false,
        licenseConcluded: 'GPL-2.0-only',
        licenseDeclared: 'GPL-2.0-only WITH Linux-syscall-note',
        copyrightText: 'NOASSERTION',
        checksums: [{ algorithm: 'SHA256', checksumValue: m.kernel.sha256 }],
      },
    ],
    files: m.patches.map((p) => ({
      SPDXID: ref(`File-${p}`),
      fileName: `./${p}`,
      checksums: [{ algorithm: 'SHA256', checksumValue: sha(p) }],
      licenseConcluded: 'GPL-2.0-only',
      copyrightText: 'NOASSERTION',
    })),
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: lib },
      { spdxElementId: lib, relationshipType: 'CONTAINS', relatedSpdxElement: kernel },
      ...m.patches.map((p) => ({ spdxElementId: ref(`File-${p}`), relationshipType: 'PATCH_APPLIED', relatedSpdxElement: kernel })),
    ],
  };
}

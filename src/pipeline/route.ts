// The route of a run, in order: every step with what it needs, what it produces
// and when it is skipped, and the cache levels wrapped around the steps they can
// spare. plan.ts runs it; src/pipeline/stages/ holds each step's work.
//
//   (recipe)                            libkrunfw-ref only: check out the tree, settle the request
//   [source cache]  source              the tarball, its sha256 checked
//   [output cache]                      a hit skips everything to link
//       [tree cache]  extract           a hit reuses the last build's tree
//       patch, configure
//       [compiler cache]  compile
//       bundle, link
//   verify, measure (sev), boot, package   every run, cached or not
//   release, publish                    the source release, then the upload
//
// Packaging an existing kernel (bundle mode) takes bundle … package only; a
// check takes source, extract and check (every patch, every option, no compile).
import path from 'node:path';
import { compilerCache, outputCache, sourceCache, treeCache } from '../cache/levels.ts';
import { hostInfix, targetTools } from '../target.ts';
import { cached, step, type Route } from './plan.ts';
import type { BuildState } from './state.ts';
import {
  bootStage, bundleStage, checkStage, compileStage, configureStage, extractStage, linkStage, measureStage,
  packageStage, patchStage, publishStage, recipeStage, releaseStage, sourceStage, verifyStage, whyNotBoot,
} from './stages/index.ts';

const recipe = step(recipeStage, {
  needs: [], produces: ['request', 'build'], input: (s) => s.pending!.checkout,
  // A build request is also the library request the later steps read.
  output: (tree, s) => { const build = s.pending!.settle(tree); return { request: build, build }; },
});

const source = step(sourceStage, {
  needs: ['build'], produces: ['fetched'],
  input: (s) => ({ ...s.build.kernel, downloadTo: s.downloadTo }),
  output: (fetched) => ({ fetched }),
});

const extract = step(extractStage, {
  needs: ['build', 'fetched'], produces: ['extracted'],
  input: (s) => ({ tarball: s.fetched.tarball, expectVersion: s.build.kernel.source.kind === 'url' ? s.build.kernel.source.version : undefined }),
  output: (extracted) => ({ extracted }),
});

const patch = step(patchStage, {
  needs: ['build', 'extracted'], produces: ['patched'],
  input: (s) => ({ tree: s.extracted.tree, patches: s.build.patches }),
  output: (patched) => ({ patched }),
});

const configure = step(configureStage, {
  needs: ['build', 'extracted'], produces: ['configured', 'kernel'],
  input: (s) => ({ tree: s.extracted.tree, arch: s.build.arch, config: s.build.config, crossCompile: targetTools(s.build.arch).crossCompile }),
  output: (configured, s) => ({ configured, kernel: { version: s.extracted.kernelVersion, finalConfig: configured.dotConfig, licenses: s.extracted.licenses } }),
});

const compile = step(compileStage, {
  needs: ['build', 'extracted'], produces: ['compiled'],
  input: (s) => ({ tree: s.extracted.tree, arch: s.build.arch, jobs: s.build.jobs, reproducibility: s.build.reproducibility, crossCompile: targetTools(s.build.arch).crossCompile, ccache: s.ccache }),
  output: (compiled) => ({ compiled }),
});

const bundle = step(bundleStage, {
  needs: ['request', 'compiled'], produces: ['bundled'],
  input: (s) => ({ image: s.compiled.image, arch: s.request.arch, host: s.request.host, blobs: s.request.blobs }),
  output: (bundled) => ({ bundled }),
});

const link = step(linkStage, {
  needs: ['request', 'bundled'], produces: ['linked'],
  input: ({ request: r, bundled }) => ({ ...bundled, variant: r.variant, arch: r.arch, host: r.host, abiVersion: r.abiVersion, version: r.version, cc: targetTools(r.arch).cc, strip: targetTools(r.arch).strip }),
  output: (linked) => ({ linked }),
});

const verify = step(verifyStage, {
  needs: ['request', 'bundled', 'linked'], produces: ['verified'],
  input: ({ request, bundled, linked }) => ({ ...bundled, ...linked, abiVersion: request.abiVersion, tools: targetTools(request.arch), host: request.host }),
  output: (verified) => ({ verified }),
});

const measure = step(measureStage, {
  needs: ['request', 'linked', 'verified'], produces: ['measured'],
  skip: (s) => (s.request.measure ? undefined : 'only sev libraries are measured'),
  input: (s) => ({ library: s.linked.library, outDir: s.request.outDir, options: s.request.measure, dotConfig: s.kernel?.finalConfig }),
  output: (measured) => ({ measured }),
});

const check = step(checkStage, {
  needs: ['build', 'extracted'], produces: ['checked', 'patched'],
  input: (s) => ({ tree: s.extracted.tree, arch: s.build.arch, patches: s.build.patches, config: s.build.config, crossCompile: targetTools(s.build.arch).crossCompile, outDir: s.build.outDir }),
  // The stage takes its patches off again: the tree is as extracted, for the tree cache.
  output: (checked) => ({ checked, patched: { series: [] } }),
});

const boot = step(bootStage, {
  needs: ['request', 'bundled', 'verified'], produces: ['booted'],
  skip: (s) => whyNotBoot(s.request),
  input: (s) => ({ payloadFile: s.verified.payloadFromLibrary, loadAddr: s.bundled.loadAddr, entryAddr: s.bundled.entryAddr, arch: s.request.arch }),
  output: (booted) => ({ booted }),
});

const pack = step(packageStage, {
  needs: ['request', 'linked'], produces: ['packaged'],
  input: (s) => ({ ...s.linked, ...s.request, sourceDateEpoch: s.request.reproducibility.sourceDateEpoch, kept: s.keptPackage }),
  output: (packaged) => ({ packaged }),
});

const release = step(releaseStage, {
  needs: ['build', 'fetched', 'kernel', 'bundled', 'linked', 'packaged'], produces: ['released'],
  input: async ({ build: b, fetched, kernel, bundled, linked, packaged, measured }, rt) => ({
    ...b,
    library: { file: linked.fileName, soname: linked.soname, sha256: packaged.librarySha256, payloadSha256: bundled.sha256 },
    kernel: { version: kernel.version, tarball: fetched.tarball, sha256: fetched.sha256, origin: b.kernel.source.kind === 'url' ? b.kernel.source.url : `local file ${path.basename(b.kernel.source.path)}` },
    recipe: b.recipe.kind === 'project' ? undefined : { kind: 'libkrunfw-tree' as const, repository: b.recipe.repository, ref: b.recipe.ref, commit: b.recipe.commit },
    ...{ finalConfig: kernel.finalConfig, licenses: kernel.licenses, librarySources: linked.sourceDir, blobs: bundled.blobs, measurements: measured?.file },
    toolchain: (await rt.toolchain(b.arch, b.host)).tools,
  }),
  output: (released) => ({ released }),
});

const publish = step(publishStage, {
  needs: ['build', 'packaged', 'released'], produces: ['published'],
  skip: (s, rt) => (!s.build.upload ? 'upload is false' : !rt.platform.publisher ? 'this platform does not upload; the files stay in out-dir' : undefined),
  input: ({ build: b, packaged: p, released }) => ({
    ...b, name: `libkrunfw-${b.version}-${b.variant}${hostInfix(b.host)}-${b.arch}`, library: p.library, tarball: p.tarball, extra: p.prebuilt ? [p.prebuilt.tarball] : [], sourceRelease: released.tarball,
  }),
  output: (published) => ({ published }),
});

const BUILD_ROUTE: Route = [
  cached(sourceCache, source),
  cached(outputCache, cached(treeCache, extract), patch, configure, cached(compilerCache, compile), bundle, link),
  verify,
  measure,
  boot,
  pack,
  release,
  publish,
];

const BUNDLE_ROUTE: Route = [bundle, link, verify, measure, boot, pack];
const CHECK_ROUTE: Route = [cached(sourceCache, source), cached(treeCache, extract), check];

/** The route of a run: a build, a check, or the packaging of a given kernel (after the recipe step when libkrunfw-ref must be checked out first). */
export function routeOf(s: BuildState): Route {
  const mode = s.pending?.mode ?? s.build?.mode;
  const route = mode === 'check' ? CHECK_ROUTE : mode === 'build' ? BUILD_ROUTE : BUNDLE_ROUTE;
  return s.pending ? [recipe, ...route] : route;
}

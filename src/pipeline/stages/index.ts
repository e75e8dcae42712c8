// Every step's work, one stage per module; route.ts declares how they chain.
export { bootStage, whyNotBoot } from './boot.ts';
export { bundleStage } from './bundle.ts';
export { compileStage } from './compile.ts';
export { configureStage } from './configure.ts';
export { extractStage } from './extract.ts';
export { linkStage } from './link.ts';
export { packageStage } from './package.ts';
export { patchStage } from './patch.ts';
export { publishStage } from './publish.ts';
export { recipeStage } from './recipe.ts';
export { releaseStage } from './release.ts';
export { sourceStage } from './source.ts';
export { verifyStage } from './verify.ts';
export { checkStage } from '../../check/run-check.ts';
export { measureStage } from '../../measure/measure-stage.ts';

// recipe: libkrunfw-ref names a libkrunfw tree at a branch, tag or commit; check
// it out (shallowly) so the request can take its Makefile's versions, its
// patches, its config and its blobs. Everything the caller gave was checked
// before this runs.
import path from 'node:path';
import { checkoutLibkrunfw } from '../../recipe/checkout.ts';
import type { CheckedOutTree } from '../../request/types.ts';
import type { Stage } from '../stage.ts';

export interface RecipeInput {
  repository: string;
  ref: string;
}

export const recipeStage: Stage<RecipeInput, CheckedOutTree> = {
  name: 'recipe',
  title: 'check out the libkrunfw tree',
  async run(input, ctx) {
    ctx.log.info(`checking out libkrunfw ${input.ref} from ${input.repository}`);
    const { dir, commit } = await checkoutLibkrunfw({ ...input, dest: path.join(ctx.workDir, 'recipe') });
    ctx.log.info(`libkrunfw ${input.ref} is commit ${commit}`);
    return { dir, commit, ...input };
  },
  produces: (o) => [path.join(o.dir, 'Makefile')],
  summary: (o) => `${o.ref} at ${o.commit.slice(0, 12)}`,
};

import type { AppModule } from '../../platform/modules.js';
import type { PersonLink } from './persons-merge.links.js';
import { personsMergeRoutes } from './persons-merge.routes.js';

export type { PersonLink } from './persons-merge.links.js';

declare module '../../platform/modules.js' {
  interface Hooks {
    /** Tables that follow a merge of persons: their rows move to the survivor and back on undo. */
    personLinks: PersonLink;
  }
}

/** Duplicate candidates, merge of two records of one person and its undo (managers). Owns the `personLinks` extension point. */
export const personsMergeModule: AppModule = {
  name: 'persons-merge',
  routes: (services, hooks) => personsMergeRoutes(services, hooks),
};

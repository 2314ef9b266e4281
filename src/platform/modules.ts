/**
 * How a capability plugs into the application: each module folder has one `<name>.module.ts`
 * exporting an `AppModule`; `modules/index.ts` only lists them. A module that offers an extension
 * point (e.g. sections of the application page, tables that follow a merge of persons) declares it
 * by augmenting `Hooks` in its own module file; other modules contribute to it in `contribute`,
 * never by a side effect of being imported. So the dependency points from the contributor to the
 * owner, and no two modules import each other.
 *
 *   declare module '../../platform/modules.js' { interface Hooks { personLinks: PersonLink } }   // owner
 *   export const thingsModule: AppModule = {
 *     name: 'things',
 *     contribute: (hooks) => hooks.add('personLinks', { table: 'things', column: 'person_id', key: ['id'] }),
 *     routes: (services, hooks) => async (app) => { await app.register(thingRoutes(services, hooks)); },
 *     jobs: (services) => thingJobs(services),
 *   };
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';

/** Extension points by name → the type of one contribution. Modules that own an extension point augment this. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging in the modules
export interface Hooks {}

/** The contributions to every extension point, collected once at start. */
export class HookRegistry {
  private readonly items = new Map<keyof Hooks, unknown[]>();

  add<K extends keyof Hooks>(point: K, item: Hooks[K]): void {
    const list = this.items.get(point) ?? [];
    list.push(item);
    this.items.set(point, list);
  }

  all<K extends keyof Hooks>(point: K): readonly Hooks[K][] {
    return (this.items.get(point) ?? []) as Hooks[K][];
  }
}

export interface AppModule {
  name: string;
  /** Adds this module's contributions to other modules' extension points. */
  contribute?: (hooks: HookRegistry) => void;
  /** Registers the module's background jobs with `services.jobs` (they start with the job runner). */
  jobs?: (services: Services, hooks: HookRegistry) => Promise<void>;
  /** The module's pages and API routes (API routes register themselves under `/api/v1`); none for a module of jobs only. */
  routes?: (services: Services, hooks: HookRegistry) => (app: FastifyInstance) => Promise<void>;
}

/** Every module's contributions to the extension points (also for scripts that call use-cases, e.g. the demo seed). */
export function collectHooks(modules: readonly AppModule[]): HookRegistry {
  const hooks = new HookRegistry();
  for (const m of modules) m.contribute?.(hooks);
  return hooks;
}

/** Registers every module: contributions first (so every extension point is complete), then jobs, then routes, in list order. */
export async function registerAppModules(
  app: FastifyInstance,
  services: Services,
  modules: readonly AppModule[],
): Promise<HookRegistry> {
  const hooks = collectHooks(modules);
  for (const m of modules) await m.jobs?.(services, hooks);
  for (const m of modules) if (m.routes) await app.register(m.routes(services, hooks));
  return hooks;
}

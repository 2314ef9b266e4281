import 'fastify';
import type { TFunction } from 'i18next';
import type { Actor } from '../platform/policy.js';
import type { SessionRecord } from '../platform/session.js';
import type { Locale } from '../platform/i18n.js';
import type { HookRegistry } from '../platform/modules.js';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    t: TFunction;
    a11yClasses: string;
    session: SessionRecord | null;
    sessionExpired: boolean;
    actor: Actor | null;
    publicHromadaName: string | null;
  }
  interface FastifyInstance {
    /** Every module's contributions to the others' extension points (platform/modules.ts). */
    moduleHooks: HookRegistry;
  }
  interface FastifyReply {
    /** Renders a page in the layout with the common context (status 200 unless given). */
    page(template: string, data?: Record<string, unknown>, status?: number): FastifyReply;
  }
}

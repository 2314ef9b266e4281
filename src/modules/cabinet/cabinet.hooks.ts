import type { FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';

/**
 * A section another module adds to the resident's application page (`cabinet/views/application.njk`),
 * e.g. the messages module's conversation with the office. The page puts the section's view into its
 * context under `name` and includes `template` (after the timeline), which reads it from there.
 * Declared as the extension point `cabinetApplicationSections` in `cabinet.module.ts`.
 */
export interface CabinetApplicationSection {
  name: string;
  template: string;
  /** The section's view of the resident's application `applicationId` (null: nothing to show). */
  view: (services: Services, req: FastifyRequest, applicationId: string) => Promise<unknown>;
}

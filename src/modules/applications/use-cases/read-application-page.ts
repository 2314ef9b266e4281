import type { TFunction } from 'i18next';
import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { assignees } from '../applications.queries.js';
import { canAssign, commandsFor } from '../applications.policy.js';
import type { ApplicationSection } from '../applications.hooks.js';
import type { Command } from '../status-machine.js';
import { getApplication, type ApplicationView } from './get-application.js';
import { applicantPanel, type ApplicantPanel } from './get-applicant-panel.js';

export interface ApplicationPage {
  view: ApplicationView;
  /** The commands the actor may use now, and what else the page offers the actor. */
  commands: Command[];
  canAssign: boolean;
  canPerson: boolean;
  canLink: boolean;
  assignees: { id: string; name: string }[];
  /** What the resident typed and the registry's candidates, for an application whose person is not confirmed. */
  unconfirmed: ApplicantPanel | null;
  /** The other modules' sections by their template names. */
  sections: Record<string, unknown>;
}

/**
 * Everything the staff application page shows, in one transaction: the application with its
 * timeline (audited), the possible assignees, the unconfirmed applicant's panel and the sections
 * other modules add (each audits its own read). `confirm`: the confirmation page of a destructive
 * command, which leaves out the sections that belong to the full page only.
 */
export async function readApplicationPage(
  o: UseCase<{
    id: string;
    sections: readonly ApplicationSection[];
    confirm: boolean;
    t: TFunction;
  }>,
): Promise<ApplicationPage> {
  return inTenant(o, 'applications.read', async (w) => {
    const { c, actor, hromadaId } = w;
    const inside = { services: o.services, actor, meta: o.meta, tx: c, audit: w.audit };
    const view = await getApplication({ ...inside, id: o.id });
    const a = view.application;
    const scope = { hromadaId, districtId: a.district_id };
    const assignable = canAssign(actor, hromadaId, a);
    const people = assignable ? await assignees(c, hromadaId) : [];
    const unconfirmed = a.person_id === null ? await applicantPanel({ ...inside, id: o.id }) : null;
    const sections: Record<string, unknown> = {};
    for (const s of o.sections) {
      if (o.confirm && s.pageOnly) continue;
      sections[s.key] = await s.read({ ...w, services: o.services, application: a, t: o.t });
    }
    return {
      view,
      commands: commandsFor(actor, hromadaId, a),
      canAssign: assignable,
      canPerson: a.person_id !== null && can(actor, 'registry.read', scope),
      canLink: can(actor, 'applications.process', scope),
      assignees: people,
      unconfirmed,
      sections,
    };
  });
}

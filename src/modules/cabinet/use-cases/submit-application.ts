import { AppError } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { notifyApplicant } from '../../notifications/notifications.js';
import { addHistory, loadService } from '../../applications/applications.queries.js';
import { registration } from '../../applications/registration.js';
import { withOwnApplication, type ResidentCase } from '../cabinet.policy.js';
import {
  attachmentsOf,
  findOnlineService,
  formKeyOf,
  loadApplicant,
  onlineFormOf,
  registerOnline,
} from '../cabinet.queries.js';
import { recordOnlineConsent } from '../../consents/online-consent.js';

export interface SubmitResult {
  id: string;
  registrationNumber: string | null;
  repeated: boolean;
}

/**
 * Submits the resident's draft: checks again that every required document is attached and the
 * consent given, then moves draft → submitted → registered at once (as the applications module
 * does for every channel): the hromada's next registration number of the year and the decision
 * deadline, two timeline entries and an audit entry; the consent is recorded on the person. The form's key makes a second click (or a
 * repeated post) return the same application instead of a second registration.
 */
export async function submitApplication(o: ResidentCase<{ id: string; formKey: string }>): Promise<SubmitResult> {
  const { actor } = o;
  return withOwnApplication(
    o.services,
    actor,
    o.id,
    true,
    async (c, a, hromadaId, _confirmed, audit) => {
      if ((await formKeyOf(c, a.id)) !== o.formKey)
        throw new AppError('conflict', { messageKey: 'cabinet.apply.v.keyMismatch' });
      if (a.status !== 'draft') {
        if (a.channel !== 'online' || a.status === 'withdrawn')
          throw new AppError('conflict', { messageKey: 'cabinet.apply.v.notDraft' });
        return { id: a.id, registrationNumber: a.registration_number, repeated: true };
      }
      const online = await findOnlineService(c, hromadaId, a.service_id);
      const service = await loadService(c, hromadaId, a.service_id);
      if (!online || !service) throw new AppError('conflict', { messageKey: 'cabinet.apply.v.serviceGone' });
      const attached = await attachmentsOf(c, a.id);
      const missing = online.documents.filter(
        (d) => d.required && !attached.some((x) => x.service_document_id === d.id),
      );
      const form = await onlineFormOf(c, a.id);
      if (missing.length || !form?.consent_at)
        throw new AppError('conflict', { messageKey: 'cabinet.apply.v.incomplete' });
      // Without a registry link, who applies must have been typed in.
      if (a.person_id === null && !(await loadApplicant(c, a.id)))
        throw new AppError('conflict', { messageKey: 'cabinet.apply.v.incomplete' });
      const today = kyivToday();
      const reg = await registration(c, { hromadaId, service, today });
      await registerOnline(c, a.id, reg);
      const who = { hromadaId, applicationId: a.id, by: actor };
      await addHistory(c, { ...who, event: 'submit', from: 'draft', to: 'submitted', data: { channel: 'online' } });
      await addHistory(c, {
        ...who,
        event: 'register',
        from: 'submitted',
        to: 'registered',
        data: {
          registrationNumber: reg.registrationNumber,
          deadline: reg.deadline,
          processingDays: reg.processingDays,
        },
      });
      await notifyApplicant(c, { hromadaId, applicationId: a.id, kind: 'registered' });
      // The consent ticked in the form, on the person (an application without a person: when a worker links one).
      await recordOnlineConsent(c, { hromadaId, applicationId: a.id, audit });
      await audit({
        action: 'application.submit',
        operation: 'write',
        entityType: 'application',
        entityId: a.id,
        fields: ['status', 'registrationNumber', 'deadline', 'documents'],
      });
      return { id: a.id, registrationNumber: reg.registrationNumber, repeated: false };
    },
    o.meta,
  );
}

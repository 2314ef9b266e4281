import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import {
  loadAccessHistory,
  loadAgencies,
  loadApplicationFiles,
  loadApplications,
  loadCategoryHistory,
  loadConsents,
  loadDeliveries,
  loadDocuments,
  loadMemberships,
  loadMerges,
  loadSubject,
  recordIds,
  transactionNow,
} from '../subject-report.queries.js';
import { renderSubjectReport, type SubjectReportData } from '../subject-report.pdf.js';

/** The access history in the report stops here (the audit search shows everything). */
export const HISTORY_LIMIT = 5000;

/** What the report reveals, as recorded in the audit trail. */
const REPORT_FIELDS = [
  'name',
  'birthDate',
  'sex',
  'rnokpp',
  'unzr',
  'contacts',
  'address',
  'documentNumbers',
  'categories',
  'households',
  'consents',
  'agencies',
  'applications',
  'files',
  'deliveries',
  'accessHistory',
];

/**
 * The data-subject report: everything held about a person (identifiers in full, for handing to
 * the person) — with their applications, the files given with them and the providers delivering
 * their services — and who read or changed any of it, as a PDF. Generating it is itself audited as a reveal,
 * in the same transaction that reads the data, so the report lists its own production too.
 */
export async function produceSubjectReport(
  o: UseCase<{ personId: string }>,
): Promise<{ pdf: Buffer; generatedAt: Date }> {
  const { services } = o;
  const data = await inTenant(
    o,
    'registry.subjectReport',
    async ({ c, actor, hromadaId, audit }): Promise<SubjectReportData> => {
      await requirePerson(c, actor, 'registry.subjectReport', o.personId);
      const person = await loadSubject(c, hromadaId, o.personId);
      if (!person) throw new AppError('not_found');
      if (person.merged_into) {
        throw new AppError('conflict', {
          messageKey: 'subjectReport.merged',
          details: { existingId: person.merged_into },
        });
      }
      await audit({
        action: 'person.subjectReport',
        operation: 'read',
        entityType: 'person',
        entityId: o.personId,
        fields: REPORT_FIELDS,
      });
      const now = await transactionNow(c);
      const documents = await loadDocuments(c, o.personId);
      const ids = await recordIds(c, o.personId);
      const applications = await loadApplications(c, ids);
      const deliveries = await loadDeliveries(c, ids);
      const consents = await loadConsents(c, o.personId);
      const related = {
        applications: applications.map((a) => a.id),
        assignments: deliveries.map((d) => d.id),
        consents: consents.map((k) => k.id),
      };
      return {
        hromadaName: actor.hromadaName ?? '',
        generatedAt: now,
        generatedBy: actor.displayName,
        person,
        rnokpp: person.rnokpp_sealed ? services.box.open(person.rnokpp_sealed) : null,
        unzr: person.unzr_sealed ? services.box.open(person.unzr_sealed) : null,
        documents: documents.map((d) => ({ ...d, number: services.box.open(d.number_sealed) })),
        categories: await loadCategoryHistory(c, o.personId),
        memberships: await loadMemberships(c, o.personId),
        consents,
        agencies: await loadAgencies(c, o.personId),
        merges: await loadMerges(c, o.personId),
        applications,
        files: await loadApplicationFiles(c, related.applications),
        deliveries,
        history: await loadAccessHistory(c, hromadaId, ids, HISTORY_LIMIT, related),
      };
    },
  );
  return { pdf: await renderSubjectReport(data), generatedAt: data.generatedAt };
}

/**
 * What this module adds to the case page (`caseSections` of the cases module): the case's assessments, the way to
 * start one with a form made for the case's type, and the re-assessments due (overdue ones stand out).
 */
import { kyivToday } from '../../platform/dates.js';
import type { CaseSection } from '../cases/cases.hooks.js';
import { formsForCase } from './assessments.policy.js';
import { caseAssessments, caseReviews } from './assessments.queries.js';
import { formName, presentAssessmentItem, presentReview } from './assessments.presenter.js';

export const caseAssessmentsSection: CaseSection = {
  template: 'assessments/views/case-assessments.njk',
  fields: ['assessments'],
  read: async ({ c, hromadaId, kase, canWrite, t, locale }) => {
    const today = kyivToday();
    const forms = canWrite ? await formsForCase(c, hromadaId, kase) : [];
    return {
      assessments: (await caseAssessments(c, hromadaId, kase.id)).map((a) =>
        presentAssessmentItem(a, kase.id, t, locale),
      ),
      assessmentReviews: (await caseReviews(c, hromadaId, kase.id)).map((r) => presentReview(r, today, t)),
      assessmentForms: forms.map((f) => ({
        href: `/cases/${kase.id}/assessments/new?form=${f.code}`,
        name: formName(f, locale),
      })),
    };
  },
};

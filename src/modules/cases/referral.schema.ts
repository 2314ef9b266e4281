import { z } from 'zod';
import { field } from '../../platform/forms.js';
import { UUID, uuidSchema } from '../../platform/ids.js';
import { isIsoDate } from '../../platform/dates.js';
import { LAW_GROUNDS, REFERRAL_KINDS, REFERRAL_SECTIONS } from './referral.queries.js';

const V = 'cases.v.';

/** What every referral says: what kind, to whom, why, which sections it shares and on what basis. */
const referralFields = {
  kind: z.enum(REFERRAL_KINDS, { error: `${V}referralKind` }),
  toAgencyId: z.number().int().positive().optional(),
  toUserId: z.string().regex(UUID, `${V}recipient`).optional(),
  purpose: z.string().trim().min(1, `${V}referralPurpose`).max(2000, `${V}referralPurposeLong`),
  sections: z.array(z.enum(REFERRAL_SECTIONS, { error: `${V}sections` })).max(REFERRAL_SECTIONS.length),
  basis: z.enum(['consent', 'consentNow', 'law', 'override'], { error: `${V}basis` }),
  consentId: z.string().regex(UUID, `${V}consentMissing`).optional(),
  consentGivenOn: z.string().optional(),
  lawGround: z.enum(LAW_GROUNDS, { error: `${V}lawGround` }).optional(),
  reason: z.string().trim().max(2000, `${V}reasonLong`).optional(),
};
export const referralInput = z.object(referralFields);
export type ReferralInput = z.infer<typeof referralInput>;

/** The form's fields as posted (`recipient` is `agency:<id>` or `user:<uuid>`; the date in three boxes). */
export const referralForm = z.object({
  kind: field.text().pipe(referralFields.kind),
  recipient: field
    .text()
    .pipe(z.string().regex(new RegExp(`^(agency:\\d{1,9}|user:${UUID.source.slice(1, -1)})$`, 'i'), `${V}recipient`)),
  purpose: field.text().pipe(referralFields.purpose),
  sections: field.many().pipe(referralFields.sections),
  basis: field.text().pipe(referralFields.basis),
  consentId: field.optional().pipe(referralFields.consentId),
  consentGivenOn: z.string().optional(),
  lawGround: field.optional().pipe(referralFields.lawGround),
  reason: field.optional().pipe(referralFields.reason),
});

/** `agency:<id>` / `user:<uuid>` → the recipient's id. */
export function recipientOf(v: string): { toAgencyId?: number; toUserId?: string } {
  const [kind, id = ''] = v.split(':');
  return kind === 'agency' ? { toAgencyId: Number(id) } : { toUserId: id.toLowerCase() };
}

export const isConsentDate = (v: string | undefined) => v !== undefined && isIsoDate(v);

export const decisionForm = z.object({
  decision: field.text().pipe(z.enum(['accept', 'decline'], { error: `${V}decision` })),
  reason: field.optional().pipe(z.string().max(2000, `${V}reasonLong`).optional()),
});

export const referralParams = z.object({ id: uuidSchema });
export const newReferralQuery = z.object({
  from: uuidSchema.optional().catch(undefined),
  kind: z.enum(REFERRAL_KINDS).optional().catch(undefined),
});
export const referralListQuery = z.object({
  status: z.enum(['sent', 'accepted', 'declined']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

// --- /api/v1/referrals ---

export const referralBody = z
  .object({
    caseId: z.uuid().describe('Випадок, з якого направляють'),
    kind: referralFields.kind.describe(
      'case — увесь випадок; service — одна потреба в послузі; transfer — передача ведення',
    ),
    toAgencyId: referralFields.toAgencyId.describe('Установа-отримувач (надавач)'),
    toUserId: z.uuid().optional().describe('Працівник-отримувач (для передачі ведення — обов’язково)'),
    purpose: referralFields.purpose.describe('Мета направлення: що потрібно від отримувача'),
    sections: referralFields.sections.describe(
      'Що з відомостей про особу бачить отримувач: identity, contacts, address, caseInfo',
    ),
    basis: z
      .enum(['consent', 'law', 'override'])
      .describe('consent — згода особи (consentId); law — підстава закону без згоди; override — рішення керівника'),
    consentId: z.uuid().optional().describe('Чинна згода особи на передачу'),
    lawGround: referralFields.lawGround.describe('Для basis=law: threat_to_life, violence, child_at_risk'),
    reason: referralFields.reason.describe('Обґрунтування передачі без згоди (обов’язкове для law й override)'),
  })
  .refine((b) => (b.toAgencyId === undefined) !== (b.toUserId === undefined), {
    error: 'Рівно одне з toAgencyId, toUserId',
  });

export const referralDecisionBody = z.object({
  decision: z.enum(['accept', 'decline']),
  reason: z.string().max(2000).optional().describe('Причина: обов’язкова, якщо відхилено'),
});

export const referralJson = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  kind: z.enum(REFERRAL_KINDS),
  status: z.enum(['sent', 'accepted', 'declined']),
  recipient: z.string(),
  purpose: z.string(),
  resultCaseId: z
    .uuid()
    .nullable()
    .describe('Випадок, відкритий отримувачем, якщо прийнято направлення всього випадку'),
});

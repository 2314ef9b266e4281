import { z } from 'zod';
import { field } from '../../platform/forms.js';
import { UUID, uuidSchema } from '../../platform/ids.js';
import { isIsoDate } from '../../platform/dates.js';
import { AGENCY_KINDS } from './cases.queries.js';

const V = 'cases.v.';
const isoDate = (key: string) => z.string({ error: `${V}${key}` }).refine(isIsoDate, `${V}${key}`);

/** A new team member: an account of the platform, or an external contact (a name, an organisation, a phone). */
export const memberForm = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('staff'),
    userId: field.text().pipe(z.string().regex(UUID, `${V}memberUser`)),
    supervisor: field.checkbox(),
    agencyKind: field.text().pipe(z.enum(AGENCY_KINDS, { error: `${V}agencyKind` })),
    caseRole: field.text().pipe(z.string().min(1, `${V}caseRole`).max(200, `${V}caseRoleLong`)),
  }),
  z.object({
    kind: z.literal('contact'),
    contactName: field.text().pipe(z.string().min(1, `${V}contactName`).max(200, `${V}contactNameLong`)),
    contactOrg: field.optional().pipe(z.string().max(200, `${V}contactOrgLong`).optional()),
    contactPhone: field.optional().pipe(
      z
        .string()
        .regex(/^\+?[0-9 ()-]{5,20}$/, `${V}contactPhone`)
        .optional(),
    ),
    contactEmail: field.optional().pipe(z.email(`${V}contactEmail`).max(200, `${V}contactEmail`).optional()),
    agencyKind: field.text().pipe(z.enum(AGENCY_KINDS, { error: `${V}agencyKind` })),
    caseRole: field.text().pipe(z.string().min(1, `${V}caseRole`).max(200, `${V}caseRoleLong`)),
  }),
]);
export type MemberForm = z.infer<typeof memberForm>;
/** The kind chosen first: without it the form asks for it. */
export const memberKind = z.object({ kind: z.enum(['staff', 'contact'], { error: `${V}memberKind` }) });

/** How many tasks one meeting's form offers (a page without scripts cannot add rows). */
export const MEETING_TASK_ROWS = 3;

/** A task row as typed; what a row must hold is checked by the use-case, which names the row's fields. */
const taskRow = z.object({
  title: field.optional(),
  assigneeId: field.optional(),
  dueOn: z.string().optional(),
});

export const meetingForm = z.object({
  heldOn: isoDate('heldOn'),
  participants: field.many().pipe(z.array(uuidSchema).min(1, `${V}participants`).max(100)),
  decisions: field.text().pipe(z.string().min(1, `${V}decisions`).max(4000, `${V}decisionsLong`)),
  tasks: z.array(taskRow).max(MEETING_TASK_ROWS),
});
export type MeetingForm = z.infer<typeof meetingForm>;

export const taskDoneForm = z.object({
  note: field.optional().pipe(z.string().max(2000, `${V}noteLong`).optional()),
});

export const memberParams = z.object({ id: uuidSchema, memberId: uuidSchema });
export const taskParams = z.object({ id: uuidSchema, taskId: uuidSchema });
export const tasksQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

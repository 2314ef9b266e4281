import { z } from 'zod';
import { ROLES } from '../../platform/policy.js';
import { many } from '../../platform/forms.js';
import { idParams, uuidSchema } from '../../platform/ids.js';

export const USERNAME_RE = /^[a-z0-9._-]{3,40}$/;

const text = (max: number) =>
  z.string().trim().min(1, { error: 'validation.required' }).max(max, { error: 'admin.errors.tooLong' });
const optionalId = z
  .string()
  .trim()
  .regex(/^\d{0,9}$/, { error: 'validation.invalid' })
  .transform((s) => (s === '' ? null : Number(s)));

export const userIdParams = idParams;
export const grantParams = z.object({ id: uuidSchema, grantId: z.coerce.number().int().positive().max(2_147_483_647) });
export const hromadaParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
export const districtParams = hromadaParams.extend({
  districtId: z.coerce.number().int().positive().max(2_147_483_647),
});

export const listQuery = z.object({
  sort: z.enum(['name', 'username']).catch('name'),
  dir: z.enum(['asc', 'desc']).catch('asc'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export const createUserForm = z.object({
  username: z.string().trim().toLowerCase().regex(USERNAME_RE, { error: 'admin.errors.username' }),
  displayName: text(200),
  passwordMode: z.enum(['generate', 'set'], { error: 'admin.errors.passwordMode' }),
  password: z.string().max(200).default(''),
});
export type CreateUserInput = z.infer<typeof createUserForm>;

export const firstAdminForm = createUserForm.pick({ username: true, displayName: true });

export const editUserForm = z.object({ displayName: text(200) });

export const grantForm = z.object({
  role: z.enum(ROLES, { error: 'admin.errors.role' }),
  districtId: optionalId,
  agencyId: optionalId,
});
export type GrantInput = z.infer<typeof grantForm>;

export const hromadaSearch = z.object({
  q: z.string().trim().max(100).catch(''),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export const nameForm = z.object({ name: text(200) });
export const agencyForm = z.object({
  name: text(200),
  kind: z.enum(['provider', 'department'], { error: 'admin.errors.agencyKind' }),
});

/** The `done` flash of a page after a redirect (any other value is ignored). */
export const doneQuery = z.object({ done: z.string().optional().catch(undefined) });

/** The optional reason of a confirmed action. */
export const reasonForm = z.object({
  reason: z.string().trim().max(500, { error: 'admin.errors.tooLong' }).default(''),
});

/** The reason of deleting a district: cut to its length rather than refused. */
export const deleteReasonForm = z.object({
  reason: z
    .string()
    .trim()
    .transform((s) => s.slice(0, 500))
    .default(''),
});

/** The settlements ticked for a district. */
export const codesForm = z.object({
  codes: z.preprocess(
    many,
    z.array(z.string().regex(/^UA\d{17}$/, { error: 'admin.errors.foreignSettlement' })).max(2000),
  ),
});

export const issuerForm = z.object({ council: text(200), department: text(200), officialPosition: text(150) });

import { z } from 'zod';
import { UUID } from '../../platform/ids.js';
import { MEMBER_RELATIONS, RELATIONS } from './households.queries.js';

const uuid = z.string().regex(UUID, 'households.v.personId');
const memberRelation = z
  .enum(MEMBER_RELATIONS, { error: 'households.v.relation' })
  .describe('Ким особа доводиться голові домогосподарства');

export const householdIdParams = z.object({ id: uuid.describe('Ідентифікатор домогосподарства') });
export const householdsQuery = z.object({ personId: uuid.describe('Особа, чиї домогосподарства потрібні') });

/** A new household: its head (address copied from the head's registration) and other members. */
export const createHouseholdBody = z
  .object({
    headPersonId: uuid.describe('Голова домогосподарства'),
    members: z
      .array(z.object({ personId: uuid, relation: memberRelation }))
      .max(30)
      .default([])
      .describe('Інші члени домогосподарства'),
    confirm: z
      .boolean()
      .optional()
      .describe(
        'Підтвердити зв’язки, яким суперечать дати народження (дитина старша за голову, батько молодший); без нього — 409',
      ),
  })
  .refine((b) => new Set([b.headPersonId, ...b.members.map((m) => m.personId)]).size === b.members.length + 1, {
    path: ['members'],
    error: 'households.v.duplicateMember',
  });
export type CreateHouseholdInput = z.output<typeof createHouseholdBody>;

export const addMemberForm = z.object({ personId: uuid, relation: memberRelation });
export const memberParams = z.object({ id: uuid, personId: uuid });

const memberJson = z.object({
  personId: z.uuid(),
  lastName: z.string(),
  firstName: z.string(),
  patronymic: z.string().nullable(),
  birthDate: z.string().nullable().describe('РРРР-ММ-ДД'),
  relation: z.enum(RELATIONS),
  joinedOn: z.string().describe('РРРР-ММ-ДД'),
  leftOn: z.string().nullable().describe('РРРР-ММ-ДД; null — живе зараз'),
});
export const householdJson = z.object({
  id: z.uuid(),
  headPersonId: z.uuid().nullable(),
  settlementCode: z.string().nullable().describe('Код КАТОТТГ'),
  street: z.string().nullable(),
  house: z.string().nullable(),
  apartment: z.string().nullable(),
  members: z.array(memberJson),
});
export type HouseholdJson = z.infer<typeof householdJson>;
export const householdListJson = z.object({ items: z.array(householdJson) });

/** `?done=…` after a change (the flash message); anything odd reads as none. */
export const doneQuery = z.object({ done: z.string().optional().catch(undefined) }).catch({});

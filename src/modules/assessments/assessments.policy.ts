import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import type { CaseRow } from '../cases/cases.queries.js';
import { formByCode, hromadaForms, type FormRow } from './assessments.queries.js';

/** Whether a form may be filled for a case: switched on in the hromada and made for the case's type. */
export const appliesTo = (f: Pick<FormRow, 'active' | 'case_types'>, k: Pick<CaseRow, 'type_code'>) =>
  f.active && f.case_types.includes(k.type_code);

/** The hromada's forms a case may be assessed with. */
export async function formsForCase(c: PoolClient, hromadaId: number, k: CaseRow): Promise<FormRow[]> {
  return (await hromadaForms(c, hromadaId)).filter((f) => appliesTo(f, k));
}

/**
 * The form of this code for the case: an unknown code is «not found»; a form switched off or made for other
 * case types is refused (409) with the reason.
 */
export async function requireFormFor(c: PoolClient, hromadaId: number, k: CaseRow, code: string): Promise<FormRow> {
  const f = await formByCode(c, hromadaId, code);
  if (!f) throw new AppError('not_found', { messageKey: 'assessments.errors.noForm' });
  if (!appliesTo(f, k)) throw new AppError('conflict', { messageKey: 'assessments.errors.notApplicable' });
  return f;
}

/** A form of the hromada for its administrator; an unknown code is «not found». */
export async function requireForm(c: PoolClient, hromadaId: number, code: string): Promise<FormRow> {
  const f = await formByCode(c, hromadaId, code);
  if (!f) throw new AppError('not_found', { messageKey: 'assessments.errors.noForm' });
  return f;
}

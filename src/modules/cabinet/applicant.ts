import type { PoolClient } from 'pg';
import type { Services } from '../../services.js';
import { checkRnokpp } from '../persons/identity/index.js';
import { identifierHash, normaliseIdentifier } from '../persons/persons.identifiers.js';
import { normalisePhone } from '../residents/profile/phone.js';
import { str } from './cabinet.web.js';
import type { Problem } from './use-cases/apply-context.js';

/**
 * The applicant as a resident without a registry link types them in the online form: who they
 * are (checked by a worker against the registry while processing) and how to reach them.
 */
export interface ApplicantInput {
  lastName: string; firstName: string; patronymic: string | null; birthDate: string; rnokpp: string | null; phone: string | null;
}

/** The form's text boxes (for showing them again). */
export type ApplicantValues = Record<string, string>;

export const APPLICANT_FIELDS = ['applicantLastName', 'applicantFirstName', 'applicantPatronymic', 'applicantBirthDate-day',
  'applicantBirthDate-month', 'applicantBirthDate-year', 'applicantRnokpp', 'applicantPhone'] as const;

const NAME = /^[\p{L}'’ʼ\- ]+$/u;

export function applicantValues(body: Record<string, unknown>): ApplicantValues {
  return Object.fromEntries(APPLICANT_FIELDS.map((f) => [f, str(body[f]).slice(0, 200)]));
}

/** The typed values checked: the input, or the problems (field names of the form). */
export function parseApplicant(v: ApplicantValues, today: string): { input: ApplicantInput | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const name = (field: string, required: boolean): string | null => {
    const x = v[field] ?? '';
    if (!x) {
      if (required) problems.push({ field, key: `cabinet.applicant.v.${field}` });
      return null;
    }
    if (x.length > 100) problems.push({ field, key: 'cabinet.applicant.v.tooLong', params: { max: 100 } });
    else if (!NAME.test(x)) problems.push({ field, key: 'cabinet.applicant.v.nameChars' });
    return x;
  };
  const lastName = name('applicantLastName', true);
  const firstName = name('applicantFirstName', true);
  const patronymic = name('applicantPatronymic', false);
  const d = v['applicantBirthDate-day'] ?? '';
  const m = v['applicantBirthDate-month'] ?? '';
  const y = v['applicantBirthDate-year'] ?? '';
  let birthDate: string | null = null;
  if (!d && !m && !y) problems.push({ field: 'applicantBirthDate', key: 'cabinet.applicant.v.birthDate' });
  else {
    const iso = /^\d{1,2}$/.test(d) && /^\d{1,2}$/.test(m) && /^\d{4}$/.test(y) ? `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : '';
    const real = iso !== '' && !Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) && new Date(`${iso}T00:00:00Z`).toISOString().startsWith(iso);
    if (!real) problems.push({ field: 'applicantBirthDate', key: 'cabinet.applicant.v.birthDateInvalid' });
    else if (iso > today || iso < '1900-01-01') problems.push({ field: 'applicantBirthDate', key: 'cabinet.applicant.v.birthDateRange' });
    else birthDate = iso;
  }
  let rnokpp: string | null = null;
  const typed = normaliseIdentifier(v.applicantRnokpp ?? '');
  if (typed) {
    const r = checkRnokpp(typed);
    if (!r.ok) problems.push({ field: 'applicantRnokpp', key: 'cabinet.applicant.v.rnokpp' });
    else if (birthDate && r.birthDate !== birthDate) problems.push({ field: 'applicantRnokpp', key: 'cabinet.applicant.v.rnokppBirthDate' });
    else rnokpp = typed;
  }
  let phone: string | null = null;
  if (v.applicantPhone) {
    phone = normalisePhone(v.applicantPhone);
    if (!phone) problems.push({ field: 'applicantPhone', key: 'cabinet.applicant.v.phone' });
  }
  if (problems.length || !lastName || !firstName || !birthDate) return { input: null, problems };
  return { input: { lastName, firstName, patronymic, birthDate, rnokpp, phone }, problems };
}

/** Saves what the resident typed with the application (the РНОКПП sealed, with its keyed hash for matching). */
export async function saveApplicant(c: PoolClient, services: Pick<Services, 'keys' | 'box'>, hromadaId: number, applicationId: string,
  a: ApplicantInput): Promise<void> {
  const sealed = a.rnokpp ? services.box.seal(a.rnokpp) : null;
  const hash = a.rnokpp ? identifierHash(services, 'rnokpp', a.rnokpp) : null;
  await c.query(
    `INSERT INTO application_applicants (hromada_id, application_id, last_name, first_name, patronymic, birth_date, rnokpp_sealed,
       rnokpp_hash, phone) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (hromada_id, application_id) DO UPDATE SET last_name = $3, first_name = $4, patronymic = $5, birth_date = $6,
       rnokpp_sealed = $7, rnokpp_hash = $8, phone = $9, updated_at = now()`,
    [hromadaId, applicationId, a.lastName, a.firstName, a.patronymic, a.birthDate, sealed, hash, a.phone]);
}

export interface ApplicantRow {
  last_name: string; first_name: string; patronymic: string | null; birth_date: string; rnokpp_sealed: string | null;
  rnokpp_hash: string | null; phone: string | null; linked_at: Date | null; linked_by_name: string | null;
}

export async function loadApplicant(c: PoolClient, applicationId: string): Promise<ApplicantRow | null> {
  const { rows } = await c.query<ApplicantRow>(
    `SELECT x.last_name, x.first_name, x.patronymic, to_char(x.birth_date, 'YYYY-MM-DD') AS birth_date, x.rnokpp_sealed, x.rnokpp_hash,
       x.phone, x.linked_at, u.display_name AS linked_by_name
     FROM application_applicants x LEFT JOIN users u ON u.id = x.linked_by WHERE x.application_id = $1`, [applicationId]);
  return rows[0] ?? null;
}

/** The form's boxes from a saved applicant (continuing a draft). */
export function applicantToValues(a: ApplicantRow, rnokpp: string | null): ApplicantValues {
  const [y, m, d] = a.birth_date.split('-');
  return { applicantLastName: a.last_name, applicantFirstName: a.first_name, applicantPatronymic: a.patronymic ?? '',
    'applicantBirthDate-day': d, 'applicantBirthDate-month': m, 'applicantBirthDate-year': y, applicantRnokpp: rnokpp ?? '',
    applicantPhone: a.phone ?? '' };
}

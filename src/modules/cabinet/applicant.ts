import type { Services } from '../../services.js';
import type { Queryable } from '../../platform/db.js';
import type { Problem } from '../../platform/errors.js';
import { checkRnokpp } from '../persons/identity/index.js';
import { identifierHash, normaliseIdentifier } from '../persons/persons.identifiers.js';
import { normalisePhone } from '../residents/profile/phone.js';
import type { ApplicationRow } from '../applications/applications.queries.js';
import { loadApplicant, upsertApplicant, type ApplicantRow } from './cabinet.queries.js';

/** Read with the application (the applications module shows it to the worker who links the person). */
export { loadApplicant, type ApplicantRow } from './cabinet.queries.js';

/**
 * The applicant as a resident without a registry link types them in the online form: who they
 * are (checked by a worker against the registry while processing) and how to reach them.
 */
export interface ApplicantInput {
  lastName: string;
  firstName: string;
  patronymic: string | null;
  birthDate: string;
  rnokpp: string | null;
  phone: string | null;
}

/** The form's text boxes (for showing them again). */
export type ApplicantValues = Record<string, string>;

export const APPLICANT_FIELDS = [
  'applicantLastName',
  'applicantFirstName',
  'applicantPatronymic',
  'applicantBirthDate-day',
  'applicantBirthDate-month',
  'applicantBirthDate-year',
  'applicantRnokpp',
  'applicantPhone',
] as const;

const NAME = /^[\p{L}'’ʼ\- ]+$/u;

/** The applicant's boxes of the parsed form. */
export function applicantValues(form: Record<(typeof APPLICANT_FIELDS)[number], string>): ApplicantValues {
  return Object.fromEntries(APPLICANT_FIELDS.map((f) => [f, form[f]]));
}

/** The typed values checked: the input, or the problems (field names of the form). */
export function parseApplicant(
  v: ApplicantValues,
  today: string,
): { input: ApplicantInput | null; problems: Problem[] } {
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
    const iso =
      /^\d{1,2}$/.test(d) && /^\d{1,2}$/.test(m) && /^\d{4}$/.test(y)
        ? `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`
        : '';
    const real =
      iso !== '' &&
      !Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) &&
      new Date(`${iso}T00:00:00Z`).toISOString().startsWith(iso);
    if (!real) problems.push({ field: 'applicantBirthDate', key: 'cabinet.applicant.v.birthDateInvalid' });
    else if (iso > today || iso < '1900-01-01')
      problems.push({ field: 'applicantBirthDate', key: 'cabinet.applicant.v.birthDateRange' });
    else birthDate = iso;
  }
  let rnokpp: string | null = null;
  const typed = normaliseIdentifier(v.applicantRnokpp ?? '');
  if (typed) {
    const r = checkRnokpp(typed);
    if (!r.ok) problems.push({ field: 'applicantRnokpp', key: 'cabinet.applicant.v.rnokpp' });
    else if (birthDate && r.birthDate !== birthDate)
      problems.push({ field: 'applicantRnokpp', key: 'cabinet.applicant.v.rnokppBirthDate' });
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
export async function saveApplicant(
  c: Queryable,
  services: Pick<Services, 'keys' | 'box'>,
  hromadaId: number,
  applicationId: string,
  a: ApplicantInput,
): Promise<void> {
  await upsertApplicant(c, hromadaId, applicationId, {
    lastName: a.lastName,
    firstName: a.firstName,
    patronymic: a.patronymic,
    birthDate: a.birthDate,
    phone: a.phone,
    rnokppSealed: a.rnokpp ? services.box.seal(a.rnokpp) : null,
    rnokppHash: a.rnokpp ? identifierHash(services, 'rnokpp', a.rnokpp) : null,
  });
}

/** The form's boxes from a saved applicant (continuing a draft). */
export function applicantToValues(a: ApplicantRow, rnokpp: string | null): ApplicantValues {
  const [y, m, d] = a.birth_date.split('-');
  return {
    applicantLastName: a.last_name,
    applicantFirstName: a.first_name,
    applicantPatronymic: a.patronymic ?? '',
    'applicantBirthDate-day': d,
    'applicantBirthDate-month': m,
    'applicantBirthDate-year': y,
    applicantRnokpp: rnokpp ?? '',
    applicantPhone: a.phone ?? '',
  };
}

/**
 * Until the account's identity is confirmed for the person a worker linked, the resident sees the
 * application as they filed it: the name they typed, never the registry's record.
 */
export async function asFiled(c: Queryable, row: ApplicationRow, confirmed: boolean): Promise<ApplicationRow> {
  if (confirmed || row.person_id === null) return row;
  const typed = await loadApplicant(c, row.id);
  return {
    ...row,
    person_name: typed ? [typed.last_name, typed.first_name, typed.patronymic].filter(Boolean).join(' ') : '',
    person_birth_date: typed?.birth_date ?? null,
  };
}

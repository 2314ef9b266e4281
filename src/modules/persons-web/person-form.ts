import type { TFunction } from 'i18next';
import { personInputSchema, type PersonInput } from '../persons/persons.schema.js';
import { identityMessage, parseMrz } from '../persons/identity/index.js';
import type { PersonRow } from '../persons/persons.queries.js';
import type { PersonPatch } from '../persons/use-cases/update-person.js';
import {
  dateFromParts,
  dateToParts,
  formErrors,
  parseWith,
  type FormErrors,
  type FormValues as FormBody,
  type Problem,
} from '../../platform/forms.js';
import { registryHref, registryProblems } from './persons-web.schema.js';

const TEXT = [
  'lastName',
  'firstName',
  'patronymic',
  'rnokpp',
  'unzr',
  'phone',
  'email',
  'settlementCode',
  'street',
  'house',
  'apartment',
] as const;
const DOCUMENT = /^(\d{9}|[A-ZА-ЯІЇЄҐ]{2}\d{6})$/;

/** The form's text fields and date boxes → the schema's input (empty means absent). */
function candidate(b: FormBody): Record<string, string | undefined> {
  const c: Record<string, string | undefined> = {};
  for (const k of TEXT) c[k] = b[k] || undefined;
  // Required names stay strings, so the schema answers with its own "enter the surname" message.
  c.lastName = b.lastName ?? '';
  c.firstName = b.firstName ?? '';
  c.sex = b.sex || undefined;
  c.rnokppAbsence = b.rnokppAbsence || undefined;
  c.birthDate = dateFromParts(b, 'birthDate');
  c.deathDate = dateFromParts(b, 'deathDate');
  return c;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

export interface PersonForm {
  input: PersonInput;
  documentNumber?: string;
  confirm: boolean;
}

/** A posted person form → the registry's input, or field errors in the user's language. */
export function parsePersonForm(b: FormBody, t: TFunction): Parsed<PersonForm> {
  const parsed = parseWith(personInputSchema, candidate(b), registryHref);
  const doc = b.documentNumber ? b.documentNumber.replace(/\s/g, '').toUpperCase() : undefined;
  const extra: Problem[] =
    doc && !DOCUMENT.test(doc) ? [{ field: 'documentNumber', key: 'personsWeb.v.documentNumber' }] : [];
  const problems = [...(parsed.ok ? [] : registryProblems(parsed.problems)), ...extra];
  if (!parsed.ok || problems.length) return { ok: false, errors: formErrors(t, problems) };
  return { ok: true, value: { input: parsed.data, documentNumber: doc, confirm: b.confirm === 'yes' } };
}

const CLEARABLE = [
  'patronymic',
  'birthDate',
  'sex',
  'rnokppAbsence',
  'phone',
  'email',
  'settlementCode',
  'street',
  'house',
  'apartment',
  'deathDate',
] as const;

/** The edit form's input as a change: emptied fields are cleared; empty identifier boxes keep the stored value. */
export function toPatch(input: PersonInput): PersonPatch {
  const patch: PersonPatch = { ...input };
  for (const k of CLEARABLE) if (input[k] === undefined) patch[k] = null;
  return patch;
}

/** The stored person → the edit form's values (identifiers are never put back into the form). */
export function personToForm(p: PersonRow): FormBody {
  return {
    lastName: p.last_name,
    firstName: p.first_name,
    patronymic: p.patronymic ?? '',
    sex: p.sex ?? '',
    rnokppAbsence: p.rnokpp_absence ?? '',
    phone: p.phone ?? '',
    email: p.email ?? '',
    settlementCode: p.reg_settlement_code ?? '',
    street: p.reg_street ?? '',
    house: p.reg_house ?? '',
    apartment: p.reg_apartment ?? '',
    ...dateToParts('birthDate', p.birth_date),
    ...dateToParts('deathDate', p.death_date),
  };
}

/** Reads the ID card's machine-readable zone into the form: dates, sex, УНЗР, document number, Latin names as a hint. */
export function fillFromMrz(b: FormBody, locale: string): { values: FormBody; errors: FormErrors; latin?: string } {
  const r = parseMrz(b.mrz ?? '');
  const data = r.ok ? r.value : r.partial;
  const values: FormBody = { ...b };
  if (data.birthDate) Object.assign(values, dateToParts('birthDate', data.birthDate));
  if (data.sex) values.sex = data.sex;
  if (data.unzr) values.unzr = data.unzr;
  if (data.documentNumber) values.documentNumber = data.documentNumber;
  const latin = [data.lastNameLatin, data.givenNamesLatin].filter(Boolean).join(' ') || undefined;
  if (r.ok) return { values, errors: { errorSummary: [], errors: {} }, latin };
  const lang = locale === 'en' ? 'en' : 'uk';
  // The identity module's own texts in the user's language, joined: one message for the field.
  const text = r.problems.map((p) => identityMessage(p, lang)).join(' ');
  return { values, latin, errors: { errorSummary: [{ text, href: '#mrz' }], errors: { mrz: { text } } } };
}

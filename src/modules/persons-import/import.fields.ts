/** The fields a file column can be mapped to, and how a column header is guessed. */
export const TARGET_FIELDS = [
  'lastName',
  'firstName',
  'patronymic',
  'birthDate',
  'sex',
  'rnokpp',
  'unzr',
  'phone',
  'email',
  'settlement',
  'street',
  'house',
  'apartment',
  'householdKey',
  'relation',
] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];

/** Without these the rows cannot be registered nor checked for duplicates. */
export const REQUIRED_FIELDS: readonly TargetField[] = ['lastName', 'firstName', 'birthDate'];

/** Target field → column index (0-based) in the file. */
export type Mapping = Partial<Record<TargetField, number>>;

/** Header text reduced to lower-case letters and digits (so «Дата народження», «дата_народження» match). */
export function headerKey(h: string): string {
  return h
    .toLowerCase()
    .replace(/[ʼ’'`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const SYNONYMS: Record<TargetField, string[]> = {
  lastName: ['прізвище', 'призвище', 'фамилия', 'surname', 'lastname', 'familyname'],
  firstName: ['імя', 'имя', 'firstname', 'givenname', 'name', 'forename'],
  patronymic: ['побатькові', 'побатькови', 'отчество', 'patronymic', 'middlename'],
  birthDate: [
    'датанародження',
    'народження',
    'датароджения',
    'датарождения',
    'birthdate',
    'dateofbirth',
    'dob',
    'birthday',
  ],
  sex: ['стать', 'пол', 'sex', 'gender'],
  rnokpp: [
    'рнокпп',
    'іпн',
    'инн',
    'ідентифікаційнийкод',
    'ідентифікаційнийномер',
    'реєстраційнийномеробліковоїкарткиплатникаподатків',
    'rnokpp',
    'taxid',
    'taxnumber',
    'itn',
    'inn',
  ],
  unzr: ['унзр', 'unzr', 'записувєдр', 'номерзаписувєдр'],
  phone: ['телефон', 'тел', 'мобільний', 'номертелефону', 'phone', 'telephone', 'mobile', 'phonenumber'],
  email: ['email', 'електроннапошта', 'ел пошта', 'елпошта', 'пошта', 'mail'],
  settlement: [
    'населенийпункт',
    'нп',
    'населенний пункт',
    'село',
    'місто',
    'катоттг',
    'кодкатоттг',
    'settlement',
    'locality',
    'town',
    'village',
    'city',
  ],
  street: ['вулиця', 'вул', 'street'],
  house: ['будинок', 'буд', 'house', 'building'],
  apartment: ['квартира', 'кв', 'apartment', 'flat'],
  householdKey: [
    'коддомогосподарства',
    'номердомогосподарства',
    'домогосподарство',
    'кодсімї',
    'household',
    'householdkey',
    'householdid',
    'householdcode',
  ],
  relation: [
    'стосунокдоголови',
    'стосунокдоголовидомогосподарства',
    'стосунок',
    'родиннийзвязок',
    'кимдоводитьсяголові',
    'relation',
    'relationship',
    'relationtohead',
  ],
};

/** Household columns go together: rows with the same key form a household, the relation says who is who. */
export const HOUSEHOLD_FIELDS: readonly TargetField[] = ['householdKey', 'relation'];

/** Guesses the mapping from the header row: each field takes the first column whose header is a known name. */
export function guessMapping(header: string[]): Mapping {
  const keys = header.map(headerKey);
  const taken = new Set<number>();
  const mapping: Mapping = {};
  for (const field of TARGET_FIELDS) {
    const names = SYNONYMS[field].map(headerKey);
    const idx = keys.findIndex((k, i) => !taken.has(i) && k !== '' && names.includes(k));
    if (idx >= 0) {
      mapping[field] = idx;
      taken.add(idx);
    }
  }
  return mapping;
}

/** Spreadsheet-style column letter: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Messages for every identity-validation problem, in Ukrainian (the interface language) and English.
 * `{name}` placeholders are filled by `identityMessage`; dates are passed already formatted
 * (see `toDisplayDate`).
 */
import type { MrzProblem } from './mrz.js';
import type { RnokppMismatch, RnokppProblem } from './rnokpp.js';
import type { UnzrProblem } from './unzr.js';

export type IdentityProblemCode =
  `rnokpp.${RnokppProblem}` | `rnokpp.${RnokppMismatch}Mismatch` | `unzr.${UnzrProblem}` | MrzProblem;

export type IdentityLanguage = 'uk' | 'en';

export const identityMessages: Record<IdentityLanguage, Record<IdentityProblemCode, string>> = {
  uk: {
    'rnokpp.format': 'РНОКПП має складатися з 10 цифр',
    'rnokpp.checksum': 'Контрольна цифра РНОКПП не збігається — перевірте номер',
    'rnokpp.birthDateMismatch':
      'Дата народження в РНОКПП ({rnokppBirthDate}) не збігається з введеною — перевірте номер і дату',
    'rnokpp.sexMismatch': 'Стать, закодована в РНОКПП, не збігається з введеною — перевірте номер і стать',
    'unzr.format': 'УНЗР має бути у форматі РРРРММДД-ННННК: 8 цифр дати, дефіс і ще 5 цифр',
    'unzr.date': 'Перші 8 цифр УНЗР мають бути справжньою датою народження (РРРРММДД)',
    'unzr.checksum': 'Контрольна цифра УНЗР не збігається — перевірте номер',
    'mrz.format':
      'Машинозчитувану зону не вдалося прочитати: потрібні 3 рядки по 30 символів (латинські літери, цифри, «<»)',
    'mrz.documentCode': 'Машинозчитувана зона не належить ID-картці: перший рядок має починатися з «ID»',
    'mrz.issuingState': 'Документ видано не в Україні: у першому рядку після «ID» має стояти «UKR»',
    'mrz.documentNumber.format': 'Номер документа в машинозчитуваній зоні має складатися з 9 цифр і контрольної цифри',
    'mrz.documentNumber.checksum': 'Контрольна цифра номера документа не збігається — перевірте перший рядок',
    'mrz.unzr.format': 'УНЗР у машинозчитуваній зоні має складатися з 13 цифр',
    'mrz.unzr.date': 'УНЗР у машинозчитуваній зоні не починається зі справжньої дати',
    'mrz.unzr.checksum': 'Контрольна цифра УНЗР у машинозчитуваній зоні не збігається',
    'mrz.unzr.birthDateMismatch': 'Дата в УНЗР не збігається з датою народження в машинозчитуваній зоні',
    'mrz.line1.filler': 'Перший рядок машинозчитуваної зони має закінчуватися символами «<<»',
    'mrz.birthDate.format': 'Дата народження в машинозчитуваній зоні має бути у форматі РРММДД',
    'mrz.birthDate.checksum': 'Контрольна цифра дати народження не збігається — перевірте другий рядок',
    'mrz.sex': 'Стать у машинозчитуваній зоні має бути позначена літерою M або F',
    'mrz.expiryDate.format': 'Дата закінчення дії в машинозчитуваній зоні має бути у форматі РРММДД',
    'mrz.expiryDate.checksum': 'Контрольна цифра дати закінчення дії не збігається — перевірте другий рядок',
    'mrz.nationality': 'Громадянство в машинозчитуваній зоні має бути кодом із трьох латинських літер',
    'mrz.line2.filler': 'Другий рядок машинозчитуваної зони між громадянством і останньою цифрою має містити лише «<»',
    'mrz.composite.checksum':
      'Загальна контрольна цифра машинозчитуваної зони не збігається — перевірте перші два рядки',
    'mrz.names': 'Третій рядок машинозчитуваної зони має містити прізвище та ім’я латинськими літерами: ПРІЗВИЩЕ<<ІМ’Я',
  },
  en: {
    'rnokpp.format': 'The taxpayer number (RNOKPP) must be 10 digits',
    'rnokpp.checksum': 'The check digit of the taxpayer number (RNOKPP) does not match — check the number',
    'rnokpp.birthDateMismatch':
      'The birth date in the taxpayer number ({rnokppBirthDate}) differs from the one entered — check the number and the date',
    'rnokpp.sexMismatch':
      'The sex encoded in the taxpayer number differs from the one entered — check the number and the sex',
    'unzr.format': 'The UNZR must look like YYYYMMDD-NNNNC: 8 digits of a date, a hyphen and 5 more digits',
    'unzr.date': 'The first 8 digits of the UNZR must be a real birth date (YYYYMMDD)',
    'unzr.checksum': 'The check digit of the UNZR does not match — check the number',
    'mrz.format':
      'The machine-readable zone could not be read: it needs 3 lines of 30 characters (Latin letters, digits, “<”)',
    'mrz.documentCode': 'This machine-readable zone is not an ID card’s: the first line must start with “ID”',
    'mrz.issuingState': 'The document was not issued by Ukraine: “UKR” must follow “ID” on the first line',
    'mrz.documentNumber.format': 'The document number in the machine-readable zone must be 9 digits and a check digit',
    'mrz.documentNumber.checksum': 'The check digit of the document number does not match — check the first line',
    'mrz.unzr.format': 'The UNZR in the machine-readable zone must be 13 digits',
    'mrz.unzr.date': 'The UNZR in the machine-readable zone does not start with a real date',
    'mrz.unzr.checksum': 'The check digit of the UNZR in the machine-readable zone does not match',
    'mrz.unzr.birthDateMismatch': 'The date in the UNZR differs from the birth date in the machine-readable zone',
    'mrz.line1.filler': 'The first line of the machine-readable zone must end with “<<”',
    'mrz.birthDate.format': 'The birth date in the machine-readable zone must be YYMMDD',
    'mrz.birthDate.checksum': 'The check digit of the birth date does not match — check the second line',
    'mrz.sex': 'The sex in the machine-readable zone must be the letter M or F',
    'mrz.expiryDate.format': 'The expiry date in the machine-readable zone must be YYMMDD',
    'mrz.expiryDate.checksum': 'The check digit of the expiry date does not match — check the second line',
    'mrz.nationality': 'The nationality in the machine-readable zone must be a three-letter code',
    'mrz.line2.filler': 'Between the nationality and the last digit, the second line must contain only “<”',
    'mrz.composite.checksum':
      'The overall check digit of the machine-readable zone does not match — check the first two lines',
    'mrz.names': 'The third line of the machine-readable zone must hold the names in Latin letters: SURNAME<<GIVEN',
  },
};

/** The message for a problem code, with `{name}` placeholders replaced from `params`. */
export function identityMessage(
  code: IdentityProblemCode,
  language: IdentityLanguage = 'uk',
  params: Record<string, string> = {},
): string {
  return identityMessages[language][code].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

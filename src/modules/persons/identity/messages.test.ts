import { describe, expect, it } from 'vitest';
import { toDisplayDate } from './dates.js';
import { identityMessage, identityMessages, type IdentityProblemCode } from './messages.js';
import { MRZ_PROBLEMS } from './mrz.js';
import { checkRnokpp, rnokppConsistency } from './rnokpp.js';
import { checkUnzr } from './unzr.js';

const ALL_CODES: IdentityProblemCode[] = [
  'rnokpp.format',
  'rnokpp.checksum',
  'rnokpp.birthDateMismatch',
  'rnokpp.sexMismatch',
  'unzr.format',
  'unzr.date',
  'unzr.checksum',
  ...MRZ_PROBLEMS,
];
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('identity messages', () => {
  it('has a Ukrainian and an English message for every problem code, and nothing else', () => {
    for (const language of ['uk', 'en'] as const) {
      expect(Object.keys(identityMessages[language]).sort()).toEqual([...ALL_CODES].sort());
    }
  });

  it('writes Ukrainian in Cyrillic and English in Latin, with the same placeholders', () => {
    for (const code of ALL_CODES) {
      const uk = identityMessages.uk[code];
      const en = identityMessages.en[code];
      expect(uk).toMatch(/\p{Script=Cyrillic}/u);
      expect(en).not.toMatch(/\p{Script=Cyrillic}/u);
      expect(placeholders(uk)).toEqual(placeholders(en));
    }
  });

  it('covers the codes the validators actually return', () => {
    const rnokpp = checkRnokpp('1759013770');
    const unzr = checkUnzr('2000');
    if (rnokpp.ok || unzr.ok) throw new Error('expected both to be rejected');
    expect(identityMessage(`rnokpp.${rnokpp.problem}`)).toBe('Контрольна цифра РНОКПП не збігається — перевірте номер');
    expect(identityMessage(`unzr.${unzr.problem}`, 'en')).toMatch(/^The UNZR must look like/);
    const [mismatch] = rnokppConsistency('3068208400', { birthDate: '1984-02-01' });
    expect(identityMessage(`rnokpp.${mismatch}Mismatch`, 'uk', { rnokppBirthDate: toDisplayDate('1984-01-02') })).toBe(
      'Дата народження в РНОКПП (02.01.1984) не збігається з введеною — перевірте номер і дату',
    );
  });

  it('uses the agreed wording for the РНОКПП format', () => {
    expect(identityMessage('rnokpp.format')).toBe('РНОКПП має складатися з 10 цифр');
  });

  it('leaves a placeholder visible when its value is missing', () => {
    expect(identityMessage('rnokpp.birthDateMismatch', 'en')).toContain('{rnokppBirthDate}');
  });
});

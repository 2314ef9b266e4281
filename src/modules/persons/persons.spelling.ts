import fs from 'node:fs';
import path from 'node:path';
import { SRC } from '../../platform/paths.js';
import { searchKey } from './identity/index.js';

/**
 * How people actually type names into the registry's search, beyond typos (which the trigram
 * match forgives): Russian spellings of Ukrainian names, Г for Ґ, and a birth year among the words.
 *
 * Each word of the query becomes a few spelling variants, all matched against the hromada's
 * vocabulary as if typed (decision 0007): the word itself; its Ukrainian form from a list of
 * Russian given names and patronymics (`data/russian-names.json`: Сергей → Сергій, Николаевна →
 * Миколаївна); the word with Russian letters and endings turned Ukrainian (ы → и, ъ/ь before
 * я, ю, е → apostrophe with я, ю, є, ё → е, э → е, -ей → -ій, -ская → -ська, -ая → -а, -овна →
 * -івна, -евич → -йович; once more with и → і, the most common Russian-for-Ukrainian letter: Виктор
 * → Віктор, Лысенко → Лисенко, Григорьева → Григор’єва); and Г ↔ Ґ (Гудзь finds Ґудзь).
 */

interface NameData {
  givenNames: Record<string, string | string[]>;
  patronymics: Record<string, string | string[]>;
}

const DATA = JSON.parse(fs.readFileSync(path.join(SRC, 'modules/persons/data/russian-names.json'), 'utf8')) as NameData;
const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** At most this many spellings are matched per word (the word itself included). */
export const MAX_VARIANTS = 4;

const APOSTROPHE = '’';

/** Russian letters and endings turned into their usual Ukrainian counterparts (Cyrillic, lower case). */
function ukrainianised(word: string): string {
  let w = word
    .replace(/ё/g, 'е')
    .replace(/э/g, 'е')
    .replace(/ы/g, 'и')
    .replace(/[ьъ]е/g, `${APOSTROPHE}є`)
    .replace(/[ьъ]я/g, `${APOSTROPHE}я`)
    .replace(/[ьъ]ю/g, `${APOSTROPHE}ю`)
    .replace(/[ьъ]и/g, `${APOSTROPHE}ї`)
    .replace(/ъ/g, APOSTROPHE);
  w = w
    .replace(/(ск|цк)ая$/, (_m, s: string) => `${s === 'ск' ? 'сь' : 'ць'}ка`)
    .replace(/(ск|цк)ий$/, (_m, s: string) => `${s === 'ск' ? 'сь' : 'ць'}кий`)
    .replace(/ая$/, 'а')
    .replace(/яя$/, 'я')
    .replace(/ой$/, 'ий')
    .replace(/ьевна$/, 'ївна')
    .replace(/евна$/, 'ївна')
    .replace(/овна$/, 'івна')
    .replace(/ьевич$/, 'йович')
    .replace(/евич$/, 'йович')
    .replace(/ей$/, 'ій')
    .replace(/ья$/, 'ія');
  return w;
}

/** Cyrillic spellings a word may stand for (itself first). */
export function spellingVariants(word: string): string[] {
  const w = word
    .toLowerCase()
    .normalize('NFC')
    .replace(/['ʼ‘`]/g, APOSTROPHE);
  const out = [w];
  const add = (v: string) => {
    if (v && !out.includes(v)) out.push(v);
  };
  for (const v of [...asList(DATA.givenNames[w]), ...asList(DATA.patronymics[w])]) add(v);
  if (/\p{Script=Cyrillic}/u.test(w)) {
    const u = ukrainianised(w);
    add(u);
    add(u.replace(/и(?!й$)/g, 'і'));
    if (w.includes('г')) add(w.replace(/г/g, 'ґ'));
    if (w.includes('ґ')) add(w.replace(/ґ/g, 'г'));
  }
  return out;
}

/** A query word with the search keys of its spellings (the word's own key first). */
export interface QueryWord {
  key: string;
  keys: string[];
}

const YEAR = /^(19|20)\d{2}$/;

/**
 * The query's words as search keys with their spelling variants (at most five words, each key at
 * least two characters, as `queryTokens`), and a birth year typed among them («Коваль Петро 1961»),
 * which is not a word of the name but the birth-year filter.
 */
export function parseNameQuery(q: string): { words: QueryWord[]; birthYear?: number } {
  let birthYear: number | undefined;
  const words: QueryWord[] = [];
  const seen = new Set<string>();
  for (const raw of q.normalize('NFC').split(/[^\p{L}\p{N}'’ʼ‘`]+/u)) {
    if (!raw) continue;
    if (YEAR.test(raw) && birthYear === undefined && Number(raw) <= new Date().getFullYear()) {
      birthYear = Number(raw);
      continue;
    }
    for (const part of searchKey(raw).split(' ')) {
      if (part.length < 2 || seen.has(part) || words.length >= 5) continue;
      seen.add(part);
      const keys = [part];
      // Variants only for a one-key word (a hyphenated name keeps its parts as they are).
      if (searchKey(raw) === part) {
        for (const v of spellingVariants(raw)) {
          const k = searchKey(v);
          if (k.length >= 2 && !k.includes(' ') && !keys.includes(k) && keys.length < MAX_VARIANTS) keys.push(k);
        }
      }
      words.push({ key: part, keys });
    }
  }
  return { words, birthYear };
}

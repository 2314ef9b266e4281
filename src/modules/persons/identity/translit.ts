/**
 * Ukrainian → Latin transliteration by the table of the Cabinet of Ministers resolution №55 of
 * 27.01.2010 (the one used in passports and the MRZ).
 *
 * - Є Ї Й Ю Я are Ye Yi Y Yu Ya at the start of a word and ie i i iu ia elsewhere;
 * - «зг» is «zgh» (to keep it apart from «жг» = «zhh»);
 * - the soft sign and the apostrophe (’ ' ʼ, also ‘ and `) inside a word are dropped;
 * - case follows the source: a capital gives a capitalised group (Щ → Shch), and in a word written
 *   in capitals (two or more letters, none lower case) the whole group is upper case (ЩУР → SHCHUR).
 *
 * Not in the resolution, added so that no Cyrillic ever reaches the output: the Russian letters
 * Ё (Yo/io), Ъ (dropped), Ы (y), Э (e), Belarusian Ў (u); any other Cyrillic letter is reduced to
 * its base letter when it has one in the table (Ѓ → H) and dropped otherwise; combining marks on
 * Cyrillic letters (stress marks) are dropped.
 * Text without Cyrillic is returned unchanged (after Unicode NFC normalisation).
 */

const TABLE: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: 'iu',
  я: 'ia',
  // outside КМУ №55
  ё: 'io',
  ъ: '',
  ы: 'y',
  э: 'e',
  ў: 'u',
};
const WORD_START: Record<string, string> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya', ё: 'yo' };
const APOSTROPHES = new Set(["'", '’', 'ʼ', '‘', '`']);
const LETTER = /\p{L}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const MARKS = /\p{M}/gu;

/** Transliterates Ukrainian text into Latin letters by КМУ №55 (2010). */
export function transliterate(text: string): string {
  const chars = Array.from(text.normalize('NFC'));
  let out = '';
  let afterCyrillic = false; // the last character that was not a combining mark was Cyrillic
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (/\p{M}/u.test(ch)) {
      // stress marks and the like on Cyrillic letters, and Cyrillic-script marks, are dropped
      if (!afterCyrillic && !CYRILLIC.test(ch)) out += ch;
      continue;
    }
    afterCyrillic = CYRILLIC.test(ch);
    if (APOSTROPHES.has(ch)) {
      const before = chars[i - 1] ?? '';
      const after = chars[i + 1] ?? '';
      const inCyrillicWord =
        LETTER.test(before) && LETTER.test(after) && (CYRILLIC.test(before) || CYRILLIC.test(after));
      if (!inCyrillicWord) out += ch;
      continue;
    }
    if (!CYRILLIC.test(ch)) {
      out += ch;
      continue;
    }
    const lower = baseLetter(ch.toLowerCase());
    if (lower === null) continue;
    let latin: string;
    if (lower === 'г' && baseLetter((chars[i - 1] ?? '').toLowerCase()) === 'з') latin = 'gh';
    else if (lower in WORD_START && isWordStart(chars, i)) latin = WORD_START[lower];
    else latin = TABLE[lower];
    out += ch === ch.toLowerCase() ? latin : applyCapital(latin, isCapitalWord(chars, i));
  }
  return out.normalize('NFC');
}

/** The table letter for a Cyrillic letter, reducing accented variants (ѓ → г); null if none. */
function baseLetter(lower: string): string | null {
  if (lower in TABLE) return lower;
  const base = lower.normalize('NFD').replace(MARKS, '');
  return base in TABLE ? base : null;
}

/** A letter starts a word unless a letter precedes it, directly or across an in-word apostrophe. */
function isWordStart(chars: string[], i: number): boolean {
  const prev = chars[i - 1] ?? '';
  if (LETTER.test(prev)) return false;
  return !(APOSTROPHES.has(prev) && LETTER.test(chars[i - 2] ?? ''));
}

/** True when the word around position i has at least two letters and none in lower case. */
function isCapitalWord(chars: string[], i: number): boolean {
  const inWord = (j: number): boolean =>
    LETTER.test(chars[j] ?? '') ||
    (APOSTROPHES.has(chars[j] ?? '') && LETTER.test(chars[j - 1] ?? '') && LETTER.test(chars[j + 1] ?? ''));
  let start = i;
  while (start > 0 && inWord(start - 1)) start--;
  let end = i;
  while (end < chars.length - 1 && inWord(end + 1)) end++;
  let letters = 0;
  for (let j = start; j <= end; j++) {
    const c = chars[j];
    if (!LETTER.test(c)) continue;
    if (c !== c.toUpperCase()) return false;
    letters++;
  }
  return letters >= 2;
}

function applyCapital(latin: string, wholeWord: boolean): string {
  if (wholeWord) return latin.toUpperCase();
  return latin.charAt(0).toUpperCase() + latin.slice(1);
}

const LATIN_DIGRAPHS: Record<string, string> = { š: 'sh', č: 'ch', ž: 'zh', ŝ: 'sh', ĉ: 'ch', ẑ: 'zh' };

/**
 * A normalised key for fuzzy name search, so that Cyrillic and Latin input meet:
 * NFC → transliterate (КМУ №55) → lower case → š/č/ž (Czech/ISO 9-style spellings) become sh/ch/zh,
 * other diacritics are stripped (é → e) → apostrophes removed (O'Brien → obrien) → any run of
 * characters that are not letters or digits becomes one space → trimmed.
 *
 * It does NOT merge other spelling variants users type (kh/h, y/i, ia/ya, Russian-style g for г,
 * Schewtschenko): trigram similarity in the database search handles those.
 */
export function searchKey(text: string): string {
  return Array.from(transliterate(text).toLowerCase())
    .map((ch) => LATIN_DIGRAPHS[ch] ?? ch)
    .join('')
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/['’ʼ‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

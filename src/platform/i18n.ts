import i18next, { type TFunction } from 'i18next';
import fs from 'node:fs';
import path from 'node:path';
import { SRC } from './paths.js';

export const LOCALES = ['uk', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'uk';

type Dict = { [k: string]: string | Dict };

function merge(into: Dict, from: Dict): Dict {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    into[k] = typeof v === 'object' && typeof cur === 'object' ? merge(cur, v) : v;
  }
  return into;
}

/** src/locales/<lang>.json plus every module's src/modules/<m>/locales/<lang>.json, merged. */
function loadDictionary(locale: Locale): Dict {
  const src = SRC;
  const files = [path.join(src, 'locales', `${locale}.json`)];
  for (const m of fs.readdirSync(path.join(src, 'modules')).sort()) {
    const f = path.join(src, 'modules', m, 'locales', `${locale}.json`);
    if (fs.existsSync(f)) files.push(f);
  }
  return files.reduce<Dict>((acc, f) => merge(acc, JSON.parse(fs.readFileSync(f, 'utf8')) as Dict), {});
}

const uk = loadDictionary('uk');
const en = loadDictionary('en');
export const dictionaries: Record<Locale, Dict> = { uk, en };
const instance = i18next.createInstance();
await instance.init({
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  resources: { uk: { translation: uk }, en: { translation: en } },
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/**
 * Adds strings kept in code (e.g. a validator's messages, `{name}` placeholders) under a
 * namespace key, so they are reachable through `t('<key>.<code>')` like any other text.
 */
export function addMessages(key: string, byLocale: Record<Locale, Record<string, string>>) {
  for (const locale of LOCALES) {
    const nested: Dict = {};
    for (const [code, text] of Object.entries(byLocale[locale])) {
      const parts = code.split('.');
      let node = nested;
      for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Dict;
      node[parts[parts.length - 1]] = text.replace(/\{(\w+)\}/g, '{{$1}}');
    }
    instance.addResourceBundle(locale, 'translation', { [key]: nested }, true, true);
  }
  for (const locale of LOCALES) {
    plainTexts[locale].clear();
    templates[locale].clear();
  }
}

/** True when a message is an i18n key (`module.group.name`) rather than text. */
export const isMessageKey = (m: string) => /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/.test(m);

/**
 * Texts asked for by key alone, per language: the same key always gives the same text (until `addMessages` adds
 * more, which empties it). i18next resolves a key afresh on every call — about 0.03 ms each — and a crowd's refusals
 * («this time is gone», issue 14) ask for the same few texts a thousand times.
 */
const plainTexts: Record<Locale, Map<string, string>> = { uk: new Map(), en: new Map() };

/** True when `t`'s options say nothing (none, or an object without keys): the text depends on the key alone. */
function noOptions(rest: unknown[]): boolean {
  if (rest.length === 0) return true;
  if (rest.length > 1) return false;
  const o = rest[0];
  if (o === undefined) return true;
  if (typeof o !== 'object' || o === null) return false;
  for (const k in o) if (Object.hasOwn(o, k)) return false;
  return true;
}

/**
 * A text's parts as stored: literal text and the names of its `{{name}}` placeholders, read once per key and language.
 * Null when the text is not one the plain substitution below gives exactly as i18next would (none in this language,
 * a nested `$t(…)`, a formatted or dotted placeholder); such texts go to i18next. Interpolating with i18next cost
 * about 25 µs a text (a booking's notice has three) and most of the notice's allocations (issue 14); this is a join.
 */
type Template = (string | { name: string })[];
const templates: Record<Locale, Map<string, Template | null>> = { uk: new Map(), en: new Map() };

const PLACEHOLDER = /\{\{-?\s*([^{}]*?)\s*\}\}/g;

function templateOf(locale: Locale, key: string): Template | null {
  const known = templates[locale].get(key);
  if (known !== undefined) return known;
  const raw: unknown = instance.getResource(locale, 'translation', key);
  let parts: Template | null = null;
  if (typeof raw === 'string' && !raw.includes('$t(')) {
    parts = [];
    let at = 0;
    for (const m of raw.matchAll(PLACEHOLDER)) {
      if (!/^\w+$/.test(m[1])) {
        parts = null;
        break;
      }
      if (m.index > at) parts.push(raw.slice(at, m.index));
      parts.push({ name: m[1] });
      at = m.index + m[0].length;
    }
    if (parts && at < raw.length) parts.push(raw.slice(at));
  }
  templates[locale].set(key, parts);
  return parts;
}

const PLURALS: Record<Locale, Intl.PluralRules> = { uk: new Intl.PluralRules('uk'), en: new Intl.PluralRules('en') };

/** Options of i18next's `t` that change which text is chosen or how: with any of them, i18next decides. */
const T_OPTIONS = new Set([
  'count',
  'context',
  'ordinal',
  'defaultValue',
  'lng',
  'lngs',
  'fallbackLng',
  'ns',
  'keySeparator',
  'nsSeparator',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'postProcess',
  'interpolation',
  'skipInterpolation',
  'replace',
]);

/**
 * The text of `key` with `vars` put in as i18next puts them (values as text, nothing escaped: `escapeValue` is off),
 * or undefined when i18next must decide: the text is not a plain template, an option other than a value is given, or
 * a placeholder's value is missing or not a string or a number.
 */
function substituted(locale: Locale, key: string, vars: Record<string, unknown>): string | undefined {
  let chosen = key;
  for (const k in vars) {
    if (!T_OPTIONS.has(k)) continue;
    // A count chooses the plural form as i18next does (the language's CLDR rule, `key_one`, `key_few`, …); a
    // text with a form for zero, or one without the form asked for, is left to i18next.
    if (k !== 'count' || typeof vars.count !== 'number') return undefined;
    if (templateOf(locale, `${key}_zero`) !== null) return undefined;
    chosen = `${key}_${PLURALS[locale].select(vars.count)}`;
  }
  const parts = templateOf(locale, chosen);
  if (!parts) return undefined;
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const v = vars[part.name];
    if (typeof v === 'string') text += v;
    else if (typeof v === 'number') text += String(v);
    else return undefined;
  }
  return text;
}

function keptTranslator(locale: Locale): TFunction {
  const t = instance.getFixedT(locale);
  const kept = plainTexts[locale];
  return ((key: unknown, ...rest: unknown[]) => {
    if (typeof key !== 'string' || !noOptions(rest)) {
      const vars = rest[0];
      if (typeof key === 'string' && rest.length === 1 && typeof vars === 'object' && vars !== null) {
        const text = substituted(locale, key, vars as Record<string, unknown>);
        if (text !== undefined) return text;
      }
      return (t as unknown as (...a: unknown[]) => string)(key, ...rest);
    }
    let text = kept.get(key);
    if (text === undefined) {
      text = t(key);
      kept.set(key, text);
    }
    return text;
  }) as unknown as TFunction;
}
const translators: Record<Locale, TFunction> = { uk: keptTranslator('uk'), en: keptTranslator('en') };

export function translator(locale: Locale): TFunction {
  return translators[locale];
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

// One formatter each: building an Intl.DateTimeFormat costs far more than formatting with it.
const DATE = new Intl.DateTimeFormat('uk-UA', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Europe/Kyiv',
});
const DATE_TIME = new Intl.DateTimeFormat('uk-UA', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Kyiv',
});

/** дд.мм.рррр, the date format users expect. */
export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return '';
  return DATE.format(typeof d === 'string' ? new Date(d) : d);
}

export function formatDateTime(d: Date | string | null | undefined): string {
  if (!d) return '';
  return DATE_TIME.format(typeof d === 'string' ? new Date(d) : d);
}

const collator = new Intl.Collator('uk');
export const compareUk = (a: string, b: string) => collator.compare(a, b);

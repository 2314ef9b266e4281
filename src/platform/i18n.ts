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
}

/** True when a message is an i18n key (`module.group.name`) rather than text. */
export const isMessageKey = (m: string) => /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/.test(m);

export function translator(locale: Locale): TFunction {
  return instance.getFixedT(locale);
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

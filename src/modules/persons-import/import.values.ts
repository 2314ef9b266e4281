/** Conversions of one cell of an imported file to the form the person schema expects. */
export type Cell = string | number | Date | boolean | null | undefined;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function isoOf(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Excel's serial day number (1900 date system) → РРРР-ММ-ДД. */
export function excelSerialToIso(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400000);
  const d = new Date(ms);
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * A birth date as дд.мм.рррр, д.м.рррр, РРРР-ММ-ДД, an Excel date cell or an Excel serial number.
 * Anything else is returned as typed, so the schema reports the format problem.
 */
export function toIsoDate(v: Cell): string | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (v instanceof Date)
    return Number.isNaN(v.getTime()) ? 'invalid' : isoOf(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  if (typeof v === 'number') return v > 0 && v < 80000 ? excelSerialToIso(v) : String(v);
  const s = String(v).trim();
  if (s === '') return undefined;
  const uk = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s);
  if (uk) return isoOf(Number(uk[3]), Number(uk[2]), Number(uk[1]));
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return s;
}

const MALE = new Set(['ч', 'чол', 'чоловіча', 'чоловік', 'чоловiча', 'м', 'муж', 'm', 'male', 'man']);
const FEMALE = new Set(['ж', 'жін', 'жiн', 'жіноча', 'жінка', 'жен', 'f', 'female', 'woman', 'w']);

/** ч/ж, чол/жін, m/f, male/female (any case, with or without a dot) → male/female; unknown → 'unknown'. */
export function toSex(v: Cell): 'male' | 'female' | 'unknown' | undefined {
  const s = text(v)?.toLowerCase().replace(/\.$/, '');
  if (!s) return undefined;
  if (MALE.has(s)) return 'male';
  if (FEMALE.has(s)) return 'female';
  return 'unknown';
}

/** A cell as trimmed text (numbers without exponent or grouping), or undefined when empty. */
export function text(v: Cell): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return toIsoDate(v);
  const s = typeof v === 'number' ? (Number.isInteger(v) ? v.toFixed(0) : String(v)) : String(v);
  const t = s.trim();
  return t === '' ? undefined : t;
}

/** РНОКПП from a number cell loses leading zeros: give them back. */
export function toRnokpp(v: Cell): string | undefined {
  const s = text(v);
  if (s === undefined) return undefined;
  return typeof v === 'number' && /^\d{1,9}$/.test(s) ? s.padStart(10, '0') : s.replace(/\s/g, '');
}

/** A settlement name reduced for lookup: no type prefix («м.», «с.», «смт»), lower case, single spaces. */
export function settlementKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[ʼ’`]/g, "'")
    .replace(/^(м\.|с\.|смт\.?|сел\.|селище|село|місто|с-ще|м|с)\s+/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

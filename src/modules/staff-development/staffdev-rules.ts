/** Staff development's fixed vocabulary and the guard on supervision topics (decision 0030). */

export const SUPERVISION_KINDS = ['individual', 'group'] as const;
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number];

/** A 10-digit number standing alone, spaces or dashes allowed between digits: what an РНОКПП looks like. */
const RNOKPP_LIKE = /(?<![\d])\d(?:[\s-]?\d){9}(?![\d])/u;
/** A case number as the cases module gives it (В-2026-000042), Cyrillic or Latin В, any dashes or spaces. */
const CASE_NUMBER = /(?<![\p{L}\d])[ВB]\s*[-‐‑–—]?\s*\d{4}\s*[-‐‑–—]\s*\d{1,6}(?!\d)/iu;

/**
 * Why the topics of a supervision session are refused, if they are: supervision records keep what was discussed
 * in general, never who — text with an РНОКПП-like number or a case number names a recipient or a case.
 */
export function topicsProblem(text: string): 'rnokpp' | 'caseNumber' | null {
  if (CASE_NUMBER.test(text)) return 'caseNumber';
  if (RNOKPP_LIKE.test(text)) return 'rnokpp';
  return null;
}

/** Hours as typed («7,5», «16», «1.5»): a positive number with at most two decimals, or null. */
export function parseHours(v: string): number | null {
  const s = v.trim().replace(',', '.');
  if (!/^\d{1,4}(?:\.\d{1,2})?$/.test(s)) return null;
  const n = Number(s);
  return n > 0 ? n : null;
}

/** Hours shown in Ukrainian: up to two decimals, a comma, no trailing zeros («7,5», «16»). */
export function displayHours(v: string | number): string {
  const n = typeof v === 'number' ? v : Number(v);
  return String(Math.round(n * 100) / 100).replace('.', ',');
}

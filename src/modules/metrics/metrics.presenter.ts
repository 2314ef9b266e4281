import type { TFunction } from 'i18next';

/** A period key in words: «2025 рік», «ІІ півріччя 2025», «ІІІ квартал 2025». */
export function periodText(t: TFunction, key: string): string {
  const m = /^([0-9]{4})(?:-(H|Q)([1-4]))?$/.exec(key);
  if (!m) return key;
  if (!m[2]) return t('metrics.periodYear', { year: m[1] });
  return t(m[2] === 'H' ? 'metrics.periodHalf' : 'metrics.periodQuarter', {
    year: m[1],
    n: ['І', 'ІІ', 'ІІІ', 'ІV'][Number(m[3]) - 1],
  });
}

import type { TFunction } from 'i18next';
import { barChartSvg, svgDataUrl } from '../../platform/charts.js';
import { DOMAINS, domainScore, overallScore, type Domain } from './maturity.template.js';
import type { InstitutionRow, QuestionRow } from './maturity.queries.js';

type Scores = { domain: Domain; score: number }[];

/** Domain scores in % from the domains' mean scores (0–4), in the questionnaire's order, and the overall score. */
export function percentages(scores: Scores) {
  const byDomain = DOMAINS.map((d) => {
    const s = scores.find((x) => x.domain === d);
    return s ? Math.round((s.score / 4) * 100) : null;
  });
  return { byDomain, overall: overallScore(byDomain) };
}

/** Scores of the answers given now: a domain's mean as a share of 4. */
export function scoresOf(qs: QuestionRow[], answers: { question_id: string; score: number }[]) {
  const byDomain = DOMAINS.map((d) =>
    domainScore(answers.filter((a) => qs.find((q) => q.id === a.question_id)?.domain === d).map((a) => a.score)),
  );
  return { byDomain, overall: overallScore(byDomain) };
}

const pct = (v: number | null) => (v === null ? '—' : `${v} %`);

/** The institution's years side by side: a row per domain, a column per year, and a chart of the same figures. */
export function comparison(t: TFunction, years: InstitutionRow['assessments']) {
  const ordered = [...years].sort((a, b) => a.year - b.year);
  const cols = ordered.map((y) => ({ year: y.year, draft: y.status === 'draft', ...percentages(y.scores) }));
  const rows = DOMAINS.map((d, i) => ({
    domain: t(`maturity.domain.${d}`),
    values: cols.map((c) => pct(c.byDomain[i])),
  }));
  const chart = cols.length
    ? svgDataUrl(
        barChartSvg({
          title: t('maturity.chart'),
          categories: DOMAINS.map((d) => t(`maturity.domain.${d}`)),
          series: cols.map((c) => ({ name: String(c.year), data: c.byDomain.map((v) => v ?? 0) })),
        }),
      )
    : null;
  return {
    years: cols.map((c) => ({ year: c.year, draft: c.draft, overall: pct(c.overall) })),
    rows,
    chart,
  };
}

export { pct };

/** The one pagination of lists shown as pages (govuk pagination: numbers, gaps, previous/next). */

export interface PageLink {
  n: number;
  href: string;
  current: boolean;
}

export interface Pagination {
  page: number;
  pages: number;
  total: number;
  /** Page numbers to offer; null is a gap («…»). Empty when everything fits on one page. */
  items: (PageLink | null)[];
  previous: string | null;
  next: string | null;
}

/** Page numbers to offer: first, last and two either side of the current one; null marks a gap. */
export function pageNumbers(current: number, pages: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - current) <= 2) out.push(p);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

/**
 * The address of a page of a list: the list's path with its current query (empty values left
 * out) and `page` set (page 1 has no `page`).
 */
export function pageHref(
  path: string,
  query: Record<string, string | number | boolean | null | undefined>,
  page: number,
): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (k === 'page' || v === undefined || v === null || v === '') continue;
    p.set(k, String(v));
  }
  if (page > 1) p.set('page', String(page));
  const qs = p.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Everything a list page needs to show its pagination. */
export function paginate(o: {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
}): Pagination {
  const pages = Math.max(1, Math.ceil(o.total / o.pageSize));
  const page = Math.min(Math.max(1, o.page), pages);
  return {
    page,
    pages,
    total: o.total,
    items:
      pages > 1
        ? pageNumbers(page, pages).map((n) => (n === null ? null : { n, href: o.href(n), current: n === page }))
        : [],
    previous: page > 1 ? o.href(page - 1) : null,
    next: page < pages ? o.href(page + 1) : null,
  };
}

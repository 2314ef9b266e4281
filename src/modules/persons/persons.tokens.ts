import { searchKey } from './identity/index.js';

/** Name tokens of a person for search: normalised Latin keys of every part of the name. */
export function nameTokens(...parts: (string | null | undefined)[]): string[] {
  const tokens = new Set<string>();
  for (const p of parts) {
    if (!p) continue;
    for (const tok of searchKey(p).split(' ')) if (tok.length > 0) tokens.add(tok);
  }
  return [...tokens];
}

/** Query tokens: the same normalisation, at most 5 tokens, each at least 2 characters. */
export function queryTokens(q: string): string[] {
  return [
    ...new Set(
      searchKey(q)
        .split(' ')
        .filter((t) => t.length >= 2),
    ),
  ].slice(0, 5);
}

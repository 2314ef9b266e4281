import { searchKey, transliterate } from '../persons/identity/index.js';

/** Beyond this many distinct name parts the cache starts afresh (a file of unique names gains nothing from it). */
const MAX_ENTRIES = 100_000;

/**
 * The registry's name encodings (search tokens as `nameTokens`, Latin name as `transliterate`)
 * with each name part converted once per import: names repeat across rows, and converting them
 * was the largest cost of the import. Both are computed part by part — the same result as on the
 * joined name, since the conversions work word by word and parts are joined by a space (a unit
 * test checks this on arbitrary text).
 */
export class NameEncoder {
  private keys = new Map<string, string[]>();
  private latins = new Map<string, string>();

  private key(part: string): string[] {
    let k = this.keys.get(part);
    if (k === undefined) {
      if (this.keys.size >= MAX_ENTRIES) this.keys.clear();
      k = searchKey(part)
        .split(' ')
        .filter((tok) => tok.length > 0);
      this.keys.set(part, k);
    }
    return k;
  }

  private latin(part: string): string {
    let l = this.latins.get(part);
    if (l === undefined) {
      if (this.latins.size >= MAX_ENTRIES) this.latins.clear();
      l = transliterate(part);
      this.latins.set(part, l);
    }
    return l;
  }

  /** Same as `nameTokens(...parts)`. */
  tokens(...parts: (string | null | undefined)[]): string[] {
    const out = new Set<string>();
    for (const p of parts) if (p) for (const tok of this.key(p)) out.add(tok);
    return [...out];
  }

  /** Same as `transliterate(parts.filter(Boolean).join(' '))`. */
  latinName(...parts: (string | null | undefined)[]): string {
    return parts
      .filter((p): p is string => !!p)
      .map((p) => this.latin(p))
      .join(' ');
  }
}

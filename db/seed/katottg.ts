import fs from 'node:fs';
import path from 'node:path';
import type { Queryable } from '../../src/platform/db.js';
import { ROOT } from '../../src/platform/paths.js';

export const KATOTTG_FILE = path.join(ROOT, 'reference/kodifikator-2025-05-16.csv');

interface Parsed {
  oblasts: [string, string, string][];
  raions: [string, string, string][];
  hromadas: [string, string, string, string][];
  settlements: [string, string, string, string][];
}

/** Parses the КАТОТТГ codifier (`;`-separated, UTF-8, CRLF; names may carry trailing spaces). */
export function parseKatottg(text: string): Parsed {
  const out: Parsed = { oblasts: [], raions: [], hromadas: [], settlements: [] };
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/).slice(1);
  for (const line of lines) {
    if (!line.trim()) continue;
    const [l1, l2, l3, l4, extra, cat, rawName] = line.split(';');
    const name = (rawName ?? '').trim();
    if (extra) continue; // city districts (category B) are not settlements
    if (!l2 && (cat === 'O' || cat === 'K')) out.oblasts.push([l1, name, cat]);
    else if (l2 && !l3 && cat === 'P') out.raions.push([l2, l1, name]);
    else if (l3 && !l4 && cat === 'H') {
      if (!seen.has(l3)) out.hromadas.push([l3, l2, l1, name]);
      seen.add(l3);
    } else if (l4 && ['M', 'X', 'C'].includes(cat)) out.settlements.push([l4, l3, cat, name]);
  }
  // The exclusion zone's settlements (Прип'ять, Чорнобиль) belong to no hromada.
  out.settlements = out.settlements.filter((s) => seen.has(s[1]));
  return out;
}

const cols = (rows: unknown[][], i: number) => rows.map((r) => r[i]);

/** Loads the codifier into oblasts/raions/hromadas/settlements (idempotent: existing codes are kept). */
export async function importKatottg(db: Queryable, file = KATOTTG_FILE) {
  const p = parseKatottg(fs.readFileSync(file, 'utf8'));
  await db.query(
    `INSERT INTO oblasts (code, name, category) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
     ON CONFLICT (code) DO NOTHING`,
    [cols(p.oblasts, 0), cols(p.oblasts, 1), cols(p.oblasts, 2)],
  );
  await db.query(
    `INSERT INTO raions (code, oblast_code, name) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
     ON CONFLICT (code) DO NOTHING`,
    [cols(p.raions, 0), cols(p.raions, 1), cols(p.raions, 2)],
  );
  await db.query(
    `INSERT INTO hromadas (code, raion_code, oblast_code, name)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT (code) DO NOTHING`,
    [cols(p.hromadas, 0), cols(p.hromadas, 1), cols(p.hromadas, 2), cols(p.hromadas, 3)],
  );
  await db.query(
    `INSERT INTO settlements (code, hromada_code, category, name)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT (code) DO NOTHING`,
    [cols(p.settlements, 0), cols(p.settlements, 1), cols(p.settlements, 2), cols(p.settlements, 3)],
  );
  return {
    oblasts: p.oblasts.length,
    raions: p.raions.length,
    hromadas: p.hromadas.length,
    settlements: p.settlements.length,
  };
}

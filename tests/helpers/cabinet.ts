import type { TestApp } from './app.js';
import { linkPerson, resident } from '../factories/index.js';

/** The smallest files whose first bytes say what they are (the cabinet sniffs content, not names). */
export const SAMPLE = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  /** A Windows program (MZ header), e.g. renamed to .pdf. */
  exe: Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(200, 1)]),
};

export interface FilePart {
  data: Buffer;
  name: string;
  type?: string;
}

/** A multipart form with text fields and files, as a browser would send it. */
export function multipartForm(fields: Record<string, string>, files: Record<string, FilePart> = {}): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [k, v] of Object.entries(files))
    f.append(k, new Blob([new Uint8Array(v.data)], { type: v.type ?? 'application/pdf' }), v.name);
  return f;
}

/** A verified resident account (created when missing); returns its user id. */
export async function residentAccount(t: TestApp, email: string, name = 'Мешканець Тестовий'): Promise<string> {
  const found = await t.owner<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [email]);
  if (found.rows[0]) return found.rows[0].id;
  return (await resident(t, { email, name })).userId;
}

/** Links a resident account to a registry person (as an ID.GOV.UA sign-in would): the cabinet then shows the person's applications. */
export async function linkResident(t: TestApp, email: string, personId: string): Promise<string> {
  const userId = await residentAccount(t, email);
  await linkPerson(t, userId, personId);
  return userId;
}

/** The demo starosta's district and a settlement inside it and one outside it. */
export async function starostaDistrict(t: TestApp): Promise<{ districtId: number; inside: string; outside: string }> {
  const districtId = (
    await t.owner<{ district_id: number }>(
      "SELECT g.district_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'starosta'",
    )
  ).rows[0].district_id;
  const code = async (op: '=' | '<>') =>
    (
      await t.owner<{ c: string }>(
        `SELECT settlement_code AS c FROM district_settlements WHERE district_id ${op} $1 ORDER BY settlement_code LIMIT 1`,
        [districtId],
      )
    ).rows[0].c;
  return { districtId, inside: await code('='), outside: await code('<>') };
}

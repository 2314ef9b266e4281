import type { PoolClient } from 'pg';

export interface ConsentRow {
  id: string; purpose: string; legal_basis: string; scope: string; text_version: string; given_on: string;
  recorded_at: Date; recorded_by_name: string | null; withdrawn_on: string | null; withdrawn_by_name: string | null;
  /** paper: signed at the office; online: ticked in the online application form. */
  channel: 'paper' | 'online';
}

export async function personConsents(c: PoolClient, personId: string): Promise<ConsentRow[]> {
  const { rows } = await c.query<ConsentRow>(
    `SELECT k.id, k.purpose, k.legal_basis, k.scope, k.text_version, to_char(k.given_on, 'YYYY-MM-DD') AS given_on, k.recorded_at,
       ru.display_name AS recorded_by_name, to_char(k.withdrawn_on, 'YYYY-MM-DD') AS withdrawn_on, wu.display_name AS withdrawn_by_name,
       k.channel
     FROM consents k LEFT JOIN users ru ON ru.id = k.recorded_by LEFT JOIN users wu ON wu.id = k.withdrawn_by
     WHERE k.person_id = $1 ORDER BY k.withdrawn_on NULLS FIRST, k.given_on DESC, k.recorded_at DESC`, [personId]);
  return rows;
}

export async function loadConsent(c: PoolClient, personId: string, id: string): Promise<ConsentRow | null> {
  const { rows } = await c.query<ConsentRow>(
    `SELECT k.id, k.purpose, k.legal_basis, k.scope, k.text_version, to_char(k.given_on, 'YYYY-MM-DD') AS given_on, k.recorded_at,
       NULL AS recorded_by_name, to_char(k.withdrawn_on, 'YYYY-MM-DD') AS withdrawn_on, NULL AS withdrawn_by_name, k.channel
     FROM consents k WHERE k.person_id = $1 AND k.id = $2`, [personId, id]);
  return rows[0] ?? null;
}

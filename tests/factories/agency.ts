import type { TestApp } from '../helpers/app.js';
import { demoHromadaId } from './hromada.js';

let seq = 0;

/** An agency of a hromada (a provider by default, with its capacity and code when given); returns its id. */
export async function agency(
  t: TestApp,
  o: { hromadaId?: number; name?: string; kind?: string; places?: number; hoursPerMonth?: number; code?: string } = {},
): Promise<number> {
  const hromadaId = o.hromadaId ?? (await demoHromadaId(t));
  return (
    await t.owner<{ id: number }>(
      `INSERT INTO agencies (hromada_id, name, kind, places, hours_per_month, code, ownership)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        hromadaId,
        o.name ?? `Установа (тест ${++seq})`,
        o.kind ?? 'provider',
        o.places ?? null,
        o.hoursPerMonth ?? null,
        o.code ?? null,
        o.code ? 'ngo' : 'communal',
      ],
    )
  ).rows[0].id;
}

/** The provider a demo user works for (the agency of their `provider` grant). */
export async function agencyOfUser(t: TestApp, username: string): Promise<number> {
  return (
    await t.owner<{ agency_id: number }>(
      `SELECT g.agency_id FROM grants g JOIN users u ON u.id = g.user_id
       WHERE u.username = $1 AND g.role = 'provider' AND g.agency_id IS NOT NULL ORDER BY g.id LIMIT 1`,
      [username],
    )
  ).rows[0].agency_id;
}

import { DEMO_HROMADA_CODE } from '../../db/seed/demo.js';
import type { TestApp } from '../helpers/app.js';

/** The demo hromada's code (Старобільська міська громада), as the seed writes it. */
export const DEMO_HROMADA = DEMO_HROMADA_CODE;

export interface Hromada {
  id: number;
  code: string;
  name: string;
}

/** The demo hromada every test database is cloned with (staff, districts, agencies, catalogue). */
export async function demoHromada(t: TestApp): Promise<Hromada> {
  const { rows } = await t.owner<Hromada>('SELECT id, code, name FROM hromadas WHERE code = $1', [DEMO_HROMADA]);
  return rows[0];
}

/** The demo hromada's id. */
export const demoHromadaId = async (t: TestApp): Promise<number> => (await demoHromada(t)).id;

/**
 * Another hromada of its own: the first codifier hromada not active yet (by code), activated as the
 * administrator's activation does (`active`, `activated_at`). It has no staff, districts or services;
 * add them with the other factories. Each call gives a new one.
 */
export async function newHromada(t: TestApp): Promise<Hromada> {
  const { rows } = await t.owner<Hromada>(
    `UPDATE hromadas SET active = true, activated_at = now()
     WHERE id = (SELECT id FROM hromadas WHERE NOT active ORDER BY code LIMIT 1) RETURNING id, code, name`,
  );
  return rows[0];
}

import type { TestApp } from '../helpers/app.js';
import { demoHromadaId } from './hromada.js';

let seq = 0;

/** An agency of a hromada (a provider by default); returns its id. */
export async function agency(
  t: TestApp,
  o: { hromadaId?: number; name?: string; kind?: string } = {},
): Promise<number> {
  const hromadaId = o.hromadaId ?? (await demoHromadaId(t));
  return (
    await t.owner<{ id: number }>('INSERT INTO agencies (hromada_id, name, kind) VALUES ($1, $2, $3) RETURNING id', [
      hromadaId,
      o.name ?? `Установа (тест ${++seq})`,
      o.kind ?? 'provider',
    ])
  ).rows[0].id;
}

import type { TestApp } from '../helpers/app.js';
import { demoHromadaId } from './hromada.js';

export type Channel = 'online' | 'front_office' | 'starosta';

export interface ServiceOptions {
  hromadaId?: number;
  name?: string;
  description?: string;
  cost?: 'free' | 'paid' | 'differentiated';
  /** Working days for a decision (10 by default). */
  days?: number;
  /** How one applies (all three by default). */
  channels?: Channel[];
  active?: boolean;
  crisis?: boolean;
  eligibleCategories?: string[];
  minAge?: number | null;
  /** The document list residents must give: `kind`: required (default), optional or office_fills, `byOffice` means the office obtains it. */
  documents?: { name: string; kind?: 'required' | 'optional' | 'office_fills'; byOffice?: boolean }[];
  /** Agencies that provide the service. */
  providers?: number[];
}

export interface Service {
  id: string;
  documentIds: string[];
}

let seq = 0;

/** A catalogue service (active, free, 10 days, every channel unless told); returns its id and its documents' ids. */
export async function service(t: TestApp, o: ServiceOptions = {}): Promise<Service> {
  const hromadaId = o.hromadaId ?? (await demoHromadaId(t));
  const id = (
    await t.owner<{ id: string }>(
      `INSERT INTO services (hromada_id, name, description, cost, max_processing_days, crisis, channels, active,
       eligible_categories, min_age)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        hromadaId,
        o.name ?? `Послуга (тест ${++seq})`,
        o.description ?? null,
        o.cost ?? 'free',
        o.days ?? 10,
        o.crisis ?? false,
        o.channels ?? ['front_office', 'starosta', 'online'],
        o.active ?? true,
        o.eligibleCategories ?? [],
        o.minAge ?? null,
      ],
    )
  ).rows[0].id;
  const documentIds: string[] = [];
  for (const [position, d] of (o.documents ?? []).entries()) {
    documentIds.push(
      (
        await t.owner<{ id: string }>(
          `INSERT INTO service_documents (hromada_id, service_id, position, name, obtained_by_office, kind)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [hromadaId, id, position + 1, d.name, d.byOffice ?? false, d.kind ?? 'required'],
        )
      ).rows[0].id,
    );
  }
  for (const agencyId of o.providers ?? []) {
    await t.owner('INSERT INTO service_providers (hromada_id, service_id, agency_id) VALUES ($1, $2, $3)', [
      hromadaId,
      id,
      agencyId,
    ]);
  }
  return { id, documentIds };
}

import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import { rnokppConsistency, transliterate, type RnokppMismatch } from '../identity/index.js';
import type { PersonInput } from '../persons.schema.js';
import { sealIdentifier } from '../persons.identifiers.js';
import { nameTokens } from '../persons.tokens.js';
import { duplicateIdentifier, similarWithinReach } from '../persons.policy.js';
import { addVocabulary, findByIdentifierHash, findSimilar, settlementPlace, type SimilarRow } from '../persons.queries.js';

import type { RequestMeta } from '../../../platform/audit.js';
export type { RequestMeta };

export type RegisterResult =
  | { kind: 'created'; id: string }
  | { kind: 'needs_confirmation'; mismatches: RnokppMismatch[]; similar: SimilarRow[]; similarBeyondReach: boolean };

/**
 * Registers a person in the actor's hromada. Refuses an existing РНОКПП/УНЗР (409 with the
 * existing id); asks to confirm when the РНОКПП does not agree with birth date or sex, or when
 * persons with a similar name and the same birth date exist.
 */
export async function registerPerson(o: RegisterOptions): Promise<RegisterResult> {
  authorize(o.actor, 'registry.write');
  const actor = o.actor;
  return o.services.db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, (c) => registerPersonIn(c, o));
}

export interface RegisterOptions {
  services: Services; actor: Actor | null; input: PersonInput; confirm?: boolean; meta?: RequestMeta;
}

/** The same within a transaction the caller holds (API calls, imports). */
export async function registerPersonIn(c: PoolClient, o: RegisterOptions): Promise<RegisterResult> {
  const { services, input } = o;
  authorize(o.actor, 'registry.write');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  {
    let districtId: number | null = null;
    if (input.settlementCode) {
      const place = await settlementPlace(c, hromadaId, input.settlementCode);
      if (!place) throw new AppError('validation', { messageKey: 'persons.v.settlementOutside' });
      districtId = place.districtId;
    }
    authorize(actor, 'registry.write', { hromadaId, districtId });
    const rnokpp = input.rnokpp ? sealIdentifier(services, 'rnokpp', input.rnokpp) : null;
    const unzr = input.unzr ? sealIdentifier(services, 'unzr', input.unzr) : null;
    if (rnokpp) {
      const existing = await findByIdentifierHash(c, hromadaId, 'rnokpp_hash', rnokpp.hash);
      if (existing) throw await duplicateIdentifier(c, actor, existing, 'persons.v.duplicateRnokpp');
    }
    if (unzr) {
      const existing = await findByIdentifierHash(c, hromadaId, 'unzr_hash', unzr.hash);
      if (existing) throw await duplicateIdentifier(c, actor, existing, 'persons.v.duplicateUnzr');
    }
    const tokens = nameTokens(input.lastName, input.firstName, input.patronymic);
    if (!o.confirm) {
      const mismatches = input.rnokpp ? rnokppConsistency(input.rnokpp.replace(/\s/g, ''), { birthDate: input.birthDate, sex: input.sex }) : [];
      const found = input.birthDate
        ? await findSimilar(c, hromadaId, tokens, nameTokens(input.lastName)[0] ?? '', input.birthDate) : [];
      // Only persons within the actor's reach are named; others are mentioned without name, link or id.
      const { similar, similarBeyondReach } = await similarWithinReach(c, actor, found);
      if (mismatches.length || found.length) return { kind: 'needs_confirmation', mismatches, similar, similarBeyondReach };
    }
    const { rows } = await c.query<{ id: string }>(
      `INSERT INTO persons (hromada_id, last_name, first_name, patronymic, latin_name, birth_date, sex,
         rnokpp_sealed, rnokpp_hash, rnokpp_mask, rnokpp_absence, unzr_sealed, unzr_hash, unzr_mask, phone, email,
         reg_settlement_code, reg_street, reg_house, reg_apartment, act_settlement_code, act_street, act_house, act_apartment,
         district_id, death_date, name_tokens, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
         $17, $18, $19, $20, $21, $22, $23, $24, $24) RETURNING id`,
      [hromadaId, input.lastName, input.firstName, input.patronymic ?? null,
        transliterate([input.lastName, input.firstName, input.patronymic].filter(Boolean).join(' ')),
        input.birthDate ?? null, input.sex ?? null, rnokpp?.sealed ?? null, rnokpp?.hash ?? null, rnokpp?.mask ?? null,
        input.rnokppAbsence ?? null, unzr?.sealed ?? null, unzr?.hash ?? null, unzr?.mask ?? null, input.phone ?? null,
        input.email ?? null, input.settlementCode ?? null, input.street ?? null, input.house ?? null, input.apartment ?? null,
        districtId, input.deathDate ?? null, tokens, actor.userId]);
    await addVocabulary(c, hromadaId, tokens);
    const fields = Object.entries(input).filter(([, v]) => v !== undefined).map(([k]) => k);
    await writeAudit(c, {
      ...auditBy(actor, o.meta, hromadaId), action: 'person.create', operation: 'write',
      entityType: 'person', entityId: rows[0].id, fields
    });
    return { kind: 'created', id: rows[0].id };
  }
}

import { problem } from '../../../platform/errors.js';
import { authorize } from '../../../platform/policy.js';
import type { UseCase } from '../../../platform/use-case.js';
import { inTenant } from '../../../platform/use-case.js';
import { rnokppConsistency, transliterate, type RnokppMismatch } from '../identity/index.js';
import type { PersonInput } from '../persons.schema.js';
import { sealIdentifier } from '../persons.identifiers.js';
import { nameTokens } from '../persons.tokens.js';
import { duplicateIdentifier, similarWithinReach } from '../persons.policy.js';
import {
  addVocabulary,
  findByIdentifierHash,
  findSimilar,
  insertPerson,
  settlementPlace,
  type SimilarRow,
} from '../persons.queries.js';

/** @deprecated import `RequestMeta` from `platform/audit.ts`; kept while other modules still import it from here. */
export type { RequestMeta } from '../../../platform/audit.js';

export type RegisterResult =
  | { kind: 'created'; id: string }
  | { kind: 'needs_confirmation'; mismatches: RnokppMismatch[]; similar: SimilarRow[]; similarBeyondReach: boolean };

export type RegisterOptions = UseCase<{ input: PersonInput; confirm?: boolean }>;

/**
 * Registers a person in the actor's hromada. Refuses an existing РНОКПП/УНЗР (409 with the
 * existing id); asks to confirm when the РНОКПП does not agree with birth date or sex, or when
 * persons with a similar name and the same birth date exist. Joins the caller's transaction (API calls).
 */
export async function registerPerson(o: RegisterOptions): Promise<RegisterResult> {
  return inTenant(o, 'registry.write', async ({ c, actor, hromadaId, audit }) => {
    const { services, input } = o;
    let districtId: number | null = null;
    if (input.settlementCode) {
      const place = await settlementPlace(c, hromadaId, input.settlementCode);
      if (!place) throw problem('settlementCode', 'persons.v.settlementOutside');
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
      const mismatches = input.rnokpp
        ? rnokppConsistency(input.rnokpp.replace(/\s/g, ''), { birthDate: input.birthDate, sex: input.sex })
        : [];
      const found = input.birthDate
        ? await findSimilar(c, hromadaId, tokens, nameTokens(input.lastName)[0] ?? '', input.birthDate)
        : [];
      // Only persons within the actor's reach are named; others are mentioned without name, link or id.
      const { similar, similarBeyondReach } = await similarWithinReach(c, actor, found);
      if (mismatches.length || found.length)
        return { kind: 'needs_confirmation', mismatches, similar, similarBeyondReach };
    }
    const id = await insertPerson(c, hromadaId, actor.userId, {
      lastName: input.lastName,
      firstName: input.firstName,
      patronymic: input.patronymic ?? null,
      latinName: transliterate([input.lastName, input.firstName, input.patronymic].filter(Boolean).join(' ')),
      birthDate: input.birthDate ?? null,
      sex: input.sex ?? null,
      rnokpp,
      rnokppAbsence: input.rnokppAbsence ?? null,
      unzr,
      phone: input.phone ?? null,
      email: input.email ?? null,
      settlementCode: input.settlementCode ?? null,
      street: input.street ?? null,
      house: input.house ?? null,
      apartment: input.apartment ?? null,
      districtId,
      deathDate: input.deathDate ?? null,
      tokens,
    });
    await addVocabulary(c, hromadaId, tokens);
    const fields = Object.entries(input)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    await audit({ action: 'person.create', operation: 'write', entityType: 'person', entityId: id, fields });
    return { kind: 'created', id };
  });
}

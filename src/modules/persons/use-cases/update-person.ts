import { authorize } from '../../../platform/policy.js';
import { AppError, problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { checkUnzr, rnokppConsistency, transliterate, type RnokppMismatch } from '../identity/index.js';
import type { PersonInput } from '../persons.schema.js';
import { identifierHash, sealIdentifier } from '../persons.identifiers.js';
import { nameTokens } from '../persons.tokens.js';
import { duplicateIdentifier, requirePerson, similarWithinReach } from '../persons.policy.js';
import {
  contactsHiddenForMe,
  addVocabulary,
  findByIdentifierHash,
  findSimilar,
  lockPersonForUpdate,
  settlementPlace,
  updatePersonColumns,
  type CurrentPersonRow,
  type SimilarRow,
} from '../persons.queries.js';

/** A change: an absent (undefined) field stays as it is, `null` clears it. */
export type PersonPatch = { [K in keyof PersonInput]?: PersonInput[K] | null };

export type UpdateResult =
  | { kind: 'updated'; id: string; version: number; changed: string[] }
  | { kind: 'needs_confirmation'; mismatches: RnokppMismatch[]; similar: SimilarRow[]; similarBeyondReach: boolean };

export type UpdateOptions = UseCase<{
  id: string;
  patch: PersonPatch;
  /** The version the editor saw; a different current version is a conflict (409). */
  version?: number;
  confirm?: boolean;
}>;

type CurrentRow = CurrentPersonRow;

/** Plain (non-identifier) fields: API name → column. */
const PLAIN = {
  lastName: 'last_name',
  firstName: 'first_name',
  patronymic: 'patronymic',
  birthDate: 'birth_date',
  sex: 'sex',
  rnokppAbsence: 'rnokpp_absence',
  phone: 'phone',
  email: 'email',
  settlementCode: 'reg_settlement_code',
  street: 'reg_street',
  house: 'reg_house',
  apartment: 'reg_apartment',
  deathDate: 'death_date',
} as const satisfies Partial<Record<keyof PersonInput, keyof CurrentRow>>;
type PlainField = keyof typeof PLAIN;
/** What a reader outside a restricted case's team neither sees nor changes of its subject (migration 0056). */
const PROTECTED = new Set<PlainField>(['phone', 'email', 'settlementCode', 'street', 'house', 'apartment']);
/** The registration address is also the actual address, as at registration. */
const ACTUAL = {
  reg_settlement_code: 'act_settlement_code',
  reg_street: 'act_street',
  reg_house: 'act_house',
  reg_apartment: 'act_apartment',
} as const;

/**
 * Changes a person's data (joins the caller's transaction, e.g. an API call's): optimistic concurrency on `version`,
 * duplicate identifiers refused (409 with the existing id), РНОКПП/birth date/sex mismatches and
 * similar persons asked to confirm, name tokens, district and sealed identifiers re-derived.
 * The audit entry names the changed fields only.
 */
export async function updatePerson(o: UpdateOptions): Promise<UpdateResult> {
  return inTenant(o, 'registry.write', async ({ c, actor, hromadaId, audit }) => {
    const { services, patch } = o;
    await requirePerson(c, actor, 'registry.write', o.id);
    const cur = await lockPersonForUpdate(c, hromadaId, o.id);
    if (cur.merged_into)
      throw new AppError('conflict', { messageKey: 'personsWeb.merged', details: { existingId: cur.merged_into } });
    if (o.version !== undefined && o.version !== cur.version) {
      throw new AppError('conflict', { messageKey: 'personsWeb.versionConflict', details: { version: cur.version } });
    }
    if (patch.rnokpp && patch.rnokppAbsence) throw problem('rnokppAbsence', 'persons.v.rnokppOrAbsence');

    const next: Record<string, string | number | null> = {};
    const changed = new Set<string>();
    // The address and contacts of a restricted case's subject are not shown outside the case's team, so a change
    // from outside it never touches them (an empty field there is not a wish to clear them).
    const hidden = await contactsHiddenForMe(c, o.id);
    for (const [field, column] of Object.entries(PLAIN) as [PlainField, keyof CurrentRow][]) {
      if (hidden && PROTECTED.has(field)) continue;
      const v = patch[field];
      if (v === undefined) continue;
      const value = v === null || v === '' ? null : v;
      if (value !== cur[column]) {
        next[column] = value;
        changed.add(field);
      }
    }
    const value = <K extends keyof CurrentRow>(column: K): CurrentRow[K] =>
      (column in next ? next[column] : cur[column]) as CurrentRow[K];

    // Identifiers: compared by keyed hash; a new РНОКПП clears the reason of absence and vice versa.
    let rnokppClear = cur.rnokpp_sealed ? services.box.open(cur.rnokpp_sealed) : null;
    if (patch.rnokpp !== undefined) {
      const hash = patch.rnokpp ? identifierHash(services, 'rnokpp', patch.rnokpp) : null;
      if (hash !== cur.rnokpp_hash) {
        const sealed = patch.rnokpp ? sealIdentifier(services, 'rnokpp', patch.rnokpp) : null;
        if (sealed) {
          const existing = await findByIdentifierHash(c, hromadaId, 'rnokpp_hash', sealed.hash, o.id);
          if (existing) throw await duplicateIdentifier(c, actor, existing, 'persons.v.duplicateRnokpp');
          if (value('rnokpp_absence') !== null) {
            next.rnokpp_absence = null;
            changed.add('rnokppAbsence');
          }
        }
        Object.assign(next, {
          rnokpp_sealed: sealed?.sealed ?? null,
          rnokpp_hash: sealed?.hash ?? null,
          rnokpp_mask: sealed?.mask ?? null,
        });
        rnokppClear = patch.rnokpp ? patch.rnokpp.replace(/\s/g, '') : null;
        changed.add('rnokpp');
      }
    }
    if (next.rnokpp_absence && value('rnokpp_hash') !== null && patch.rnokpp === undefined) {
      Object.assign(next, { rnokpp_sealed: null, rnokpp_hash: null, rnokpp_mask: null });
      rnokppClear = null;
      changed.add('rnokpp');
    }
    let unzrClear = cur.unzr_sealed ? services.box.open(cur.unzr_sealed) : null;
    if (patch.unzr !== undefined) {
      const hash = patch.unzr ? identifierHash(services, 'unzr', patch.unzr) : null;
      if (hash !== cur.unzr_hash) {
        const sealed = patch.unzr ? sealIdentifier(services, 'unzr', patch.unzr) : null;
        if (sealed) {
          const existing = await findByIdentifierHash(c, hromadaId, 'unzr_hash', sealed.hash, o.id);
          if (existing) throw await duplicateIdentifier(c, actor, existing, 'persons.v.duplicateUnzr');
        }
        Object.assign(next, {
          unzr_sealed: sealed?.sealed ?? null,
          unzr_hash: sealed?.hash ?? null,
          unzr_mask: sealed?.mask ?? null,
        });
        unzrClear = patch.unzr ?? null;
        changed.add('unzr');
      }
    }
    if (changed.size === 0) return { kind: 'updated', id: o.id, version: cur.version, changed: [] };

    // Rules over the whole record as it would become.
    const birthDate = value('birth_date');
    const deathDate = value('death_date');
    if (unzrClear && birthDate && (changed.has('unzr') || changed.has('birthDate'))) {
      const u = checkUnzr(unzrClear);
      if (u.ok && u.birthDate !== birthDate) throw problem('unzr', 'persons.v.unzrBirthDate');
    }
    if (deathDate && birthDate && deathDate < birthDate) throw problem('deathDate', 'persons.v.deathBeforeBirth');
    if (changed.has('settlementCode')) {
      const code = value('reg_settlement_code');
      const place = code ? await settlementPlace(c, hromadaId, code) : { districtId: null };
      if (!place) throw problem('settlementCode', 'persons.v.settlementOutside');
      const districtId = place.districtId;
      next.district_id = districtId;
      authorize(actor, 'registry.write', { hromadaId, districtId });
    }
    for (const [reg, act] of Object.entries(ACTUAL)) if (reg in next) next[act] = next[reg];

    const nameChanged = changed.has('lastName') || changed.has('firstName') || changed.has('patronymic');
    const tokens = nameTokens(value('last_name'), value('first_name'), value('patronymic'));
    if (nameChanged) {
      next.latin_name = transliterate(
        [value('last_name'), value('first_name'), value('patronymic')].filter(Boolean).join(' '),
      );
    }
    if (!o.confirm) {
      const sex = value('sex');
      const mismatches =
        rnokppClear && (changed.has('rnokpp') || changed.has('birthDate') || changed.has('sex'))
          ? rnokppConsistency(rnokppClear, { birthDate: birthDate ?? undefined, sex: sex ?? undefined })
          : [];
      const found =
        birthDate && (nameChanged || changed.has('birthDate'))
          ? await findSimilar(c, hromadaId, tokens, nameTokens(value('last_name'))[0] ?? '', birthDate, o.id)
          : [];
      const { similar, similarBeyondReach } = await similarWithinReach(c, actor, found);
      if (mismatches.length || found.length)
        return { kind: 'needs_confirmation', mismatches, similar, similarBeyondReach };
    }

    const version = await updatePersonColumns(c, {
      hromadaId,
      id: o.id,
      userId: actor.userId,
      version: cur.version,
      next,
      tokens: nameChanged ? tokens : undefined,
    });
    if (version === null) throw new AppError('conflict', { messageKey: 'personsWeb.versionConflict' });
    if (nameChanged) await addVocabulary(c, hromadaId, tokens);
    const fields = [...changed];
    await audit({ action: 'person.update', operation: 'write', entityType: 'person', entityId: o.id, fields });
    return { kind: 'updated', id: o.id, version, changed: fields };
  });
}

import type { TFunction } from 'i18next';
import { displayDate } from '../../platform/dates.js';
import type { HouseholdRow, MemberRow } from './households.queries.js';
import type { HouseholdJson } from './households.schema.js';

const name = (m: MemberRow) => [m.last_name, m.first_name, m.patronymic].filter(Boolean).join(' ');

export function presentHousehold(h: HouseholdRow, members: MemberRow[], t: TFunction) {
  const head = members.find((m) => m.person_id === h.head_person_id);
  const view = (m: MemberRow) => ({
    personId: m.person_id,
    href: `/persons/${m.person_id}`,
    name: name(m),
    birthDate: displayDate(m.birth_date),
    relation: t(`households.relation.${m.relation}`),
    joined: displayDate(m.joined_on),
    left: displayDate(m.left_on),
  });
  return {
    id: h.id,
    head: head ? name(head) : '—',
    address: h.address_hidden
      ? t('personsWeb.card.contactsHidden')
      : [h.settlement_name, h.street, h.house, h.apartment && t('personsWeb.card.apartment', { n: h.apartment })]
          .filter(Boolean)
          .join(', ') || '—',
    district: h.district_name ?? '—',
    present: members.filter((m) => !m.left_on).map(view),
    former: members.filter((m) => m.left_on).map(view),
  };
}

export function householdToJson(h: HouseholdRow, members: MemberRow[]): HouseholdJson {
  return {
    id: h.id,
    headPersonId: h.head_person_id,
    settlementCode: h.settlement_code,
    street: h.street,
    house: h.house,
    apartment: h.apartment,
    members: members.map((m) => ({
      personId: m.person_id,
      lastName: m.last_name,
      firstName: m.first_name,
      patronymic: m.patronymic,
      birthDate: m.birth_date,
      relation: m.relation,
      joinedOn: m.joined_on,
      leftOn: m.left_on,
    })),
  };
}

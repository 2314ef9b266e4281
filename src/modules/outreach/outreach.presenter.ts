import type { TFunction } from 'i18next';
import { displayDate, kyivToday } from '../../platform/dates.js';
import type { ConflictRow, PersonValuesRow, StopRow, TripRow } from './outreach.queries.js';
import { PATCH_COLUMN } from './outreach.queries.js';
import type { PatchField } from './outreach.schema.js';

export const presentTrip = (t: TFunction, r: TripRow) => ({
  id: r.id,
  title: r.title,
  date: displayDate(r.trip_date),
  isoDate: r.trip_date,
  vehicle: r.vehicle_name,
  status: r.status,
  statusText: t(`outreach.status.${r.status}`),
  report: r.report,
  stops: r.stops,
});

export const presentStop = (t: TFunction, s: StopRow, o: { first: boolean; last: boolean }) => ({
  id: s.id,
  position: s.position,
  personId: s.person_id,
  name: [s.last_name, s.first_name, s.patronymic].filter(Boolean).join(' '),
  birth: displayDate(s.birth_date),
  place: [s.settlement_name, s.address].filter(Boolean).join(', '),
  sourceText: t(`outreach.source.${s.source}`),
  reason: s.reason,
  outcome: s.outcome,
  outcomeText: s.outcome ? t(`outreach.outcome.${s.outcome}`) : t('outreach.outcome.none'),
  note: s.note,
  first: o.first,
  last: o.last,
});

const shown = (t: TFunction, v: string | null | undefined) =>
  v === null || v === undefined || v === '' ? t('outreach.conflict.empty') : v;

/** A conflict's rows: per field, the device's value, the value recorded here at the conflict, and the value now. */
export function presentConflict(t: TFunction, k: ConflictRow, now: PersonValuesRow, posted: Record<string, string>) {
  const fields = Object.keys(k.device) as PatchField[];
  const date = (f: PatchField, v: string | null | undefined) => (f === 'birthDate' && v ? displayDate(v) : v);
  return {
    id: k.id,
    person: k.person_name,
    personId: k.person_id,
    worker: k.worker,
    trip: `${k.trip_title} (${displayDate(k.trip_date)})`,
    tripId: k.trip_id,
    open: k.status === 'open',
    resolver: k.resolver,
    resolvedAt: k.resolved_at ? displayDate(kyivToday(k.resolved_at)) : null,
    rows: fields.map((f) => {
      const choice = k.resolution?.choices[f] ?? posted[`choice-${f}`];
      return {
        field: f,
        label: t(`outreach.field.${f}`),
        device: shown(t, date(f, k.device[f])),
        server: shown(t, date(f, k.server[f])),
        now: shown(t, date(f, now[PATCH_COLUMN[f]])),
        choice,
        choiceText: choice ? t(`outreach.conflict.${choice === 'device' ? 'keepDevice' : 'keepServer'}`) : '',
      };
    }),
  };
}

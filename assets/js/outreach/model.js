// What the workstation shows is the package as downloaded with the device's log of operations laid over it: persons
// registered on the device, contacts changed, applications taken, notes, outcomes and visits. Nothing is kept apart
// from the log, so what is on the screen after a reload is exactly what was saved.

/** `yyyy-mm-dd` → `дд.мм.рррр` (empty for none). */
export const displayDate = (iso) => (iso ? iso.slice(0, 10).split('-').reverse().join('.') : '');

/** `дд.мм.рррр` → `yyyy-mm-dd`, or null when it is not a real date. */
export function isoDate(text) {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y)}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today in Kyiv as `yyyy-mm-dd`. */
export const kyivToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(new Date());

/** A Kyiv wall-clock time (`yyyy-mm-dd`, `HH:MM`) as an ISO instant (the device may be in another zone). */
export function kyivInstant(date, time) {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Kyiv',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(guess))
      .map((p) => [p.type, p.value]),
  );
  const asKyiv = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute);
  return new Date(guess - (asKyiv - guess)).toISOString();
}

export const fullName = (p) => [p.lastName, p.firstName, p.patronymic].filter(Boolean).join(' ');

const fold = (s) =>
  (s ?? '')
    .toLocaleLowerCase('uk')
    .replace(/['’ʼ`]/g, '')
    .replace(/ґ/g, 'г');

/** The key a person goes by on the device: the server id, or `ref:<uuid>` for one registered on the device. */
export const personKey = (op) => (op.personId ? op.personId : `ref:${op.personRef}`);

/** How an operation names its person on the wire. */
export const personOnWire = (person) => (person.ref ? { personRef: person.ref } : { personId: person.id });

/**
 * The state of the trip on the device: `persons` (Map key → person with `ops`), `stops` in route order.
 * `ops` are the decrypted records of the log `{ seq, state, op, label, answer }`.
 */
export function project(pkg, ops) {
  const persons = new Map();
  for (const p of pkg.persons) persons.set(p.id, { ...p, key: p.id, ref: null, ops: [], local: false });
  const stops = pkg.trip.stops
    .slice()
    .sort((a, b) => a.position - b.position)
    .map((s) => ({ ...s }));
  for (const s of stops) {
    const p = persons.get(s.personId);
    if (p) p.stop = s;
  }
  for (const rec of ops) {
    const op = rec.op;
    // A refused operation stays listed (with the server's reason) but changes nothing on the screen.
    const refused = rec.answer?.status === 'refused';
    if (op.kind === 'person.create') {
      const key = `ref:${op.personRef}`;
      const settlement = pkg.settlements.find((s) => s.code === op.data.settlementCode);
      persons.set(key, {
        id: null,
        ref: op.personRef,
        key,
        version: null,
        ...op.data,
        settlementName: settlement?.name ?? null,
        rnokppMask: op.data.rnokpp ? `••••••${op.data.rnokpp.slice(-4)}` : null,
        contactsHidden: false,
        cases: [],
        ops: [rec],
        local: true,
      });
      continue;
    }
    if (op.kind === 'stop.record') {
      const stop = stops.find((s) => s.id === op.stopId);
      if (stop) {
        if (!refused) stop.outcome = op.outcome;
        const p = persons.get(stop.personId);
        p?.ops.push(rec);
      }
      continue;
    }
    if (op.kind === 'act.record') {
      const p = [...persons.values()].find((x) => (x.assignments ?? []).some((a) => a.id === op.assignmentId));
      p?.ops.push(rec);
      continue;
    }
    if (op.kind === 'case.note') {
      const p = [...persons.values()].find((x) => x.cases.some((c) => c.id === op.caseId));
      p?.ops.push(rec);
      continue;
    }
    const p = persons.get(personKey(op));
    if (!p) continue;
    p.ops.push(rec);
    // A conflict resolved at the office: the resident as the resolution left them (values and version).
    const resolved = rec.answer?.status === 'conflict' ? rec.answer.resolved?.person : null;
    if (op.kind === 'person.update' && resolved) {
      const { id: _id, ...now } = resolved;
      Object.assign(p, now);
    } else if (op.kind === 'person.update' && !refused) {
      Object.assign(p, op.patch);
      if ('settlementCode' in op.patch)
        p.settlementName = pkg.settlements.find((s) => s.code === op.patch.settlementCode)?.name ?? null;
      // An applied change moves the version on, so the next change is based on it (not a conflict with itself).
      if (rec.answer?.status === 'applied' || rec.answer?.status === 'repeated') p.version = rec.answer.result.version;
    }
  }
  return { persons, stops };
}

/** Persons whose name holds every word of the query (any order, apostrophes and ґ/г ignored), sorted by name. */
export function search(persons, query) {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  return [...persons.values()]
    .filter((p) => {
      const name = fold(fullName(p));
      return words.every((w) => name.includes(w));
    })
    .sort((a, b) => fullName(a).localeCompare(fullName(b), 'uk'));
}

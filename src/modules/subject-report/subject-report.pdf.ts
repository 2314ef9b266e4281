import { PdfWriter } from '../../platform/pdf.js';
import { formatDate, formatDateTime, translator } from '../../platform/i18n.js';
import { batchCount } from '../audit/audit.batch.js';
import type {
  AccessRow,
  ApplicationRow,
  CategoryHistoryRow,
  ConsentRow,
  DeliveryRow,
  DocumentRow,
  FileRow,
  MembershipRow,
  SubjectMergeRow,
  SubjectRow,
} from './subject-report.queries.js';

export interface SubjectReportData {
  hromadaName: string;
  generatedAt: Date;
  generatedBy: string;
  person: SubjectRow;
  rnokpp: string | null;
  unzr: string | null;
  documents: (DocumentRow & { number: string })[];
  categories: CategoryHistoryRow[];
  memberships: MembershipRow[];
  consents: ConsentRow[];
  agencies: { name: string; since: string }[];
  merges: SubjectMergeRow[];
  applications: ApplicationRow[];
  files: FileRow[];
  deliveries: DeliveryRow[];
  history: { rows: AccessRow[]; total: number };
}

/** The report is an official document handed to the person: always in Ukrainian. */
const t = translator('uk');
const k = (key: string, o?: Record<string, unknown>) => t(`subjectReport.${key}`, o ?? {});
const period = (from: string | null, to: string | null) =>
  from || to ? `${formatDate(from) || '…'} – ${formatDate(to) || '…'}` : '';

/** Labels repeat across thousands of history rows: each is translated once. */
const memo = <T extends unknown[]>(fn: (...a: T) => string) => {
  const cache = new Map<string, string>();
  return (...a: T) => {
    const key = JSON.stringify(a);
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = fn(...a)));
    return v;
  };
};

/** The action's Ukrainian name; an action without one shows only its kind (never a code). */
export const actionLabel = memo((action: string, operation: string): string => {
  const label = t(`subjectReport.actions.${action.replace(/\./g, '_')}`, { defaultValue: '' });
  return label || t(`subjectReport.operation.${operation}`, { defaultValue: k('operation.other') });
});

/** Whether the action has a name of its own in the report (not only its kind). */
export const hasActionLabel = (action: string) =>
  t(`subjectReport.actions.${action.replace(/\./g, '_')}`, { defaultValue: '' }) !== '';

/** Field names in Ukrainian; a field without a name is «інші дані» (never a code). */
const fieldLabel = memo((f: string) =>
  t(`subjectReport.fields.${f.replace(/[.:]/g, '_')}`, { defaultValue: k('fields.other') }),
);
export const fieldLabels = (fields: string[]) => [...new Set(fields.map(fieldLabel))].join(', ');

export const hasFieldLabel = (field: string) =>
  t(`subjectReport.fields.${field.replace(/[.:]/g, '_')}`, { defaultValue: '' }) !== '';

function personSection(w: PdfWriter, d: SubjectReportData) {
  const p = d.person;
  w.heading(k('person.title'));
  w.fields([
    { label: k('person.name'), value: [p.last_name, p.first_name, p.patronymic].filter(Boolean).join(' ') },
    { label: k('person.latinName'), value: p.latin_name },
    { label: k('person.birthDate'), value: formatDate(p.birth_date) },
    { label: k('person.sex'), value: p.sex ? k(`sex.${p.sex}`) : '' },
    { label: k('person.rnokpp'), value: d.rnokpp ?? (p.rnokpp_absence ? k(`absence.${p.rnokpp_absence}`) : '') },
    { label: k('person.unzr'), value: d.unzr ?? '' },
    { label: k('person.phone'), value: p.phone ?? '' },
    { label: k('person.email'), value: p.email ?? '' },
    { label: k('person.regAddress'), value: p.reg_address ?? '' },
    { label: k('person.actAddress'), value: p.act_address ?? '' },
    { label: k('person.district'), value: p.district_name ?? '' },
    { label: k('person.deathDate'), value: formatDate(p.death_date) },
    { label: k('person.createdAt'), value: formatDateTime(p.created_at) },
    { label: k('person.updatedAt'), value: formatDateTime(p.updated_at) },
    { label: k('person.id'), value: p.id },
  ]);
}

function table(w: PdfWriter, title: string, columns: [string, number][], rows: string[][], size?: number) {
  w.heading(title);
  if (rows.length === 0) {
    w.paragraph(k('none'), { muted: true });
    return;
  }
  w.table(
    columns.map(([h, width]) => ({ header: k(h), width })),
    rows.map((r) => r.map((c) => c || '—')),
    { size },
  );
}

function linkedSections(w: PdfWriter, d: SubjectReportData) {
  table(
    w,
    k('documents.title'),
    [
      ['documents.kind', 0.22],
      ['documents.number', 0.2],
      ['documents.issuer', 0.3],
      ['documents.dates', 0.28],
    ],
    d.documents.map((x) => [
      k(`documentKind.${x.kind}`),
      [x.series, x.number].filter(Boolean).join(' '),
      x.issuer ?? '',
      [formatDate(x.issued_on), formatDate(x.expires_on)].filter(Boolean).join(' – '),
    ]),
  );
  table(
    w,
    k('categories.title'),
    [
      ['categories.name', 0.34],
      ['categories.period', 0.2],
      ['categories.evidence', 0.24],
      ['categories.status', 0.22],
    ],
    d.categories.map((x) => [
      x.name_uk + (x.details ? ` (${x.details})` : ''),
      period(x.valid_from, x.valid_to),
      x.evidence ?? '',
      x.ended_at
        ? k('categories.ended', { date: formatDate(x.ended_at) })
        : k('categories.added', { date: formatDate(x.created_at) }),
    ]),
  );
  table(
    w,
    k('households.title'),
    [
      ['households.address', 0.45],
      ['households.relation', 0.25],
      ['households.period', 0.3],
    ],
    d.memberships.map((x) => [
      x.address_hidden ? k('households.addressHidden') : (x.address ?? ''),
      k(`relation.${x.relation}`) + (x.is_head ? ` (${k('households.head')})` : ''),
      period(x.joined_on, x.left_on),
    ]),
  );
  table(
    w,
    k('consents.title'),
    [
      ['consents.purpose', 0.3],
      ['consents.basis', 0.25],
      ['consents.scope', 0.25],
      ['consents.dates', 0.2],
    ],
    d.consents.map((x) => [
      x.purpose,
      k(`basis.${x.legal_basis}`, { defaultValue: x.legal_basis }),
      `${x.scope} (${x.text_version})`,
      k('consents.given', { date: formatDate(x.given_on) }) +
        `; ${k(`consents.channel.${x.channel}`)}` +
        (x.withdrawn_on ? `; ${k('consents.withdrawn', { date: formatDate(x.withdrawn_on) })}` : ''),
    ]),
  );
  table(
    w,
    k('agencies.title'),
    [
      ['agencies.name', 0.7],
      ['agencies.since', 0.3],
    ],
    d.agencies.map((x) => [x.name, formatDate(x.since)]),
  );
  applicationSections(w, d);
  table(
    w,
    k('merges.title'),
    [
      ['merges.when', 0.25],
      ['merges.what', 0.5],
      ['merges.status', 0.25],
    ],
    d.merges.map((x) => [
      formatDateTime(x.merged_at),
      x.survivor_id === d.person.id
        ? k('merges.intoThis', { id: x.merged_id })
        : k('merges.thisInto', { id: x.survivor_id }),
      x.undone_at ? k('merges.undone', { date: formatDate(x.undone_at) }) : k('merges.active'),
    ]),
  );
}

const numberOf = (d: SubjectReportData, applicationId: string) =>
  d.applications.find((a) => a.id === applicationId)?.registration_number ?? k('applications.noNumber');

/** The person's applications, the files given with them and the providers delivering the services granted. */
function applicationSections(w: PdfWriter, d: SubjectReportData) {
  table(
    w,
    k('applications.title'),
    [
      ['applications.number', 0.2],
      ['applications.service', 0.3],
      ['applications.channel', 0.14],
      ['applications.status', 0.16],
      ['applications.dates', 0.2],
    ],
    d.applications.map((a) => [
      a.registration_number ?? k('applications.noNumber'),
      a.service_name,
      k(`channel.${a.channel}`),
      k(`status.${a.status}`) + (a.refusal_reason ? ` (${a.refusal_reason})` : ''),
      [
        a.registered_on
          ? k('applications.registered', { date: formatDate(a.registered_on) })
          : k('applications.created', { date: formatDate(a.created_at) }),
        a.deadline ? k('applications.deadline', { date: formatDate(a.deadline) }) : '',
        a.decided_at ? k('applications.decided', { date: formatDate(a.decided_at) }) : '',
      ]
        .filter(Boolean)
        .join('; '),
    ]),
  );
  table(
    w,
    k('files.title'),
    [
      ['files.application', 0.2],
      ['files.requirement', 0.28],
      ['files.name', 0.28],
      ['files.details', 0.24],
    ],
    d.files.map((f) => [
      numberOf(d, f.application_id),
      f.requirement,
      f.file_name,
      `${k(`fileType.${f.content_type.replace(/^.*\//, '')}`, { defaultValue: f.content_type })}, ${Math.max(1, Math.round(f.size / 1024))} КБ, ${formatDate(f.uploaded_at)}`,
    ]),
  );
  table(
    w,
    k('deliveries.title'),
    [
      ['deliveries.service', 0.28],
      ['deliveries.provider', 0.3],
      ['deliveries.status', 0.18],
      ['deliveries.dates', 0.24],
    ],
    d.deliveries.map((x) => [
      `${x.service_name} (${numberOf(d, x.application_id)})`,
      x.agency_name,
      k(`deliveryStatus.${x.status}`),
      [
        k('deliveries.assigned', { date: formatDate(x.assigned_at) }),
        x.started_on ? k('deliveries.started', { date: formatDate(x.started_on) }) : '',
        x.completed_on ? k('deliveries.completed', { date: formatDate(x.completed_on) }) : '',
      ]
        .filter(Boolean)
        .join('; '),
    ]),
  );
}

/** Reasons the system writes in English (older entries) or as references, in Ukrainian. */
const REASONS: Record<string, string> = {
  'ID document checked in person': 'reasons.idChecked',
  'verified РНОКПП from the identity provider': 'reasons.oidcRnokpp',
  'automatic: the only provider of the service': 'reasons.onlyProvider',
  'provider assignment': 'reasons.providerAssignment',
  'recorded by the office': 'reasons.recordedByOffice',
  'idempotency key': 'reasons.repeated',
};

/** Search entries keep the result count as their reason; a batch entry names other persons too: only their number is shown. */
const reasonText = (reason: string | null, d?: SubjectReportData) => {
  const batch = batchCount(reason);
  if (batch !== null) return k('history.batch', { count: batch });
  const m = /^results:(\d+)$/.exec(reason ?? '');
  if (m) return k('history.results', { count: Number(m[1]) });
  if (reason && REASONS[reason]) return k(REASONS[reason]);
  const app = /^application[: ]([0-9a-f-]{36})$/.exec(reason ?? '');
  if (app) return k('reasons.application', { number: d ? numberOf(d, app[1]) : k('applications.noNumber') });
  if (/^person:[0-9a-f-]{36}$/.test(reason ?? '')) return k('reasons.person');
  const exp = /^format:(\w+);rows:(\d+)/.exec(reason ?? '');
  if (exp) return k('reasons.export', { format: exp[1].toUpperCase(), rows: exp[2] });
  return reason ?? '';
};

/** What the entry is about when it is not the person's record itself. */
const recordText = (r: AccessRow, d: SubjectReportData) =>
  r.entity_type === 'application' && r.entity_id
    ? k('history.ofApplication', { number: numberOf(d, r.entity_id) })
    : r.entity_type === 'assignment'
      ? k('history.ofDelivery')
      : r.entity_type === 'consent'
        ? k('history.ofConsent')
        : '';

function historySection(w: PdfWriter, d: SubjectReportData) {
  w.heading(k('history.title'));
  w.paragraph(k('history.lead'), { muted: true });
  if (d.history.total > d.history.rows.length) {
    w.paragraph(k('history.truncated', { shown: d.history.rows.length, total: d.history.total }), { muted: true });
  }
  // 8 pt and these widths keep the usual entry on one line per cell (wrapping is the slow path for long histories).
  table(
    w,
    k('history.entries'),
    [
      ['history.when', 0.17],
      ['history.who', 0.21],
      ['history.action', 0.24],
      ['history.fields', 0.22],
      ['history.reason', 0.16],
    ],
    d.history.rows.map((r: AccessRow) => [
      formatDateTime(r.at),
      r.actor_label ?? k('history.system'),
      [actionLabel(r.action, r.operation), recordText(r, d)].filter(Boolean).join(' — '),
      fieldLabels(r.fields),
      reasonText(r.reason, d),
    ]),
    8,
  );
}

/** Renders the report: A4, DejaVu fonts, hromada name in the header, page numbers in the footer. */
export async function renderSubjectReport(d: SubjectReportData, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const w = new PdfWriter({
    title: k('title'),
    hromadaName: k('hromada', { name: d.hromadaName }),
    compress: opts.compress,
    pageLabel: (page, total) => k('page', { page, total }),
    footerNote: k('generated', { date: formatDateTime(d.generatedAt) }),
  });
  w.heading(k('title'), 1);
  w.paragraph(k('dated', { date: formatDate(d.generatedAt) }));
  w.paragraph(k('producedBy', { name: d.generatedBy }));
  w.paragraph(k('lead'), { muted: true });
  personSection(w, d);
  linkedSections(w, d);
  historySection(w, d);
  return w.finish();
}

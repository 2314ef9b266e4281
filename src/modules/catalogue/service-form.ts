import type { z } from 'zod';
import { isMessageKey } from '../../platform/i18n.js';
import type { Problem } from '../../platform/forms.js';
import {
  DOCUMENT_KINDS,
  reasonField,
  serviceForm,
  SERVICE_FORM_ROWS,
  type DocumentKind,
  type ServiceInput,
} from './catalogue.schema.js';
import type { ServiceCard } from './catalogue.queries.js';

const EXTRA_DOC_ROWS = 3;
const EXTRA_STEP_ROWS = 2;

/** `kind` as the form gives it (a value outside DOCUMENT_KINDS is refused by the schema). */
export interface DocRow {
  name: string;
  office: boolean;
  kind: string;
}
export interface StepFormRow {
  title: string;
  role: string;
  days: string;
}

/** What the form shows: text fields as typed, checkbox lists, and rows of documents and steps. */
export interface ServiceFormState {
  text: Record<string, string>;
  crisis: boolean;
  channels: string[];
  categories: string[];
  providers: string[];
  docs: DocRow[];
  steps: StepFormRow[];
  version: string;
  reason: string;
}

const withBlankRows = <T>(rows: T[], blank: () => T, extra: number, min: number) => {
  const out = [...rows];
  while (out.length < Math.min(SERVICE_FORM_ROWS, Math.max(min, rows.length + extra))) out.push(blank());
  return out;
};
const blankDoc = (): DocRow => ({ name: '', office: false, kind: 'required' });
const blankStep = (): StepFormRow => ({ title: '', role: '', days: '' });

export function emptyFormState(): ServiceFormState {
  return {
    text: { cost: 'free', maxProcessingDays: '10' },
    crisis: false,
    channels: ['online', 'front_office', 'starosta'],
    categories: [],
    providers: [],
    docs: withBlankRows([], blankDoc, EXTRA_DOC_ROWS, 5),
    steps: withBlankRows([], blankStep, EXTRA_STEP_ROWS, 6),
    version: '',
    reason: '',
  };
}

export function formStateOf(card: ServiceCard): ServiceFormState {
  const s = card.service;
  const str = (v: string | number | null) => (v === null ? '' : String(v));
  return {
    text: {
      code: str(s.code),
      name: s.name,
      nameEn: str(s.name_en),
      description: str(s.description),
      recipients: str(s.recipients),
      conditions: str(s.conditions),
      minAge: str(s.min_age),
      maxAge: str(s.max_age),
      cost: s.cost,
      tariff: str(s.tariff),
      maxProcessingDays: String(s.max_processing_days),
      legalBasis: str(s.legal_basis),
    },
    crisis: s.crisis,
    channels: s.channels,
    categories: s.eligible_categories,
    providers: card.providers.map((p) => String(p.id)),
    docs: withBlankRows(
      card.documents.map((d) => ({ name: d.name, office: d.obtained_by_office, kind: d.kind })),
      blankDoc,
      EXTRA_DOC_ROWS,
      5,
    ),
    steps: withBlankRows(
      card.steps.map((st) => ({ title: st.title, role: str(st.responsible_role), days: str(st.time_limit_days) })),
      blankStep,
      EXTRA_STEP_ROWS,
      6,
    ),
    version: String(s.version),
    reason: '',
  };
}

/** Validates the form state; problems name the element ids of the fields (rows by their position in the form). */
export function parseServiceForm(
  state: ServiceFormState,
): { ok: true; data: ServiceInput } | { ok: false; problems: Problem[] } {
  const docRows = state.docs.map((d, i) => ({ d, i })).filter(({ d }) => d.name.trim() !== '');
  const stepRows = state.steps
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.title.trim() !== '' || s.role.trim() !== '' || s.days.trim() !== '');
  const days = (v: string) => (v.trim() === '' ? null : /^\d+$/.test(v.trim()) ? Number(v.trim()) : -1);
  const r = serviceForm.safeParse({
    ...state.text,
    crisis: state.crisis,
    channels: state.channels,
    eligibleCategories: state.categories,
    providers: state.providers,
    documents: docRows.map(({ d }) => ({ name: d.name, obtainedByOffice: d.office, kind: d.kind })),
    steps: stepRows.map(({ s }) => ({ title: s.title, responsibleRole: s.role, timeLimitDays: days(s.days) })),
  });
  if (r.success) return { ok: true, data: r.data };
  return {
    ok: false,
    problems: r.error.issues.map((iss) =>
      problemOf(
        iss,
        docRows.map((x) => x.i),
        stepRows.map((x) => x.i),
      ),
    ),
  };
}

/** An edit: the card and the reason for the change (required, at most 500 characters). */
export function parseServiceEdit(
  state: ServiceFormState,
): { ok: true; data: ServiceInput; reason: string } | { ok: false; problems: Problem[] } {
  const parsed = parseServiceForm(state);
  const reason = reasonField.safeParse(state.reason);
  const problems = parsed.ok ? [] : parsed.problems;
  if (!reason.success) problems.push({ field: 'reason', key: 'catalogue.v.tooLong' });
  else if (reason.data === '') problems.push({ field: 'reason', key: 'catalogue.v.reason' });
  if (!parsed.ok || !reason.success || problems.length) return { ok: false, problems };
  return { ok: true, data: parsed.data, reason: reason.data };
}

const ROW_FIELD: Record<string, string> = {
  name: 'Name',
  kind: 'Kind',
  title: 'Title',
  responsibleRole: 'Role',
  timeLimitDays: 'Days',
};

/** The kinds a document row offers, in the form's order. */
export const DOC_KINDS: readonly DocumentKind[] = DOCUMENT_KINDS;
const FIELD_ID: Record<string, string> = {
  eligibleCategories: 'eligibleCategories',
  channels: 'channels',
  providers: 'providers',
  cost: 'cost',
};

function problemOf(iss: z.core.$ZodIssue, docIdx: number[], stepIdx: number[]): Problem {
  const [head, index, sub] = iss.path.map(String);
  const key = isMessageKey(iss.message)
    ? iss.message
    : head === 'steps' && sub === 'timeLimitDays'
      ? 'catalogue.v.stepDays'
      : iss.code === 'invalid_type'
        ? 'validation.required'
        : 'validation.invalid';
  if ((head === 'documents' || head === 'steps') && index !== undefined && sub) {
    const row = (head === 'documents' ? docIdx : stepIdx)[Number(index)];
    return { field: `${head === 'documents' ? 'doc' : 'step'}${row}${ROW_FIELD[sub] ?? 'Name'}`, key };
  }
  return { field: FIELD_ID[head] ?? head ?? 'name', key };
}

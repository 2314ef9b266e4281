import { AppError } from './errors.js';

export const ROLES = ['admin', 'manager', 'worker', 'frontdesk', 'starosta', 'provider', 'children', 'public'] as const;
export type Role = (typeof ROLES)[number];

export interface Grant {
  id: number;
  hromadaId: number;
  role: Role;
  agencyId: number | null;
  districtId: number | null;
}

export interface Actor {
  kind: 'staff' | 'resident';
  userId: string;
  displayName: string;
  isSuperadmin: boolean;
  /** The tenant this actor works in now (null for a resident or a staff member without grants). */
  hromadaId: number | null;
  hromadaName: string | null;
  /** Grants in the current hromada only. */
  grants: Grant[];
  via: 'session' | 'token';
  tokenId?: string;
  /** A staff session with a temporary password: only the account page until it is changed. */
  mustChangePassword?: boolean;
}

/** A staff actor working in a hromada: what `authorize` guarantees after it lets an action through. */
export type TenantActor = Actor & { kind: 'staff'; hromadaId: number };

/** Who did something, as the history of a record names them: the account and the name shown. */
export type Who = Pick<Actor, 'userId' | 'displayName'>;

/** Where a record sits: which hromada, district and agencies it belongs to. */
export interface RecordScope {
  hromadaId: number;
  districtId?: number | null;
  agencyIds?: number[];
}

/**
 * How far a role reaches for an action: the whole hromada, only its starosta
 * district, or only records of its agency. Absent = not allowed (deny by default).
 */
type Reach = 'hromada' | 'district' | 'agency';

const RULES = {
  'staff.home': {
    admin: 'hromada',
    manager: 'hromada',
    worker: 'hromada',
    frontdesk: 'hromada',
    starosta: 'district',
    provider: 'agency',
    children: 'hromada',
    public: 'hromada',
  },
  'users.manage': { admin: 'hromada' },
  'districts.manage': { admin: 'hromada' },
  'apiTokens.manage': { admin: 'hromada' },
  'audit.search': { admin: 'hromada', manager: 'hromada' },
  // Personal records of the registry (persons, households) — used by the registry and later modules.
  'registry.read': {
    manager: 'hromada',
    worker: 'hromada',
    frontdesk: 'hromada',
    children: 'hromada',
    starosta: 'district',
    provider: 'agency',
  },
  // The children's service adds the children and the candidate families it works with (family forms of care).
  'registry.write': {
    manager: 'hromada',
    worker: 'hromada',
    frontdesk: 'hromada',
    starosta: 'district',
    children: 'hromada',
  },
  'registry.reveal': { manager: 'hromada' },
  'registry.export': { manager: 'hromada' },
  'registry.import': { manager: 'hromada', worker: 'hromada' },
  // Merging shows both records side by side: only the data stewards (managers), and each record must
  // also be readable by them (checked per record in the use-cases). Undoing a merge cannot be done
  // without reading personal data — the undo page names both persons, the merge history lists them,
  // and whether a merge was a mistake is judged by comparing the records — so it is the managers' too,
  // not the administrators' (who have no `registry.read`).
  'registry.merge': { manager: 'hromada' },
  'registry.unmerge': { manager: 'hromada' },
  'registry.subjectReport': { manager: 'hromada' },
  // Applications for services: intake (front office, starosta), processing, decisions.
  'applications.read': { manager: 'hromada', worker: 'hromada', frontdesk: 'hromada', starosta: 'district' },
  'applications.register': { manager: 'hromada', worker: 'hromada', frontdesk: 'hromada', starosta: 'district' },
  'applications.process': { manager: 'hromada', worker: 'hromada' },
  'applications.decide': { manager: 'hromada' },
  // The hromada's working-day calendar (holidays, transferred working days, the martial-law rule) for deadlines.
  'calendar.manage': { admin: 'hromada', manager: 'hromada' },
  // Messages with the resident about an application: the staff who work on applications, within their reach.
  'messages.read': { manager: 'hromada', worker: 'hromada', frontdesk: 'hromada', starosta: 'district' },
  'messages.write': { manager: 'hromada', worker: 'hromada', frontdesk: 'hromada', starosta: 'district' },
  // Hand-over of granted applications to providers: the office sees and assigns, the provider delivers.
  'assignments.read': { manager: 'hromada', worker: 'hromada', starosta: 'district', provider: 'agency' },
  'assignments.assign': { manager: 'hromada' },
  'assignments.deliver': { provider: 'agency' },
  // Case management (ведення випадку): social workers, the children's service and managers; a restricted case
  // (violence, child protection) is further limited to its team (cases.policy.ts). Managers supervise.
  'cases.read': { manager: 'hromada', worker: 'hromada', children: 'hromada' },
  'cases.write': { manager: 'hromada', worker: 'hromada', children: 'hromada' },
  'cases.supervise': { manager: 'hromada' },
  // The hromada's own case types (the shared list is fixed): its administrator and managers.
  'caseTypes.manage': { admin: 'hromada', manager: 'hromada' },
  // Referrals of cases arrive to a member of staff (social work, the children's service) or to a provider's agency.
  'referrals.receive': { manager: 'hromada', worker: 'hromada', children: 'hromada', provider: 'agency' },
  // Early detection (signals about a child or adult at risk): the children's service, social workers and managers
  // triage them; the front office and starostas may only register one (they see its number, not the list).
  'signals.read': { manager: 'hromada', worker: 'hromada', children: 'hromada' },
  'signals.write': { manager: 'hromada', worker: 'hromada', children: 'hromada' },
  'signals.register': {
    manager: 'hromada',
    worker: 'hromada',
    children: 'hromada',
    frontdesk: 'hromada',
    starosta: 'district',
  },
  // The hromada's triage deadlines per urgency (no personal data): administrators and managers.
  'signals.manage': { admin: 'hromada', manager: 'hromada' },
  // Family forms of care (foster families, ДБСТ, patronat families, guardians, their candidates): the children's
  // service keeps them — registers candidates, records their training, assessment and the decision, places children;
  // social workers support the families (they read them and record visits and reviews); managers do everything.
  'care.read': { manager: 'hromada', worker: 'hromada', children: 'hromada' },
  'care.write': { manager: 'hromada', children: 'hromada' },
  'care.visit': { manager: 'hromada', worker: 'hromada', children: 'hromada' },
  // The hromada's intervals of visits and reviews of placements (no personal data): administrators and managers.
  'care.manage': { admin: 'hromada', manager: 'hromada' },
  // Needs-assessment forms (sections, questions, scoring): their versions and activity — administrators and managers.
  'assessments.manage': { admin: 'hromada', manager: 'hromada' },
  // The registry of providers (the hromada's agencies with their form of ownership, code, services and capacity):
  // administrators and managers keep it; social workers read it to know who delivers what and where.
  'providers.read': { admin: 'hromada', manager: 'hromada', worker: 'hromada' },
  'providers.manage': { admin: 'hromada', manager: 'hromada' },
  // Contracts with recipients (art. 22 of the Law «Про соціальні послуги»; decision 0027): personal data, so not the
  // administrators'; managers and social workers make and end them; a provider reads its own agency's contracts.
  'contracts.read': { manager: 'hromada', worker: 'hromada', provider: 'agency' },
  'contracts.manage': { manager: 'hromada', worker: 'hromada' },
  // Social orders of the hromada and their procurement (organisations and money, no personal data): managers run
  // them; administrators and social workers read them.
  'socialOrders.read': { admin: 'hromada', manager: 'hromada', worker: 'hromada' },
  'socialOrders.manage': { manager: 'hromada' },
  // Paid services (art. 28): invoices are read by the office and by a provider for its own agency; managers keep the
  // tariffs, the rules of payment, incomes and categories and run the month's invoices; payments are recorded by
  // managers and by a provider on its own invoices.
  'billing.read': { admin: 'hromada', manager: 'hromada', worker: 'hromada', provider: 'agency' },
  'billing.manage': { manager: 'hromada' },
  'billing.pay': { manager: 'hromada', provider: 'agency' },
  // Staff development (qualifications, trainings, supervision of social workers): the hromada's administrators and
  // managers for all its staff; a provider for its own agency's staff only (staff-development.policy.ts).
  'staffdev.read': { admin: 'hromada', manager: 'hromada', provider: 'agency' },
  'staffdev.manage': { admin: 'hromada', manager: 'hromada', provider: 'agency' },
  // Service acts and home-care rounds (decision 0028): the provider records what its staff delivered and keeps its
  // visit schedule; the office (managers, social workers) reads them to see volume against the plan and contract.
  // Administrators keep no personal data, so they do not read acts. A manager may correct an act (record or cancel).
  'acts.read': { manager: 'hromada', worker: 'hromada', provider: 'agency' },
  'acts.write': { manager: 'hromada', provider: 'agency' },
  // Action plans and their monitoring (decision 0031): the working group's data, no personal data. Managers keep the
  // plans (import, task status and notes, indicator values); administrators and social workers read them.
  'plans.read': { admin: 'hromada', manager: 'hromada', worker: 'hromada' },
  'plans.manage': { manager: 'hromada' },
  // Computed metrics (decision 0032): aggregate figures for monitoring, read by those who read the plans.
  'metrics.read': { admin: 'hromada', manager: 'hromada', worker: 'hromada' },
  // The yearly digital-maturity self-assessment of the social institutions (decision 0034): no personal data.
  // Managers and administrators keep the questionnaire and fill in the assessments; social workers read them.
  'maturity.read': { admin: 'hromada', manager: 'hromada', worker: 'hromada' },
  'maturity.manage': { admin: 'hromada', manager: 'hromada' },
  // Offices, their hours, services and staff (issue 14, decision 0036): no personal data. Administrators and managers
  // keep them; every member of staff who books visits reads them.
  'offices.read': {
    admin: 'hromada',
    manager: 'hromada',
    worker: 'hromada',
    frontdesk: 'hromada',
    starosta: 'hromada',
  },
  'offices.manage': { admin: 'hromada', manager: 'hromada' },
  // Visits booked at the offices (personal data: who comes when): the front office and social workers for the whole
  // hromada, a starosta at the offices of their district; managers too.
  'appointments.read': { manager: 'hromada', worker: 'hromada', frontdesk: 'hromada', starosta: 'district' },
  'appointments.book': { manager: 'hromada', worker: 'hromada', frontdesk: 'hromada', starosta: 'district' },
  // The social taxi (issue 14 item 6): personal data (who goes where, when). The front office and social workers take
  // requests and dispatch the day's rides; a starosta takes requests and reads the rides of their district;
  // administrators and managers keep the vehicles.
  'taxi.read': { manager: 'hromada', worker: 'hromada', frontdesk: 'hromada', starosta: 'district' },
  'taxi.request': { manager: 'hromada', worker: 'hromada', frontdesk: 'hromada', starosta: 'district' },
  'taxi.dispatch': { manager: 'hromada', worker: 'hromada', frontdesk: 'hromada' },
  'taxi.vehicles': { admin: 'hromada', manager: 'hromada' },
  // Outreach trips (issue 14 items 4, 5, 8): social workers and managers plan them and read their stops (personal
  // data: whom the trip visits) and reports; a member of a trip's staff (a starosta too) downloads its offline package and
  // syncs it back — membership of the trip is checked per trip. Managers supervise every worker's sync conflicts.
  'outreach.read': { manager: 'hromada', worker: 'hromada' },
  'outreach.plan': { manager: 'hromada', worker: 'hromada' },
  // A provider's worker may go on a trip too (to record the services they deliver); each member sees the trip's
  // residents their registry reach allows.
  'outreach.work': { manager: 'hromada', worker: 'hromada', starosta: 'hromada', provider: 'agency' },
  'outreach.supervise': { manager: 'hromada' },
  // Catalogue of services: editing by administrators and managers; reading (API) by every staff role.
  'catalogue.manage': { admin: 'hromada', manager: 'hromada' },
  'catalogue.read': {
    admin: 'hromada',
    manager: 'hromada',
    worker: 'hromada',
    frontdesk: 'hromada',
    starosta: 'hromada',
    provider: 'hromada',
    children: 'hromada',
    public: 'hromada',
  },
} as const satisfies Record<string, Partial<Record<Role, Reach>>>;

export type Action = keyof typeof RULES;
export const ACTIONS = Object.keys(RULES) as Action[];

/**
 * Whether one grant reaches a record (or, without a record, the action at all). A role that the
 * rule limits to a district or an agency needs that district or agency on its grant: a grant
 * without it reaches nothing (fail closed), never the whole hromada.
 */
function grantReaches(grant: Grant, reach: Reach, record?: RecordScope): boolean {
  if (reach === 'district' && grant.districtId == null) return false;
  if (reach === 'agency' && grant.agencyId == null) return false;
  if (!record) return true;
  if (record.hromadaId !== grant.hromadaId) return false;
  if (reach === 'hromada') return true;
  // A district-scoped grant sees only records placed in that district.
  if (reach === 'district') return record.districtId != null && record.districtId === grant.districtId;
  return (record.agencyIds ?? []).includes(grant.agencyId as number);
}

/** The roles whose grants must name a starosta district or an agency (the admin form and the database insist). */
export const SCOPE_REQUIRED: Partial<Record<Role, 'district' | 'agency'>> = {
  starosta: 'district',
  provider: 'agency',
};

/** True when some grant of the actor allows `action` (on `record`, when given). */
export function can(actor: Actor | null, action: Action, record?: RecordScope): boolean {
  if (!actor || actor.kind !== 'staff' || actor.hromadaId === null) return false;
  if (record && record.hromadaId !== actor.hromadaId) return false;
  const rule = RULES[action] as Partial<Record<Role, Reach>>;
  return actor.grants.some((g) => {
    const reach = rule[g.role];
    return reach !== undefined && g.hromadaId === actor.hromadaId && grantReaches(g, reach, record);
  });
}

/** Throws `unauthenticated` or `forbidden` unless the actor may do `action`. */
export function authorize(actor: Actor | null, action: Action, record?: RecordScope): asserts actor is TenantActor {
  if (!actor) throw new AppError('unauthenticated');
  if (!can(actor, action, record)) throw new AppError('forbidden');
}

/** Same check for every id of a batch: one forbidden record forbids the batch. */
export function authorizeAll(
  actor: Actor | null,
  action: Action,
  records: RecordScope[],
): asserts actor is TenantActor {
  authorize(actor, action);
  for (const r of records) authorize(actor, action, r);
}

export function roleReach(role: Role, action: Action): Reach | undefined {
  return (RULES[action] as Partial<Record<Role, Reach>>)[role];
}

/** True when a grant of the actor allows `action` across its whole hromada (no district or agency limits it). */
export function canHromadaWide(actor: Actor | null, action: Action): boolean {
  if (!actor || actor.kind !== 'staff' || actor.hromadaId === null) return false;
  return actor.grants.some((g) => g.hromadaId === actor.hromadaId && roleReach(g.role, action) === 'hromada');
}

import type { PoolClient } from 'pg';
import type { Db, Queryable } from '../../platform/db.js';
import { isUuid } from '../../platform/ids.js';
import {
  SELECT_APPLICATION,
  type ApplicationRow,
  type DocumentRequestRow,
} from '../applications/applications.queries.js';
import type { FileType } from './cabinet.files.js';
import type { Link } from '../residents/links.queries.js';
import type { DocumentKind } from '../catalogue/catalogue.schema.js';

export interface OnlineService {
  id: string;
  name: string;
  eligible_categories: string[];
  min_age: number | null;
  max_age: number | null;
  crisis: boolean;
  max_processing_days: number;
  active: boolean;
  channels: ('online' | 'front_office' | 'starosta')[];
}
/** A document the applicant gives online: `required` (kind = required) or optional. */
export interface RequiredDocument {
  id: string;
  name: string;
  required: boolean;
  kind: DocumentKind;
}

/**
 * An active service that offers the online channel, with the documents the applicant gives online
 * (not those the office obtains, not those filled in with the applicant at the office — these are
 * only named, in `withOffice`).
 */
export async function findOnlineService(
  c: Queryable,
  hromadaId: number,
  id: string,
): Promise<{ service: OnlineService; documents: RequiredDocument[]; withOffice: { name: string }[] } | null> {
  const { rows } = await c.query<OnlineService>(
    `SELECT id, name, eligible_categories, min_age, max_age, crisis, max_processing_days, active, channels
     FROM services WHERE id = $1 AND hromada_id = $2 AND active AND 'online' = ANY(channels)`,
    [id, hromadaId],
  );
  if (!rows[0]) return null;
  const docs = await c.query<RequiredDocument>(
    `SELECT id, name, kind = 'required' AS required, kind FROM service_documents WHERE service_id = $1 AND NOT obtained_by_office
     ORDER BY position, name`,
    [id],
  );
  return {
    service: rows[0],
    documents: docs.rows.filter((d) => d.kind !== 'office_fills'),
    withOffice: docs.rows.filter((d) => d.kind === 'office_fills').map((d) => ({ name: d.name })),
  };
}

export async function categoryLabels(
  c: Queryable,
  codes: string[],
): Promise<{ code: string; name_uk: string; name_en: string }[]> {
  if (codes.length === 0) return [];
  const { rows } = await c.query<{ code: string; name_uk: string; name_en: string }>(
    'SELECT code, name_uk, name_en FROM category_types WHERE code = ANY($1) ORDER BY sort, code',
    [codes],
  );
  return rows;
}

export interface PersonOption {
  id: string;
  name: string;
  district_id: number | null;
}

export async function personOptions(c: Queryable, ids: string[]): Promise<PersonOption[]> {
  const { rows } = await c.query<PersonOption>(
    `SELECT id, concat_ws(' ', last_name, first_name, patronymic) AS name, district_id FROM persons
     WHERE id = ANY($1::uuid[]) AND merged_into IS NULL ORDER BY last_name COLLATE "uk-UA-x-icu", first_name`,
    [ids],
  );
  return rows;
}

/** Applications of these persons and those the account filed itself (online, before its identity was confirmed). */
export async function applicationsOf(
  c: PoolClient,
  hromadaId: number,
  personIds: string[],
  userId: string,
): Promise<ApplicationRow[]> {
  const { rows } = await c.query<ApplicationRow>(
    `${SELECT_APPLICATION} WHERE a.hromada_id = $1 AND (a.person_id = ANY($2::uuid[]) OR a.applicant_user_id = $3)
     ORDER BY a.created_at DESC`,
    [hromadaId, personIds, userId],
  );
  return rows;
}

export interface AttachmentRow {
  id: string;
  service_document_id: string | null;
  requirement: string;
  file_name: string;
  content_type: FileType;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_at: Date;
  /** The resident's message that carried the file (null for the application form and answers to requests). */
  message_id: string | null;
}

export async function attachmentsOf(c: Queryable, applicationId: string): Promise<AttachmentRow[]> {
  const { rows } = await c.query<AttachmentRow>(
    `SELECT id, service_document_id, requirement, file_name, content_type, size, sha256, storage_key, uploaded_at, message_id
     FROM application_documents WHERE application_id = $1 ORDER BY uploaded_at, id`,
    [applicationId],
  );
  return rows;
}

/** A file already stored under DATA_DIR/uploads/applications (`key`), to be listed with an application. */
export interface NewAttachment {
  hromadaId: number;
  applicationId: string;
  serviceDocumentId: string | null;
  requirement: string;
  uploadedBy: string;
  file: { name: string; type: string; size: number; sha256: string; key: string };
  messageId?: string | null;
}

/** Adds a stored file to the documents of an application; returns the document's id. */
export async function insertAttachment(c: Queryable, a: NewAttachment): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO application_documents (hromada_id, application_id, service_document_id, requirement, file_name, content_type,
       size, sha256, storage_key, uploaded_by, message_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      a.hromadaId,
      a.applicationId,
      a.serviceDocumentId,
      a.requirement,
      a.file.name,
      a.file.type,
      a.file.size,
      a.file.sha256,
      a.file.key,
      a.uploadedBy,
      a.messageId ?? null,
    ],
  );
  return rows[0].id;
}

export interface OnlineFormRow {
  categories: string[];
  consent_at: Date | null;
}

export async function onlineFormOf(c: Queryable, applicationId: string): Promise<OnlineFormRow | null> {
  const { rows } = await c.query<OnlineFormRow>(
    'SELECT categories, consent_at FROM online_application_forms WHERE application_id = $1',
    [applicationId],
  );
  return rows[0] ?? null;
}

export interface ResidentDocumentRow {
  id: string;
  title: string;
  file_name: string;
  content_type: FileType;
  size: number;
  sha256: string;
  storage_key: string;
  created_at: Date;
}

export async function residentDocuments(c: Queryable, userId: string): Promise<ResidentDocumentRow[]> {
  const { rows } = await c.query<ResidentDocumentRow>(
    `SELECT id, title, file_name, content_type, size, sha256, storage_key, created_at FROM resident_documents
     WHERE user_id = $1 ORDER BY created_at DESC, id`,
    [userId],
  );
  return rows;
}

export async function residentDocument(c: Queryable, userId: string, id: string): Promise<ResidentDocumentRow | null> {
  if (!isUuid(id)) return null;
  const { rows } = await c.query<ResidentDocumentRow>(
    `SELECT id, title, file_name, content_type, size, sha256, storage_key, created_at FROM resident_documents
     WHERE user_id = $1 AND id = $2`,
    [userId, id],
  );
  return rows[0] ?? null;
}

/** The office's open request for more documents (the newest not yet fulfilled), if any. */
export async function openDocumentRequest(c: Queryable, applicationId: string): Promise<DocumentRequestRow | null> {
  const { rows } = await c.query<DocumentRequestRow>(
    `SELECT id, documents, to_char(due_on, 'YYYY-MM-DD') AS due_on, requested_at, fulfilled_at
     FROM application_document_requests WHERE application_id = $1 AND fulfilled_at IS NULL
     ORDER BY requested_at DESC, id LIMIT 1`,
    [applicationId],
  );
  return rows[0] ?? null;
}

/** One document attached to an application. */
export async function attachmentOf(c: Queryable, applicationId: string, id: string): Promise<AttachmentRow | null> {
  if (!isUuid(id)) return null;
  const { rows } = await c.query<AttachmentRow>(
    `SELECT id, service_document_id, requirement, file_name, content_type, size, sha256, storage_key, uploaded_at, message_id
     FROM application_documents WHERE application_id = $1 AND id = $2`,
    [applicationId, id],
  );
  return rows[0] ?? null;
}

/** The hromadas where the account filed applications itself (online, before its identity was confirmed). */
export async function applicantHromadaIds(db: Pick<Db, 'query'>, userId: string): Promise<number[]> {
  const { rows } = await db.query<{ hromada_id: number }>('SELECT hromada_id FROM resident_applicant_hromadas($1)', [
    userId,
  ]);
  return rows.map((r) => r.hromada_id);
}

/** Also finds a linked person's survivor after a merge (applications move to the surviving record). */
export async function livePersonIds(c: Queryable, personIds: string[]): Promise<string[]> {
  const { rows } = await c.query<{ id: string }>(
    'SELECT DISTINCT coalesce(merged_into, id) AS id FROM persons WHERE id = ANY($1::uuid[])',
    [personIds],
  );
  return rows.map((r) => r.id);
}

/** The keyed hashes of the РНОКПП the account's identity providers vouched for (sealed ones only). */
export async function identityRnokppHashes(db: Pick<Db, 'query'>, userId: string): Promise<string[]> {
  const { rows } = await db.query<{ hash: string }>(
    `SELECT DISTINCT claims ->> 'rnokpp_hash' AS hash FROM user_identities
     WHERE user_id = $1 AND claims ? 'rnokpp_hash' AND claims ? 'rnokpp_sealed'`,
    [userId],
  );
  return rows.map((r) => r.hash);
}

/** Live persons of active hromadas with this РНОКПП hash. */
export async function personsByRnokppHash(db: Pick<Db, 'query'>, hash: string): Promise<Link[]> {
  const { rows } = await db.query<{ person_id: string; hromada_id: number }>(
    'SELECT person_id, hromada_id FROM persons_by_rnokpp_hash($1)',
    [hash],
  );
  return rows.map((r) => ({ personId: r.person_id, hromadaId: r.hromada_id }));
}

/** Links an account to a person (`verifiedBy`: the worker's id, or 'oidc'); false when it was linked already. */
export async function insertResidentLink(
  c: Queryable,
  o: { userId: string; personId: string; hromadaId: number; verifiedBy: string },
): Promise<boolean> {
  const { rowCount } = await c.query(
    `INSERT INTO resident_persons (user_id, person_id, hromada_id, verified_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, person_id) DO NOTHING`,
    [o.userId, o.personId, o.hromadaId, o.verifiedBy],
  );
  return (rowCount ?? 0) > 0;
}

/** An active resident account by its e-mail (any case). */
export async function residentAccountByEmail(
  c: Queryable,
  email: string,
): Promise<{ id: string; display_name: string } | null> {
  const { rows } = await c.query<{ id: string; display_name: string }>(
    "SELECT id, display_name FROM users WHERE kind = 'resident' AND active AND lower(email) = lower($1)",
    [email],
  );
  return rows[0] ?? null;
}

/** A registry person's full name. */
export async function personFullName(c: Queryable, hromadaId: number, personId: string): Promise<string | null> {
  const { rows } = await c.query<{ name: string }>(
    "SELECT concat_ws(' ', last_name, first_name, patronymic) AS name FROM persons WHERE id = $1 AND hromada_id = $2",
    [personId, hromadaId],
  );
  return rows[0]?.name ?? null;
}

export interface ApplicationFileRow {
  id: string;
  application_id: string;
  registration_number: string | null;
  service_name: string;
  requirement: string;
  file_name: string;
  content_type: FileType;
  size: number;
  uploaded_at: Date;
}

/** The files of these persons' applications in the hromada, newest first. */
export async function applicationFilesOf(
  c: Queryable,
  hromadaId: number,
  personIds: string[],
): Promise<ApplicationFileRow[]> {
  const { rows } = await c.query<ApplicationFileRow>(
    `SELECT d.id, d.application_id, a.registration_number, s.name AS service_name, d.requirement, d.file_name, d.content_type,
       d.size, d.uploaded_at
     FROM application_documents d JOIN applications a ON a.id = d.application_id JOIN services s ON s.id = a.service_id
     WHERE a.hromada_id = $1 AND a.person_id = ANY($2::uuid[]) ORDER BY d.uploaded_at DESC, d.id LIMIT 500`,
    [hromadaId, personIds],
  );
  return rows;
}

/** Adds a stored file to the resident's library; returns its id. */
export async function insertResidentDocument(
  c: Queryable,
  userId: string,
  title: string,
  file: { name: string; type: string; size: number; sha256: string; key: string },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO resident_documents (user_id, title, file_name, content_type, size, sha256, storage_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [userId, title, file.name, file.type, file.size, file.sha256, file.key],
  );
  return rows[0].id;
}

export async function deleteResidentDocument(c: Queryable, userId: string, id: string): Promise<void> {
  await c.query('DELETE FROM resident_documents WHERE id = $1 AND user_id = $2', [id, userId]);
}

/** The service card's documents the applicant gives (a scan may be attached as one of them). */
export async function scanRequirements(c: Queryable, serviceId: string): Promise<{ id: string; name: string }[]> {
  const { rows } = await c.query<{ id: string; name: string }>(
    'SELECT id, name FROM service_documents WHERE service_id = $1 AND NOT obtained_by_office ORDER BY position, name',
    [serviceId],
  );
  return rows;
}

/** Two posts of the same online form wait for each other (until the transaction ends). */
export async function lockOnlineForm(c: Queryable, key: string): Promise<void> {
  await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`cabinet-draft:${key}`]);
}

export interface DraftRow {
  id: string;
  status: string;
  person_id: string | null;
  service_id: string;
  channel: string;
  applicant_user_id: string | null;
}

/** An application of the hromada by its id or by the key of the form that created it, locked. */
export async function findDraftRow(
  c: Queryable,
  hromadaId: number,
  by: { id: string } | { formKey: string },
): Promise<DraftRow | null> {
  const { rows } = await c.query<DraftRow>(
    `SELECT id, status, person_id, service_id, channel, applicant_user_id FROM applications
     WHERE hromada_id = $1 AND ${'id' in by ? 'id = $2' : 'idempotency_key = $2'} FOR UPDATE`,
    [hromadaId, 'id' in by ? by.id : by.formKey],
  );
  return rows[0] ?? null;
}

/** A new online draft (a person's, or the account's own while its identity is not confirmed). */
export async function insertDraft(
  c: Queryable,
  o: {
    hromadaId: number;
    personId: string | null;
    serviceId: string;
    districtId: number | null;
    formKey: string;
    userId: string;
  },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO applications (hromada_id, person_id, service_id, channel, status, district_id, idempotency_key, created_by,
       applicant_user_id)
     VALUES ($1, $2, $3, 'online', 'draft', $4, $5, $6, $7) RETURNING id`,
    [o.hromadaId, o.personId, o.serviceId, o.districtId, o.formKey, o.userId, o.personId ? null : o.userId],
  );
  return rows[0].id;
}

/** A draft saved again: for this person when given; its version moves on either way. */
export async function touchDraft(
  c: Queryable,
  id: string,
  person?: { id: string; district_id: number | null },
): Promise<void> {
  if (person) {
    await c.query(
      'UPDATE applications SET person_id = $2, district_id = $3, version = version + 1, updated_at = now() WHERE id = $1',
      [id, person.id, person.district_id],
    );
  } else {
    await c.query('UPDATE applications SET version = version + 1, updated_at = now() WHERE id = $1', [id]);
  }
}

/** The form's categories and consent (a consent once given stays). */
export async function upsertOnlineForm(
  c: Queryable,
  o: { applicationId: string; hromadaId: number; categories: string[]; consentAt: Date | null },
): Promise<void> {
  await c.query(
    `INSERT INTO online_application_forms (application_id, hromada_id, categories, consent_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (application_id) DO UPDATE SET categories = EXCLUDED.categories,
       consent_at = coalesce(online_application_forms.consent_at, EXCLUDED.consent_at), updated_at = now()`,
    [o.applicationId, o.hromadaId, o.categories, o.consentAt],
  );
}

export async function deleteAttachment(c: Queryable, id: string): Promise<void> {
  await c.query('DELETE FROM application_documents WHERE id = $1', [id]);
}

/** The key of the online form that created the application. */
export async function formKeyOf(c: Queryable, applicationId: string): Promise<string | null> {
  const { rows } = await c.query<{ k: string | null }>('SELECT idempotency_key AS k FROM applications WHERE id = $1', [
    applicationId,
  ]);
  return rows[0]?.k ?? null;
}

/** Draft → registered at once, with its registration number, date and deadline. */
export async function registerOnline(
  c: Queryable,
  id: string,
  reg: { registrationNumber: string; registeredOn: string; processingDays: number; deadline: string },
): Promise<void> {
  await c.query(
    `UPDATE applications SET status = 'registered', submitted_at = now(), registered_at = now(), registration_number = $2,
       registered_on = $3, processing_days = $4, deadline = $5, version = version + 1, updated_at = now() WHERE id = $1`,
    [id, reg.registrationNumber, reg.registeredOn, reg.processingDays, reg.deadline],
  );
}

/** The application's new status (a transition the resident makes). */
export async function setApplicationStatus(c: Queryable, id: string, status: string): Promise<void> {
  await c.query('UPDATE applications SET status = $2, version = version + 1, updated_at = now() WHERE id = $1', [
    id,
    status,
  ]);
}

/** The applicant as typed in the online form by a resident without a registry link (the РНОКПП sealed, with its hash). */
export interface ApplicantRecord {
  lastName: string;
  firstName: string;
  patronymic: string | null;
  birthDate: string;
  rnokppSealed: string | null;
  rnokppHash: string | null;
  phone: string | null;
}

export async function upsertApplicant(
  c: Queryable,
  hromadaId: number,
  applicationId: string,
  a: ApplicantRecord,
): Promise<void> {
  await c.query(
    `INSERT INTO application_applicants (hromada_id, application_id, last_name, first_name, patronymic, birth_date, rnokpp_sealed,
       rnokpp_hash, phone) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (hromada_id, application_id) DO UPDATE SET last_name = $3, first_name = $4, patronymic = $5, birth_date = $6,
       rnokpp_sealed = $7, rnokpp_hash = $8, phone = $9, updated_at = now()`,
    [
      hromadaId,
      applicationId,
      a.lastName,
      a.firstName,
      a.patronymic,
      a.birthDate,
      a.rnokppSealed,
      a.rnokppHash,
      a.phone,
    ],
  );
}

/** What a resident without a registry link typed about the applicant: read by the applications module's queries. */
export { loadApplicant, type ApplicantRow } from '../applications/applications.queries.js';

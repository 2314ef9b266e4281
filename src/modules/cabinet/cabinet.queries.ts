import type { PoolClient } from 'pg';
import type { Queryable } from '../../platform/db.js';
import { SELECT_APPLICATION, type ApplicationRow, type DocumentRequestRow } from '../applications/applications.queries.js';
import type { FileType } from './cabinet.files.js';
import type { DocumentKind } from '../catalogue/catalogue.schema.js';

export interface OnlineService {
  id: string; name: string; eligible_categories: string[]; min_age: number | null; max_age: number | null;
  crisis: boolean; max_processing_days: number; active: boolean; channels: ('online' | 'front_office' | 'starosta')[];
}
/** A document the applicant gives online: `required` (kind = required) or optional. */
export interface RequiredDocument { id: string; name: string; required: boolean; kind: DocumentKind }

/**
 * An active service that offers the online channel, with the documents the applicant gives online
 * (not those the office obtains, not those filled in with the applicant at the office — these are
 * only named, in `withOffice`).
 */
export async function findOnlineService(c: Queryable, hromadaId: number, id: string)
  : Promise<{ service: OnlineService; documents: RequiredDocument[]; withOffice: { name: string }[] } | null> {
  const { rows } = await c.query<OnlineService>(
    `SELECT id, name, eligible_categories, min_age, max_age, crisis, max_processing_days, active, channels
     FROM services WHERE id = $1 AND hromada_id = $2 AND active AND 'online' = ANY(channels)`, [id, hromadaId]);
  if (!rows[0]) return null;
  const docs = await c.query<RequiredDocument>(
    `SELECT id, name, kind = 'required' AS required, kind FROM service_documents WHERE service_id = $1 AND NOT obtained_by_office
     ORDER BY position, name`, [id]);
  return { service: rows[0], documents: docs.rows.filter((d) => d.kind !== 'office_fills'),
    withOffice: docs.rows.filter((d) => d.kind === 'office_fills').map((d) => ({ name: d.name })) };
}

export async function categoryLabels(c: Queryable, codes: string[]): Promise<{ code: string; name_uk: string; name_en: string }[]> {
  if (codes.length === 0) return [];
  const { rows } = await c.query<{ code: string; name_uk: string; name_en: string }>(
    'SELECT code, name_uk, name_en FROM category_types WHERE code = ANY($1) ORDER BY sort, code', [codes]);
  return rows;
}

export interface PersonOption { id: string; name: string; district_id: number | null }

export async function personOptions(c: Queryable, ids: string[]): Promise<PersonOption[]> {
  const { rows } = await c.query<PersonOption>(
    `SELECT id, concat_ws(' ', last_name, first_name, patronymic) AS name, district_id FROM persons
     WHERE id = ANY($1::uuid[]) AND merged_into IS NULL ORDER BY last_name COLLATE "uk-UA-x-icu", first_name`, [ids]);
  return rows;
}

/** Applications of these persons and those the account filed itself (online, before its identity was confirmed). */
export async function applicationsOf(c: PoolClient, hromadaId: number, personIds: string[], userId: string): Promise<ApplicationRow[]> {
  const { rows } = await c.query<ApplicationRow>(
    `${SELECT_APPLICATION} WHERE a.hromada_id = $1 AND (a.person_id = ANY($2::uuid[]) OR a.applicant_user_id = $3)
     ORDER BY a.created_at DESC`, [hromadaId, personIds, userId]);
  return rows;
}

export interface AttachmentRow {
  id: string; service_document_id: string | null; requirement: string; file_name: string; content_type: FileType; size: number;
  sha256: string; storage_key: string; uploaded_at: Date;
  /** The resident's message that carried the file (null for the application form and answers to requests). */
  message_id: string | null;
}

export async function attachmentsOf(c: Queryable, applicationId: string): Promise<AttachmentRow[]> {
  const { rows } = await c.query<AttachmentRow>(
    `SELECT id, service_document_id, requirement, file_name, content_type, size, sha256, storage_key, uploaded_at, message_id
     FROM application_documents WHERE application_id = $1 ORDER BY uploaded_at, id`, [applicationId]);
  return rows;
}

/** A file already stored under DATA_DIR/uploads/applications (`key`), to be listed with an application. */
export interface NewAttachment {
  hromadaId: number; applicationId: string; serviceDocumentId: string | null; requirement: string; uploadedBy: string;
  file: { name: string; type: string; size: number; sha256: string; key: string };
  messageId?: string | null;
}

/** Adds a stored file to the documents of an application; returns the document's id. */
export async function insertAttachment(c: Queryable, a: NewAttachment): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO application_documents (hromada_id, application_id, service_document_id, requirement, file_name, content_type,
       size, sha256, storage_key, uploaded_by, message_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [a.hromadaId, a.applicationId, a.serviceDocumentId, a.requirement, a.file.name, a.file.type, a.file.size, a.file.sha256,
      a.file.key, a.uploadedBy, a.messageId ?? null]);
  return rows[0].id;
}

export interface OnlineFormRow { categories: string[]; consent_at: Date | null }

export async function onlineFormOf(c: Queryable, applicationId: string): Promise<OnlineFormRow | null> {
  const { rows } = await c.query<OnlineFormRow>(
    'SELECT categories, consent_at FROM online_application_forms WHERE application_id = $1', [applicationId]);
  return rows[0] ?? null;
}

export interface ResidentDocumentRow {
  id: string; title: string; file_name: string; content_type: FileType; size: number; sha256: string; storage_key: string; created_at: Date;
}

export async function residentDocuments(c: Queryable, userId: string): Promise<ResidentDocumentRow[]> {
  const { rows } = await c.query<ResidentDocumentRow>(
    `SELECT id, title, file_name, content_type, size, sha256, storage_key, created_at FROM resident_documents
     WHERE user_id = $1 ORDER BY created_at DESC, id`, [userId]);
  return rows;
}

export async function residentDocument(c: Queryable, userId: string, id: string): Promise<ResidentDocumentRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await c.query<ResidentDocumentRow>(
    `SELECT id, title, file_name, content_type, size, sha256, storage_key, created_at FROM resident_documents
     WHERE user_id = $1 AND id = $2`, [userId, id]);
  return rows[0] ?? null;
}

/** The office's open request for more documents (the newest not yet fulfilled), if any. */
export async function openDocumentRequest(c: Queryable, applicationId: string): Promise<DocumentRequestRow | null> {
  const { rows } = await c.query<DocumentRequestRow>(
    `SELECT id, documents, to_char(due_on, 'YYYY-MM-DD') AS due_on, requested_at, fulfilled_at
     FROM application_document_requests WHERE application_id = $1 AND fulfilled_at IS NULL
     ORDER BY requested_at DESC, id LIMIT 1`, [applicationId]);
  return rows[0] ?? null;
}

/** One document attached to an application. */
export async function attachmentOf(c: Queryable, applicationId: string, id: string): Promise<AttachmentRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await c.query<AttachmentRow>(
    `SELECT id, service_document_id, requirement, file_name, content_type, size, sha256, storage_key, uploaded_at, message_id
     FROM application_documents WHERE application_id = $1 AND id = $2`, [applicationId, id]);
  return rows[0] ?? null;
}

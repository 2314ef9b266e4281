import type { PoolClient } from 'pg';
import { AppError, ValidationError, type Problem } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { addHistory, type DocumentRequestRow } from '../../applications/applications.queries.js';
import { nextStatus } from '../../applications/status-machine.js';
import { applyEffects } from '../../applications/status-effects.js';
import { withOwnApplication, type ResidentCase } from '../cabinet.policy.js';
import { removeStored, store, storedPath } from '../cabinet.files.js';
import {
  insertAttachment,
  openDocumentRequest,
  residentDocument,
  setApplicationStatus,
  type ResidentDocumentRow,
} from '../cabinet.queries.js';
import type { Upload } from '../cabinet.uploads.js';
import { responseFileField } from '../online-form.js';

export type RespondOptions = ResidentCase<{
  id: string;
  /** The request the resident saw; another (or none) open now → 409. */
  requestId: string;
  uploads: Map<string, Upload>;
  /** The resident's library document chosen for the n-th requested document ('' or absent: none). */
  picks: string[];
  taken: (field: string) => void;
}>;

type Given =
  { kind: 'upload'; field: string; upload: Upload & { ok: true } } | { kind: 'pick'; doc: ResidentDocumentRow };

/** Each requested document's file, or the problems (a file for every requested document is needed). */
async function givenFiles(c: PoolClient, o: RespondOptions, request: DocumentRequestRow): Promise<Given[]> {
  const problems: Problem[] = [];
  const given: Given[] = [];
  for (const [i, name] of request.documents.entries()) {
    const field = responseFileField(i);
    const u = o.uploads.get(field);
    const pick = o.picks[i] ?? '';
    if (u && !u.ok)
      problems.push({ field, key: u.problem === 'type' ? 'cabinet.file.type' : 'cabinet.file.size', params: { name } });
    else if (u) given.push({ kind: 'upload', field, upload: u });
    else if (pick) {
      const doc = await residentDocument(c, o.actor.userId, pick);
      if (doc) given.push({ kind: 'pick', doc });
      else problems.push({ field, key: 'cabinet.apply.v.pick', params: { name } });
    } else problems.push({ field, key: 'cabinet.respond.v.missing', params: { name } });
  }
  if (problems.length) throw new ValidationError(problems);
  return given;
}

/**
 * The resident answers the office's request for more documents: a file (new upload, or a copy of
 * a document from «Мої документи») for every requested document is attached to the application
 * (type by content, size limit, sha256, stored under DATA_DIR/uploads/applications), and the
 * application goes back to review through the status machine's `documentsReceived` transition
 * and its effects: the pause of the decision clock ends on the day the documents arrived and the
 * deadline is recomputed (decision 0008). `changeStatus` takes staff actors only, so, as with
 * withdrawal, this is the resident's path to the same transition; the timeline and the audit
 * say it was the resident. Any problem → nothing is written.
 */
export async function respondToDocumentRequest(o: RespondOptions): Promise<{ id: string }> {
  const { services, actor } = o;
  const storedKeys: string[] = [];
  try {
    return await withOwnApplication(
      services,
      actor,
      o.id,
      true,
      async (c, a, hromadaId, _confirmed, audit) => {
        const request = a.status === 'needs_documents' ? await openDocumentRequest(c, a.id) : null;
        const to = nextStatus(a.status, 'documentsReceived');
        if (!request || !to || request.id !== o.requestId)
          throw new AppError('conflict', { messageKey: 'cabinet.respond.closed' });
        const given = await givenFiles(c, o, request);
        for (const [i, g] of given.entries()) {
          const file =
            g.kind === 'upload'
              ? {
                  name: g.upload.fileName,
                  type: g.upload.contentType,
                  size: g.upload.size,
                  sha256: g.upload.sha256,
                  key: await store(services, 'applications', g.upload.tmpPath),
                }
              : {
                  name: g.doc.file_name,
                  type: g.doc.content_type,
                  size: g.doc.size,
                  sha256: g.doc.sha256,
                  key: await store(services, 'applications', storedPath(services, 'residents', g.doc.storage_key), {
                    copy: true,
                  }),
                };
          if (g.kind === 'upload') o.taken(g.field);
          storedKeys.push(file.key);
          await insertAttachment(c, {
            hromadaId,
            applicationId: a.id,
            serviceDocumentId: null,
            requirement: request.documents[i],
            file,
            uploadedBy: actor.userId,
          });
        }
        const effects = await applyEffects(c, {
          hromadaId,
          actor,
          a,
          command: 'documentsReceived',
          input: {},
          today: kyivToday(),
          service: null,
          box: services.box,
        });
        await setApplicationStatus(c, a.id, to);
        await addHistory(c, {
          hromadaId,
          applicationId: a.id,
          by: actor,
          event: 'documentsReceived',
          from: a.status,
          to,
          note: null,
          data: { ...effects.data, documents: request.documents, by: 'resident' },
        });
        await audit({
          action: 'application.documentsReceived',
          operation: 'write',
          entityType: 'application',
          entityId: a.id,
          fields: ['status', 'documents', ...effects.fields],
        });
        return { id: a.id };
      },
      o.meta,
    );
  } catch (e) {
    for (const key of storedKeys) removeStored(services, 'applications', key);
    throw e;
  }
}

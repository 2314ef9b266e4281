import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, isAppError, problem } from '../../../platform/errors.js';
import { kyivLocal } from '../../../platform/dates.js';
import { isMessageKey } from '../../../platform/i18n.js';
import { inTenant, type TenantWork, type UseCase } from '../../../platform/use-case.js';
import { intakeChannel } from '../../applications/intake.routes.js';
import { createApplication } from '../../applications/use-cases/create-application.js';
import { bookAppointment } from '../../appointments/use-cases/book-appointment.js';
import { attachScannedDocument } from '../../cabinet/use-cases/attach-scanned-document.js';
import { areaDir, cleanFileName, detectType, MAX_FILE_BYTES } from '../../cabinet/cabinet.files.js';
import type { Upload } from '../../cabinet/cabinet.uploads.js';
import { addCaseNote } from '../../cases/use-cases/add-case-note.js';
import { registerPerson } from '../../persons/use-cases/register-person.js';
import { loadActAssignment } from '../../service-acts/service-acts.queries.js';
import { recordServiceAct } from '../../service-acts/use-cases/record-service-act.js';
import { updatePerson } from '../../persons/use-cases/update-person.js';
import { mayReadResident, requireOpenPackage } from '../outreach.policy.js';
import {
  appliedOp,
  insertConflict,
  insertOp,
  insertStop,
  isStopCase,
  isStopPerson,
  loadPackage,
  loadStop,
  lockOp,
  markApplicationOutreach,
  personOfRef,
  personValues,
  recordStopOutcome,
  PATCH_COLUMN,
} from '../outreach.queries.js';
import { syncOp, type PatchField, type SyncOp } from '../outreach.schema.js';
import { PackageRefusal } from '../package-token.js';

export type SyncAnswer =
  | { opId: string; status: 'applied' | 'repeated'; result: Record<string, unknown> }
  | { opId: string; status: 'conflict'; conflictId: string; conflictUrl: string };

/**
 * Applies one operation of an offline package's log (decision 0036 part 5), in one transaction with its audit entries.
 * The package must be the worker's own, unchanged, open and not expired (`requireOpenPackage`): else the whole sync
 * is refused.
 * An operation already applied answers its first result again («repeated»), so a resumed or repeated sync creates
 * nothing twice. A person changed here since the package (another version) is not overwritten: the operation becomes a
 * conflict with both versions, for the worker to resolve field by field. A refused operation throws the AppError of its
 * use-case and stores nothing. The operation may only touch the trip's residents and the persons made on the device.
 */
export async function applySyncOp(o: UseCase<{ token: string; op: unknown }>): Promise<SyncAnswer> {
  return inTenant(o, 'outreach.work', async (w) => {
    const { c, actor, hromadaId } = w;
    const { pkg, trip } = await requireOpenPackage(c, actor, o.services.keys.outreach, o.token);

    const parsed = syncOp.safeParse(o.op);
    if (!parsed.success) {
      // The field named is the person's own (`rnokpp`, not `data`), so the device can put the reason on its input.
      const issue = parsed.error.issues[0];
      const [first, second] = issue.path;
      const field = (first === 'data' || first === 'patch') && second !== undefined ? second : (first ?? 'op');
      throw problem(String(field), isMessageKey(issue.message) ? issue.message : 'outreach.v.op');
    }
    const op = parsed.data;
    await lockOp(c, op.opId);
    const done = await appliedOp(c, hromadaId, op.opId);
    if (done) {
      // The same operation id from another worker's or another trip's package is a replay, not a repeat.
      const from = await loadPackage(c, hromadaId, done.package_id);
      if (!from || from.user_id !== actor.userId || from.trip_id !== trip.id || done.kind !== op.kind)
        throw new PackageRefusal(409, 'outreach.sync.replayed');
      const result = done.result as Record<string, unknown>;
      return done.status === 'conflict'
        ? {
            opId: op.opId,
            status: 'conflict',
            conflictId: String(result.conflictId),
            conflictUrl: `/outreach/conflicts/${String(result.conflictId)}`,
          }
        : { opId: op.opId, status: 'repeated', result };
    }
    const ctx = { ...w, o, tripId: trip.id, packageId: pkg.id };
    const record = async (status: 'applied' | 'conflict', result: Record<string, unknown>) =>
      insertOp(c, hromadaId, {
        opId: op.opId,
        packageId: pkg.id,
        kind: op.kind,
        personRef: op.kind === 'person.create' ? op.personRef : null,
        status,
        result,
        madeAt: new Date(op.at).toISOString(),
      });
    if (op.kind === 'person.update') {
      const answer = await applyPersonUpdate(ctx, op);
      await record(answer.status === 'conflict' ? 'conflict' : 'applied', answer.result);
      return answer.status === 'conflict'
        ? {
            opId: op.opId,
            status: 'conflict',
            conflictId: answer.result.conflictId,
            conflictUrl: `/outreach/conflicts/${answer.result.conflictId}`,
          }
        : { opId: op.opId, status: 'applied', result: answer.result };
    }
    const result = await applyOther(ctx, op);
    await record('applied', result);
    return { opId: op.opId, status: 'applied', result };
  });
}

type Ctx = TenantWork & { o: UseCase; tripId: string; packageId: string };

/** The person an operation names: a resident of the trip, or one made on this device (by the worker, on this trip). */
async function personOf(x: Ctx, op: { personId?: string; personRef?: string }): Promise<string> {
  if (op.personRef) {
    const id = await personOfRef(x.c, x.hromadaId, { tripId: x.tripId, userId: x.actor.userId, ref: op.personRef });
    if (!id) throw problem('personRef', 'outreach.v.personRef');
    return id;
  }
  const id = op.personId ?? '';
  if (!(await isStopPerson(x.c, x.hromadaId, x.tripId, id))) throw problem('personId', 'outreach.v.notOnTrip');
  return id;
}

const joined = (x: Ctx) => ({ services: x.o.services, actor: x.actor, meta: x.o.meta, tx: x.c, audit: x.audit });

async function applyPersonUpdate(
  x: Ctx,
  op: Extract<SyncOp, { kind: 'person.update' }>,
): Promise<
  { status: 'applied'; result: { version: number } } | { status: 'conflict'; result: { conflictId: string } }
> {
  const personId = await personOf(x, op);
  const now = await personValues(x.c, x.hromadaId, personId);
  if (!now) throw new AppError('not_found');
  if (now.version !== op.baseVersion) {
    const fields = Object.keys(op.patch) as PatchField[];
    const conflictId = await insertConflict(x.c, x.hromadaId, {
      opId: op.opId,
      tripId: x.tripId,
      userId: x.actor.userId,
      personId,
      baseVersion: op.baseVersion,
      serverVersion: now.version,
      device: Object.fromEntries(fields.map((f) => [f, op.patch[f] ?? null])),
      server: Object.fromEntries(fields.map((f) => [f, now[PATCH_COLUMN[f]] ?? null])),
    });
    await x.audit({
      action: 'outreach.conflict.create',
      operation: 'write',
      entityType: 'person',
      entityId: personId,
      fields,
      reason: `conflict:${conflictId} base:${String(op.baseVersion)} server:${String(now.version)}`,
    });
    return { status: 'conflict', result: { conflictId } };
  }
  const r = await updatePerson({ ...joined(x), id: personId, patch: op.patch, version: op.baseVersion, confirm: true });
  if (r.kind !== 'updated') throw problem('patch', 'outreach.v.op');
  return { status: 'applied', result: { version: r.version } };
}

async function applyOther(x: Ctx, op: Exclude<SyncOp, { kind: 'person.update' }>): Promise<Record<string, unknown>> {
  switch (op.kind) {
    case 'person.create': {
      // The device sends no other identifier: a person already registered with it is a refusal on the РНОКПП.
      const r = await registerPerson({ ...joined(x), input: op.data, confirm: true }).catch((e: unknown) => {
        throw isAppError(e) && e.code === 'conflict' ? problem('rnokpp', e.messageKey) : e;
      });
      if (r.kind !== 'created') throw problem('data', 'outreach.v.op');
      await insertStop(x.c, x.hromadaId, { tripId: x.tripId, personId: r.id, source: 'device', reason: null });
      return { personId: r.id };
    }
    case 'application.create': {
      const personId = await personOf(x, op);
      const made = await createApplication({
        ...joined(x),
        input: { personId, serviceId: op.serviceId, channel: intakeChannel(x.actor) },
        idempotencyKey: `outreach:${op.opId}`,
      });
      await markApplicationOutreach(x.c, x.hromadaId, made.id, x.tripId);
      for (const d of op.documents) await attachDocument(x, made.id, d);
      return { applicationId: made.id, registrationNumber: made.registrationNumber };
    }
    case 'case.note': {
      if (!(await isStopCase(x.c, x.hromadaId, x.tripId, op.caseId))) throw problem('caseId', 'outreach.v.notOnTrip');
      const noteId = await addCaseNote({
        ...joined(x),
        id: op.caseId,
        input: { kind: 'visit', happenedOn: op.happenedOn, text: op.text },
      });
      return { noteId };
    }
    case 'act.record': {
      // A service delivered to a resident of the trip, recorded by the provider's worker who delivered it.
      const a = await loadActAssignment(x.c, x.hromadaId, op.assignmentId);
      if (a && !(await isStopPerson(x.c, x.hromadaId, x.tripId, a.person_id)))
        throw problem('assignmentId', 'outreach.v.notOnTrip');
      if (op.signature && op.confirmedBy !== 'recipient') throw problem('signature', 'outreach.v.signatureWorker');
      const record = (upload?: Upload) =>
        recordServiceAct({
          ...joined(x),
          input: {
            assignmentId: op.assignmentId,
            workerId: x.actor.userId,
            date: op.date,
            startsAt: op.startsAt,
            minutes: op.minutes,
            place: op.place,
            confirmedBy: op.confirmedBy,
            confirmReason: op.confirmReason,
            note: op.note,
          },
          upload,
          taken: () => undefined,
          via: 'outreach',
        });
      const act = op.signature ? await withUpload(x, op.signature, 'signature', record) : await record();
      return { actId: act.id };
    }
    case 'stop.record': {
      const stop = await loadStop(x.c, x.hromadaId, x.tripId, op.stopId);
      if (!stop || !mayReadResident(x.actor, stop)) throw problem('stopId', 'outreach.v.notOnTrip');
      await recordStopOutcome(x.c, x.hromadaId, {
        tripId: x.tripId,
        stopId: stop.id,
        outcome: op.outcome,
        note: op.note ?? null,
        by: x.actor.userId,
      });
      await x.audit({
        action: 'outreach.stop.outcome',
        operation: 'write',
        entityType: 'outreach_trip',
        entityId: x.tripId,
        fields: ['outcome', 'note'],
        reason: `stop:${stop.id}`,
      });
      return {};
    }
    case 'visit.book': {
      const personId = await personOf(x, op);
      const r = await bookAppointment({
        ...joined(x),
        officeId: op.officeId,
        serviceId: op.serviceId,
        start: kyivLocal(new Date(op.start)),
        personId,
        contact: null,
        note: null,
        channel: intakeChannel(x.actor) === 'starosta' ? 'starosta' : 'front_office',
      });
      return { appointmentId: r.id };
    }
  }
}

/** A document photographed or scanned on the device: its bytes to a temporary file, its type by content, attached. */
async function attachDocument(
  x: Ctx,
  applicationId: string,
  d: Extract<SyncOp, { kind: 'application.create' }>['documents'][number],
) {
  await withUpload(x, d, 'documents', (upload) =>
    attachScannedDocument({
      ...joined(x),
      id: applicationId,
      requirement: d.requirement,
      otherName: '',
      upload,
      taken: () => undefined,
    }),
  );
}

/**
 * A file sent from the device as an upload of the office's own forms: its bytes checked (not empty, within the limit,
 * JPEG, PNG or PDF by content — else refused on `field`), written to a temporary file for `use`, removed afterwards.
 */
async function withUpload<T>(
  x: Ctx,
  f: { fileName: string; dataBase64: string },
  field: string,
  use: (upload: Upload) => Promise<T>,
): Promise<T> {
  const bytes = Buffer.from(f.dataBase64, 'base64');
  if (bytes.length === 0 || bytes.length > MAX_FILE_BYTES) throw problem(field, 'outreach.v.documentSize');
  const contentType = detectType(bytes.subarray(0, 16));
  if (!contentType) throw problem(field, 'outreach.v.documentType');
  const dir = areaDir(x.o.services, 'applications').replace(/applications$/, 'tmp');
  await fs.promises.mkdir(dir, { recursive: true });
  const tmpPath = path.join(dir, `tmp-${crypto.randomUUID()}`);
  await fs.promises.writeFile(tmpPath, bytes, { mode: 0o600 });
  try {
    return await use({
      ok: true,
      tmpPath,
      fileName: cleanFileName(f.fileName),
      contentType,
      size: bytes.length,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    });
  } finally {
    await fs.promises.rm(tmpPath, { force: true });
  }
}

import { prepared, queueAtCommit, type Db, type Queryable } from './db.js';

export type AuditOperation = 'read' | 'write' | 'auth' | 'admin';

export interface AuditEntry {
  hromadaId: number | null;
  actorId?: string | null;
  actorLabel?: string | null;
  action: string;
  operation: AuditOperation;
  entityType?: string | null;
  entityId?: string | null;
  fields?: string[];
  reason?: string | null;
  ip?: string | null;
  requestId?: string | null;
}

/** Where a request came from, as the audit records it (never the query string or body). */
export interface RequestMeta {
  ip?: string;
  requestId?: string;
}

/** The request's own meta (the proxy-aware address and the request id). */
export const requestMeta = (req: { ip: string; id: string }): RequestMeta => ({ ip: req.ip, requestId: req.id });

/**
 * Who an entry names: the user and the label shown for them. A null label names the user by id only
 * (a resident's own account events: registration, sign-in, profile).
 */
export interface AuditActor {
  userId: string;
  displayName: string | null;
  hromadaId: number | null;
}

/** The fields every entry of an actor's action shares: tenant, who (id and label) and where from. */
export const auditBy = (actor: AuditActor, meta?: RequestMeta, hromadaId: number | null = actor.hromadaId) => ({
  hromadaId,
  actorId: actor.userId,
  actorLabel: actor.displayName,
  ip: meta?.ip,
  requestId: meta?.requestId,
});

/** What a use-case names in an entry; who, where from and the tenant come from its writer. */
export type AuditRecord = Omit<AuditEntry, 'hromadaId' | 'actorId' | 'actorLabel' | 'ip' | 'requestId'> & {
  /** Another tenant than the writer's (rare: a superadmin acting on a hromada). */
  hromadaId?: number | null;
};

/** The one audit writer a use-case gets: bound to its transaction, actor, request and tenant. */
export type AuditWriter = (e: AuditRecord) => Promise<void>;

/**
 * An audit writer for `db` (the action's transaction, so the entry commits or rolls back with it). In a `Db.tx`
 * transaction the entries go with its COMMIT, in its round trip — so a `ROLLBACK TO SAVEPOINT` does not undo an entry
 * written before it: write the entry once the work it records stands (as the catalogue's card edit does).
 */
export function auditWriter(
  db: Queryable,
  actor: AuditActor | null,
  meta?: RequestMeta,
  o: { hromadaId?: number | null; actorLabel?: string } = {},
): AuditWriter {
  const who = actor
    ? auditBy(actor, meta, o.hromadaId === undefined ? actor.hromadaId : o.hromadaId)
    : { hromadaId: o.hromadaId ?? null, actorId: null, actorLabel: null, ip: meta?.ip, requestId: meta?.requestId };
  if (o.actorLabel) who.actorLabel = o.actorLabel;
  return (e) =>
    writeAuditAtCommit(db, { ...who, ...e, hromadaId: e.hromadaId === undefined ? who.hromadaId : e.hromadaId });
}

/** The entry's insert: a statement prepared once per connection (its chain position and hash set by the trigger). */
const auditInsert = (e: AuditEntry) =>
  prepared(`${INSERT_AUDIT} VALUES (0, 0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '', '')`, auditValues(e));

/**
 * Appends one entry to the hash-chained audit trail at once. Call it with the client of
 * the transaction that does the action, so the entry commits or rolls back with it.
 */
export async function writeAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query(auditInsert(e));
}

/**
 * The same entry written with the transaction's COMMIT, pipelined in its round trip (the entry still commits or rolls
 * back with the action, and the lane's lock is held only for the commit). Outside a `Db.tx` transaction it is written
 * at once.
 */
export async function writeAuditAtCommit(db: Queryable, e: AuditEntry): Promise<void> {
  if (!queueAtCommit(db, auditInsert(e))) await writeAudit(db, e);
}

/** An entry as the group statement reads it (JSON: missing keys are nulls). */
function groupRow(e: AuditEntry) {
  return {
    h: e.hromadaId,
    a: e.actorId,
    l: e.actorLabel,
    act: e.action,
    op: e.operation,
    et: e.entityType,
    ei: e.entityId,
    f: e.fields,
    r: e.reason,
    ip: e.ip,
    rq: e.requestId,
  };
}

interface Waiting {
  entry: AuditEntry;
  done: (err?: Error) => void;
}
interface Group {
  waiting: Waiting[];
  writing: boolean;
}
/** Entries waiting for their hromada's next group, and whether a group of that hromada is being written. */
const groups = new WeakMap<Pick<Db, 'tx'>, Map<number | null, Group>>();
const GROUP_MAX = 500;

/**
 * Writes an entry that belongs to no transaction of its own (a refused call) together with the others that come
 * while a group is being written: one transaction and one durable commit for all of them, in the order they came.
 * It resolves once the entry is committed, so the answer still waits for its entry (decision 0005); a failed group
 * rejects every entry in it.
 */
export function writeAuditGrouped(db: Pick<Db, 'tx'>, e: AuditEntry): Promise<void> {
  let byHromada = groups.get(db);
  if (!byHromada) groups.set(db, (byHromada = new Map<number | null, Group>()));
  let g = byHromada.get(e.hromadaId);
  if (!g) byHromada.set(e.hromadaId, (g = { waiting: [], writing: false }));
  const group = g;
  return new Promise<void>((resolve, reject) => {
    group.waiting.push({ entry: e, done: (err) => (err === undefined ? resolve() : reject(err)) });
    if (!group.writing) void writeGroup(db, e.hromadaId, group);
  });
}

async function writeGroup(db: Pick<Db, 'tx'>, hromadaId: number | null, g: Group) {
  g.writing = true;
  while (g.waiting.length) {
    const batch = g.waiting.splice(0, GROUP_MAX);
    try {
      await db.tx({ hromadaId }, (c) =>
        c.query(INSERT_AUDIT_GROUP, [JSON.stringify(batch.map((w) => groupRow(w.entry)))]),
      );
      for (const w of batch) w.done();
    } catch (err) {
      for (const w of batch) w.done(err instanceof Error ? err : new Error(String(err)));
    }
  }
  g.writing = false;
}

const INSERT_AUDIT = `INSERT INTO audit_log (chain, seq, hromada_id, actor_id, actor_label, action, operation, entity_type,
  entity_id, fields, reason, ip, request_id, prev_hash, hash)`;

/**
 * A group's entries in one statement with one parameter: the entries as a JSON array, read back as rows in their order
 * (the trigger chains them in that order).
 */
const INSERT_AUDIT_GROUP = `${INSERT_AUDIT}
  SELECT 0, 0, e.h, e.a, e.l, e.act, e.op, e.et, e.ei, coalesce(e.f, '{}'), e.r, e.ip, e.rq, '', ''
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb)
    AS (h int, a uuid, l text, act text, op text, et text, ei text, f text[], r text, ip text, rq text))
    WITH ORDINALITY AS e(h, a, l, act, op, et, ei, f, r, ip, rq, n)
  ORDER BY e.n`;

function auditValues(e: AuditEntry): (string | number | string[] | null)[] {
  return [
    e.hromadaId,
    e.actorId ?? null,
    e.actorLabel ?? null,
    e.action,
    e.operation,
    e.entityType ?? null,
    e.entityId ?? null,
    e.fields ?? [],
    e.reason ?? null,
    e.ip ?? null,
    e.requestId ?? null,
  ];
}

export interface ChainBreak {
  chain: number;
  /** The lane of the chain (decision 0005 addendum, issue 15); 0 for entries written before lanes. */
  lane: number;
  seq: number;
  id: number;
  problem: 'hash' | 'link' | 'gap';
}

/**
 * Recomputes every chain (or the one asked for), lane by lane, from its first entry and reports each entry whose hash
 * does not match its content, whose link does not match the previous hash, or whose sequence number skips. Run as the
 * owner (all chains are visible).
 */
export async function verifyAuditChain(
  db: Queryable,
  onlyChain?: number,
): Promise<{ entries: number; breaks: ChainBreak[] }> {
  const { rows } = await db.query<{
    id: string;
    chain: number;
    lane: number;
    seq: string;
    prev_hash: string;
    hash: string;
    computed: string;
  }>(
    `SELECT id, chain, lane, seq, prev_hash, hash,
            encode(sha256(convert_to(audit_canonical(a), 'UTF8')), 'hex') AS computed
     FROM audit_log a WHERE $1::int IS NULL OR chain = $1 ORDER BY chain, lane, seq`,
    [onlyChain ?? null],
  );
  const breaks: ChainBreak[] = [];
  let chain = -1;
  let lane = -1;
  let prevHash = '';
  let prevSeq = 0;
  for (const r of rows) {
    const seq = Number(r.seq);
    if (r.chain !== chain || r.lane !== lane) {
      chain = r.chain;
      lane = r.lane;
      prevHash = '0'.repeat(64);
      prevSeq = 0;
    }
    const at = { chain, lane, seq, id: Number(r.id) };
    if (seq !== prevSeq + 1) breaks.push({ ...at, problem: 'gap' });
    if (r.prev_hash !== prevHash) breaks.push({ ...at, problem: 'link' });
    if (r.computed !== r.hash) breaks.push({ ...at, problem: 'hash' });
    prevHash = r.hash;
    prevSeq = seq;
  }
  return { entries: rows.length, breaks };
}

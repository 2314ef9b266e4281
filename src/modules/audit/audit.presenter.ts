import type { TFunction } from 'i18next';
import type { AuditRow } from './audit.queries.js';
import { shownReason } from './audit.batch.js';
import { OPERATIONS, type AuditQuery } from './audit.schema.js';

export function presentEntry(r: AuditRow, t: TFunction) {
  return {
    id: r.id,
    at: r.at,
    who: r.username ?? r.actor_label ?? t('audit.system'),
    action: r.action,
    operation: t(`audit.operation.${r.operation}`),
    entity: [r.entity_type, r.entity_id].filter(Boolean).join(' '),
    fields: r.fields.join(', '),
    reason: shownReason(r.reason) ?? '',
    ip: r.ip ?? '',
    requestId: r.request_id ?? '',
  };
}

/** Links to newer and older pages, keeping the filters. */
export function auditPagination(q: AuditQuery, rows: AuditRow[], more: boolean, t: TFunction) {
  const base = new URLSearchParams();
  for (const k of ['from', 'to', 'actor', 'entityType', 'entityId', 'operation'] as const) if (q[k]) base.set(k, q[k]);
  const href = (cursor: 'before' | 'after', id: string) => {
    const p = new URLSearchParams(base);
    p.set(cursor, id);
    return `/audit?${p.toString()}`;
  };
  const first = rows[0]?.id;
  const last = rows[rows.length - 1]?.id;
  const paged = q.after !== undefined && q.before === undefined;
  const hasOlder = paged ? last !== undefined : more && last !== undefined;
  const hasNewer = paged ? more && first !== undefined : q.before !== undefined && first !== undefined;
  if (!hasOlder && !hasNewer) return null;
  return {
    previous: hasNewer && first ? { href: href('after', first), labelText: t('audit.newer') } : undefined,
    next: hasOlder && last ? { href: href('before', last), labelText: t('audit.older') } : undefined,
  };
}

export function filterOptions(q: AuditQuery, actors: { id: string; username: string; display_name: string }[], t: TFunction) {
  return {
    actorItems: [{ value: '', text: t('audit.anyone') },
      ...actors.map((a) => ({ value: a.id, text: `${a.username} — ${a.display_name}`, selected: a.id === q.actor }))],
    operationItems: [{ value: '', text: t('audit.anyOperation') },
      ...OPERATIONS.map((o) => ({ value: o, text: t(`audit.operation.${o}`), selected: o === q.operation }))],
  };
}

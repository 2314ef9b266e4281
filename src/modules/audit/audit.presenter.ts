import type { TFunction } from 'i18next';
import type { AuditRow } from './audit.queries.js';
import { shownReason } from './audit.batch.js';
import { ENTITY_TYPES, OPERATIONS, type AuditQuery } from './audit.schema.js';

/**
 * An action code in words: each part of the code (`person.view.api` → person, view, api) by the
 * dictionary `audit.act`, joined with « · » (Особа · перегляд · API). A part without a word stays as it is.
 */
export function actionText(code: string, t: TFunction): string {
  return code
    .split('.')
    .map((part) => t(`audit.act.${part}`, { defaultValue: part }))
    .join(' · ');
}

/** A record type in words (`audit.entityTypes`, `person.batch` → «особа · пакет імпорту»); an unknown part stays as it is. */
export const entityTypeText = (type: string, t: TFunction) =>
  type
    .split('.')
    .map((part) => t(`audit.entityTypes.${part}`, { defaultValue: part }))
    .join(' · ');

/** A reason in words: the counts the app writes (`results:3`, `count:2`) are said in Ukrainian; other reasons are people's text. */
function reasonText(reason: string | null, t: TFunction): string {
  const shown = shownReason(reason) ?? '';
  const m = /^(results|count|members):(\d+)$/.exec(shown);
  return m ? t(`audit.reasonCount.${m[1]}`, { count: Number(m[2]) }) : shown;
}

export function presentEntry(r: AuditRow, t: TFunction) {
  return {
    id: r.id,
    at: r.at,
    who: r.username ?? r.actor_label ?? t('audit.system'),
    action: actionText(r.action, t),
    operation: t(`audit.operation.${r.operation}`),
    entity: [r.entity_type ? entityTypeText(r.entity_type, t) : null, r.entity_id].filter(Boolean).join(' '),
    fields: r.fields.join(', '),
    reason: reasonText(r.reason, t),
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
    previous:
      hasNewer && first
        ? { href: href('after', first), text: t('audit.previousPage'), labelText: t('audit.newer') }
        : undefined,
    next:
      hasOlder && last
        ? { href: href('before', last), text: t('audit.nextPage'), labelText: t('audit.older') }
        : undefined,
  };
}

export function filterOptions(
  q: AuditQuery,
  actors: { id: string; username: string; display_name: string }[],
  t: TFunction,
) {
  return {
    actorItems: [
      { value: '', text: t('audit.anyone') },
      ...actors.map((a) => ({ value: a.id, text: `${a.username} — ${a.display_name}`, selected: a.id === q.actor })),
    ],
    entityTypeItems: [
      { value: '', text: t('audit.anyType') },
      ...[
        ...ENTITY_TYPES,
        ...(q.entityType && !(ENTITY_TYPES as readonly string[]).includes(q.entityType) ? [q.entityType] : []),
      ].map((e) => ({ value: e, text: entityTypeText(e, t), selected: e === q.entityType })),
    ],
    operationItems: [
      { value: '', text: t('audit.anyOperation') },
      ...OPERATIONS.map((o) => ({ value: o, text: t(`audit.operation.${o}`), selected: o === q.operation })),
    ],
  };
}

import type { TFunction } from 'i18next';
import type { Db } from '../../../platform/db.js';
import { formatDateTime } from '../../../platform/i18n.js';
import { AppError } from '../../../platform/errors.js';
import { findServiceCard } from '../catalogue.queries.js';
import { changedFields, fieldText, snapshotOf, type Snapshot } from '../service-snapshot.js';

interface HistoryRow {
  version: number; changed_at: Date; reason: string | null; snapshot: Partial<Snapshot>; display_name: string | null;
}

/**
 * Versions of a service card, newest first: who changed it, when, why, and which fields
 * (each compared with the next version, the newest with the current card), with old values.
 */
export async function viewServiceHistory(db: Db, hromadaId: number, id: string, t: TFunction) {
  return db.tx({ hromadaId }, async (c) => {
    const card = await findServiceCard(c, id);
    if (!card) throw new AppError('not_found');
    const { rows } = await c.query<HistoryRow>(
      `SELECT h.version, h.changed_at, h.reason, h.snapshot, u.display_name
       FROM service_history h LEFT JOIN users u ON u.id = h.changed_by
       WHERE h.service_id = $1 ORDER BY h.version DESC`, [id]);
    const current = snapshotOf(card);
    const changes = rows.map((row, i) => {
      const after = i === 0 ? current : rows[i - 1].snapshot;
      const fields = changedFields(row.snapshot, after);
      return {
        from: row.version,
        to: row.version + 1,
        at: formatDateTime(row.changed_at),
        by: row.display_name ?? t('catalogue.history.unknownUser'),
        reason: row.reason,
        fields: fields.map((f) => ({
          label: t(`catalogue.field.${f}`), before: fieldText(t, f, row.snapshot), after: fieldText(t, f, after),
        })),
      };
    });
    return { card, changes };
  });
}

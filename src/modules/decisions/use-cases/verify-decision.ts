import type { Services } from '../../../services.js';
import { formatDate } from '../../../platform/i18n.js';
import { verifyByHash, type DecisionKind } from '../decisions.queries.js';
import { TOKEN, tokenHash } from '../decisions.token.js';

export interface VerificationView { number: string; date: string; kind: DecisionKind }

/** A valid (not revoked) decision for a verification token, with only its number, date and kind; else null. */
export async function verifyDecision(services: Pick<Services, 'db'>, token: string): Promise<VerificationView | null> {
  if (!TOKEN.test(token)) return null;
  const d = await services.db.tx({ hromadaId: null }, (c) => verifyByHash(c, tokenHash(token)));
  if (!d || d.revoked_at) return null;
  return { number: d.number, date: formatDate(d.issued_at), kind: d.kind };
}

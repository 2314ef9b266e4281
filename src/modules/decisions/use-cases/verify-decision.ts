import type { Services } from '../../../services.js';
import { formatDate } from '../../../platform/i18n.js';
import { verifyByHash, type DecisionKind } from '../decisions.queries.js';
import { TOKEN, tokenHash } from '../decisions.token.js';

export interface VerificationView {
  number: string;
  date: string;
  kind: DecisionKind;
}

/** A valid (not revoked) decision for a verification token, with only its number, date and kind; else null. Public. */
export async function verifyDecision(o: {
  services: Pick<Services, 'db'>;
  token: string;
}): Promise<VerificationView | null> {
  if (!TOKEN.test(o.token)) return null;
  const d = await o.services.db.tx({ hromadaId: null }, (c) => verifyByHash(c, tokenHash(o.token)));
  if (!d || d.revoked_at) return null;
  return { number: d.number, date: formatDate(d.issued_at), kind: d.kind };
}

import type { PoolClient } from 'pg';
import type { SecretBox } from '../../../platform/secret-box.js';
import { insertDecision, type DecisionKind } from '../decisions.queries.js';
import { decisionNumber, newVerificationToken, tokenHash } from '../decisions.token.js';

/**
 * Called by the application's status effects when it is granted or refused, in the same
 * transaction: records the decision document with its number and a fresh verification token
 * (stored as its hash for the public page, and sealed for drawing the QR code).
 */
export async function issueDecision(
  c: PoolClient,
  box: SecretBox | undefined,
  o: {
    hromadaId: number;
    applicationId: string;
    registrationNumber: string;
    kind: DecisionKind;
  },
): Promise<{ id: string; number: string }> {
  if (!box) throw new Error('issuing a decision needs the secret box (services.box)');
  const token = newVerificationToken();
  const number = decisionNumber(o.registrationNumber);
  const id = await insertDecision(c, {
    hromadaId: o.hromadaId,
    applicationId: o.applicationId,
    number,
    kind: o.kind,
    hash: tokenHash(token),
    sealed: box.seal(token),
  });
  return { id, number };
}

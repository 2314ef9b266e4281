import type { DecisionIssuer } from '../applications/applications.hooks.js';
import { insertDecision } from './decisions.queries.js';
import { decisionNumber, newVerificationToken, tokenHash } from './decisions.token.js';

/**
 * The applications module's `applicationDecisionIssuer`: when an application is granted or refused,
 * records the decision document in the command's transaction, with its number and a fresh verification
 * token (stored as its hash for the public page, and sealed for drawing the QR code).
 */
export const issueDecision: DecisionIssuer = async (c, o) => {
  const token = newVerificationToken();
  const number = decisionNumber(o.registrationNumber);
  const id = await insertDecision(c, {
    hromadaId: o.hromadaId,
    applicationId: o.applicationId,
    number,
    kind: o.kind,
    hash: tokenHash(token),
    sealed: o.box.seal(token),
  });
  return { id, number };
};

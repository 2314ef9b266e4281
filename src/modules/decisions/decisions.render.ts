import type { PoolClient } from 'pg';
import type { Services } from '../../services.js';
import { publicOrigin } from '../../platform/http.js';
import { currentDecision, loadDecisionSubject, loadHromadaDetails } from './decisions.queries.js';
import { drawDecision } from './decisions.pdf.js';

/** Where the QR code points: PUBLIC_URL, else the origin the caller gives, else the server's own address. */
export function verificationOrigin(services: Pick<Services, 'config'>, requestOrigin?: string): string {
  return publicOrigin(services.config, requestOrigin);
}

export interface RenderedDecision {
  pdf: Buffer;
  number: string;
  issuedAt: Date;
  ms: number;
}

/**
 * The decision document of an application as a PDF, or null when it has no valid decision.
 * No permission check and no audit entry: the caller (staff route, resident cabinet) checks
 * who may see the application and records the read in the same transaction `c`, which must
 * be in the application's hromada.
 */
export async function renderDecisionPdf(
  services: Pick<Services, 'box' | 'config'>,
  c: PoolClient,
  applicationId: string,
  requestOrigin?: string,
): Promise<RenderedDecision | null> {
  const started = performance.now();
  const decision = await currentDecision(c, applicationId);
  const a = decision ? await loadDecisionSubject(c, applicationId) : null;
  if (!decision || !a || !a.registration_number) return null;
  const token = services.box.open(decision.verification_sealed);
  const pdf = await drawDecision({
    hromada: await loadHromadaDetails(c, a.hromada_id),
    number: decision.number,
    kind: decision.kind,
    issuedAt: decision.issued_at,
    registrationNumber: a.registration_number,
    registeredOn: a.registered_on,
    deadline: a.deadline,
    personName: a.person_name,
    serviceName: a.service_name,
    note: a.decision,
    refusalReason: a.refusal_reason,
    decidedBy: a.decided_by_name,
    verifyUrl: `${verificationOrigin(services, requestOrigin)}/verify/${token}`,
  });
  return { pdf, number: decision.number, issuedAt: decision.issued_at, ms: performance.now() - started };
}

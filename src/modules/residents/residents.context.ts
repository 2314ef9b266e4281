import type { FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { sha256Hex } from '../../platform/secrets.js';
import { publicOrigin } from '../../platform/http.js';
import type { AuditActor } from '../../platform/audit.js';

/**
 * The origin links in e-mails and the OIDC redirect point to: PUBLIC_URL when configured
 * (production must set it, so a forged Host header cannot redirect links), else the request's origin.
 */
export function publicBaseUrl(services: Services, req: FastifyRequest): string {
  return publicOrigin(services.config, `${req.protocol}://${req.host}`);
}

/** A resident as the actor of their own account's events: the audit names them by id only, with no label. */
export const residentActor = (userId: string): AuditActor => ({ userId, displayName: null, hromadaId: null });

/** Keys for counting attempts per address without storing the address. */
export const loginKey = (email: string) => sha256Hex(`resident-login:${email.toLowerCase()}`);
export const mailKey = (email: string) => sha256Hex(`resident-mail:${email.toLowerCase()}`);

/** At most this many e-mails of this module per address and hour (no mail bombing through the forms). */
export const MAILS_PER_HOUR = 5;

export type ResidentServices = Pick<Services, 'db' | 'jobs' | 'config' | 'sessions' | 'box' | 'keys'>;

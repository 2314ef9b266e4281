import type { FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.js';
import { AppError } from '../../platform/errors.js';
import { ISSUER } from './second-factor.js';

/** The WebAuthn relying party: which site a passkey belongs to and the origin the browser must report. */
export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

/**
 * From PUBLIC_URL when it is set (production behind a proxy), otherwise from the request's
 * own host (localhost in development and tests). Passkeys are bound to this host name.
 */
export function relyingParty(config: Config, req: FastifyRequest): RelyingParty {
  try {
    const url = new URL(config.PUBLIC_URL || `${req.protocol}://${req.host}`);
    return { id: url.hostname, origin: url.origin, name: ISSUER };
  } catch {
    throw new AppError('bad_request');
  }
}

import {
  verifyRegistrationResponse,
  type RegistrationResponseJSON,
  type VerifiedRegistrationResponse,
} from '@simplewebauthn/server';
import type { Services } from '../../../services.js';
import type { Actor } from '../../../platform/policy.js';
import type { SessionRecord } from '../../../platform/session.js';
import { AppError } from '../../../platform/errors.js';
import { authActor } from '../auth.context.js';
import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { findUserById } from '../auth.queries.js';
import { countPasskeys, insertPasskey, takeChallenge } from '../passkeys.queries.js';
import { MAX_PASSKEYS, mayUsePasskeys } from '../passkeys.policy.js';
import type { RelyingParty } from '../passkeys.rp.js';

export type FinishRegistrationResult =
  { ok: true } | { ok: false; error: 'passkeyExpired' | 'passkeyFailed' | 'passkeyExists' | 'passkeyLimit' };

/**
 * Second half of adding a passkey: the browser's answer must match this session's challenge
 * (taken, so it works once), this site and origin. The new key is stored under the name the
 * user gave when the ceremony started. Success and failure are audited.
 */
export async function finishPasskeyRegistration(o: {
  services: Services;
  actor: Actor;
  session: SessionRecord;
  response: RegistrationResponseJSON | null;
  rp: RelyingParty;
  meta: RequestMeta;
}): Promise<FinishRegistrationResult> {
  const { services, actor, meta } = o;
  if (!(await mayUsePasskeys(services.db, actor.userId))) throw new AppError('forbidden');
  const user = await findUserById(services.db, actor.userId);
  if (!user) throw new AppError('forbidden');
  const hromadaId = actor.hromadaId ?? user.homeHromadaId;
  return services.db.tx({ hromadaId, userId: user.id }, async (c) => {
    const fail = async (error: 'passkeyExpired' | 'passkeyFailed' | 'passkeyExists' | 'passkeyLimit') => {
      await auditWriter(c, authActor(user), meta, { hromadaId })({
        action: 'auth.passkey.add.failed',
        operation: 'auth',
        entityType: 'user',
        entityId: user.id,
        reason: error,
      });
      return { ok: false as const, error };
    };
    const challenge = await takeChallenge(c, o.session.idHash, 'register');
    if (!challenge || !challenge.credentialName) return fail('passkeyExpired');
    if (!o.response) return fail('passkeyFailed');
    let verified: VerifiedRegistrationResponse;
    try {
      verified = await verifyRegistrationResponse({
        response: o.response,
        expectedChallenge: challenge.challenge,
        expectedOrigin: o.rp.origin,
        expectedRPID: o.rp.id,
        requireUserVerification: false,
      });
    } catch {
      return fail('passkeyFailed');
    }
    if (!verified.verified) return fail('passkeyFailed');
    if ((await countPasskeys(c, user.id)) >= MAX_PASSKEYS) return fail('passkeyLimit');
    const info = verified.registrationInfo;
    const id = await insertPasskey(c, {
      userId: user.id,
      credentialId: info.credential.id,
      publicKey: info.credential.publicKey,
      counter: info.credential.counter,
      transports: info.credential.transports ?? [],
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      name: challenge.credentialName,
    });
    if (!id) return fail('passkeyExists');
    await auditWriter(c, authActor(user), meta, { hromadaId })({
      action: 'auth.passkey.add',
      operation: 'auth',
      entityType: 'user',
      entityId: user.id,
      fields: ['passkey'],
    });
    return { ok: true as const };
  });
}

import { verifyAuthenticationResponse, type AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Services } from '../../../services.js';
import type { SessionRecord } from '../../../platform/session.js';
import type { SessionPort } from '../auth.context.js';
import type { RequestMeta } from '../../../platform/audit.js';
import { deleteSession } from '../auth.queries.js';
import { findCredential, takeChallenge, usePasskey } from '../passkeys.queries.js';
import { mayUsePasskeys } from '../passkeys.policy.js';
import type { RelyingParty } from '../passkeys.rp.js';
import { afterLoginPath, completeLogin, failSecondFactor, pendingStaffUser } from '../login-steps.js';
import type { SecondFactorResult } from './verify-second-factor.js';

/**
 * The second step of an administrator's login with a passkey instead of a TOTP code.
 * The assertion must answer this pending session's challenge (taken, so it works once),
 * come from one of the user's own keys, for this site and origin, with a signature counter
 * that moved on. Anything else is a failed second factor: it counts toward the lockout like
 * a wrong code, and when the account locks the pending session ends. Success completes the
 * login exactly as a TOTP code does (audit `auth.login`, reason `passkey`, new session).
 */
export async function verifyPasskeyLogin(o: {
  services: Services;
  pending: SessionRecord;
  response: AuthenticationResponseJSON | null;
  rp: RelyingParty;
  meta: RequestMeta;
  session: SessionPort;
}): Promise<SecondFactorResult | { ok: false; forbidden: true }> {
  const { services, pending, meta } = o;
  const user = await pendingStaffUser(services, pending.userId);
  if (!user || !user.totpEnabled) return { ok: false, ended: false };
  if (!(await mayUsePasskeys(services.db, user.id))) return { ok: false, forbidden: true };
  return services.db.tx({ hromadaId: pending.hromadaId ?? user.homeHromadaId, userId: user.id }, async (c) => {
    if (!user.active || user.locked) {
      await failSecondFactor(c, services, {
        user,
        hromadaId: pending.hromadaId,
        reason: user.active ? 'locked' : 'inactive',
        meta,
      });
      await deleteSession(c, pending.idHash);
      return { ok: false, ended: true };
    }
    const challenge = await takeChallenge(c, pending.idHash, 'login');
    const credential = o.response ? await findCredential(c, user.id, o.response.id) : null;
    let newCounter: number | null = null;
    if (challenge && credential && o.response) {
      try {
        const v = await verifyAuthenticationResponse({
          response: o.response,
          expectedChallenge: challenge.challenge,
          expectedOrigin: o.rp.origin,
          expectedRPID: o.rp.id,
          requireUserVerification: false,
          credential: {
            id: credential.credentialId,
            publicKey: credential.publicKey,
            counter: credential.counter,
            transports: credential.transports,
          },
        });
        if (v.verified) newCounter = v.authenticationInfo.newCounter;
      } catch {
        newCounter = null;
      }
    }
    if (newCounter === null || !credential || !(await usePasskey(c, credential.id, credential.counter, newCounter))) {
      const { locked } = await failSecondFactor(c, services, {
        user,
        hromadaId: pending.hromadaId,
        reason: 'passkey',
        meta,
      });
      if (locked) await deleteSession(c, pending.idHash);
      return { ok: false, ended: locked };
    }
    await completeLogin(c, { user, hromadaId: pending.hromadaId, method: 'passkey', meta, session: o.session });
    return { ok: true, next: afterLoginPath(user) };
  });
}

import { generateRegistrationOptions, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import type { Services } from '../../../services.js';
import type { Actor } from '../../../platform/policy.js';
import type { SessionRecord } from '../../../platform/session.js';
import { AppError, problem } from '../../../platform/errors.js';
import { verifyPassword } from '../../../platform/passwords.js';
import type { RequestMeta } from '../../../platform/audit.js';
import { E } from '../auth.schema.js';
import { findUserById } from '../auth.queries.js';
import { listCredentials, saveChallenge } from '../passkeys.queries.js';
import { MAX_PASSKEYS, mayUsePasskeys } from '../passkeys.policy.js';
import type { RelyingParty } from '../passkeys.rp.js';
import { failCurrentPassword } from './fail-current-password.js';

export type StartRegistrationResult =
  { ok: true; options: PublicKeyCredentialCreationOptionsJSON } | { ok: false; locked: true };

/**
 * First half of adding a passkey: the current password is checked (a wrong one counts toward
 * the lockout, as for recovery codes), then a single-use challenge is stored for this session
 * and the browser gets the creation options. A wrong password (not locked yet) or a full set of
 * keys is a `ValidationError`.
 */
export async function startPasskeyRegistration(o: {
  services: Services;
  actor: Actor;
  session: SessionRecord;
  currentPassword: string;
  name: string;
  rp: RelyingParty;
  meta: RequestMeta;
}): Promise<StartRegistrationResult> {
  const { services, actor, meta } = o;
  if (!(await mayUsePasskeys(services.db, actor.userId))) throw new AppError('forbidden');
  const user = await findUserById(services.db, actor.userId);
  if (!user || !user.username) throw new AppError('forbidden');
  const hromadaId = actor.hromadaId ?? user.homeHromadaId;
  if (!(await verifyPassword(user.passwordHash, o.currentPassword))) {
    const { locked } = await services.db.tx({ hromadaId, userId: user.id }, (c) =>
      failCurrentPassword(c, services, { user, hromadaId, action: 'auth.passkey.add.failed', meta }),
    );
    if (locked) return { ok: false, locked: true };
    throw problem('passkeyPassword', E('currentWrong'));
  }
  const existing = await listCredentials(services.db, user.id);
  if (existing.length >= MAX_PASSKEYS) throw problem('passkeyName', E('passkeyLimit'));
  const options = await generateRegistrationOptions({
    rpName: o.rp.name,
    rpID: o.rp.id,
    userName: user.username,
    userDisplayName: user.displayName,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await saveChallenge(services.db, {
    sessionHash: o.session.idHash,
    purpose: 'register',
    challenge: options.challenge,
    credentialName: o.name,
  });
  return { ok: true, options };
}

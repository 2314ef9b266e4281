import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { Services } from '../../../services.js';
import type { SessionRecord } from '../../../platform/session.js';
import { listCredentials, saveChallenge } from '../passkeys.queries.js';
import { mayUsePasskeys } from '../passkeys.policy.js';
import type { RelyingParty } from '../passkeys.rp.js';
import { pendingStaffUser } from '../login-steps.js';

/**
 * The second login step with a passkey, first half: for an administrator whose password
 * passed and who has passkeys, a single-use challenge bound to the pending session and the
 * request options listing their keys. Null for everyone else.
 */
export async function startPasskeyLogin(o: {
  services: Services;
  pending: SessionRecord;
  rp: RelyingParty;
}): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const { services, pending } = o;
  const user = await pendingStaffUser(services, pending.userId);
  if (!user || !user.totpEnabled || !(await mayUsePasskeys(services.db, user.id))) return null;
  const credentials = await listCredentials(services.db, user.id);
  if (!credentials.length) return null;
  const options = await generateAuthenticationOptions({
    rpID: o.rp.id,
    allowCredentials: credentials.map((c) => ({ id: c.credentialId, transports: c.transports })),
    userVerification: 'preferred',
  });
  await saveChallenge(services.db, { sessionHash: pending.idHash, purpose: 'login', challenge: options.challenge });
  return options;
}

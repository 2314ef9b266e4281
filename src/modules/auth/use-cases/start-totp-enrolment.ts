import type { Services } from '../../../services.js';
import { findUserById, setPendingTotpSecret } from '../auth.queries.js';
import { groupSecret, newTotpSecret, qrDataUrl, totpUri } from '../second-factor.js';

export interface EnrolmentView {
  qrDataUrl: string;
  secret: string;
  account: string;
}

/**
 * First login of a staff member without TOTP: a secret is generated once and stored
 * sealed (not yet enabled); reloading the page shows the same one. Null when the
 * account already has TOTP on (enrolment cannot replace it from a half-signed-in session).
 */
export async function startTotpEnrolment(o: { services: Services; userId: string }): Promise<EnrolmentView | null> {
  const { services } = o;
  let user = await findUserById(services.db, o.userId);
  if (!user || user.kind !== 'staff' || !user.active || user.totpEnabled) return null;
  if (!user.totpSecret) {
    await setPendingTotpSecret(services.db, user.id, services.box.seal(newTotpSecret()));
    user = await findUserById(services.db, o.userId);
    if (!user?.totpSecret || user.totpEnabled) return null;
  }
  const secret = services.box.open(user.totpSecret);
  const account = user.username ?? user.id;
  return { qrDataUrl: await qrDataUrl(totpUri(account, secret)), secret: groupSecret(secret), account };
}

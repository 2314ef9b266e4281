import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { hmacHex } from '../../../platform/secrets.js';
import {
  deleteSessionsOfUser,
  findIdentity,
  findUserByEmail,
  findUserById,
  insertIdentity,
  insertResident,
  markEmailVerified,
  setPassword,
  updateIdentityClaims,
} from '../residents.queries.js';
import { emailForm } from '../residents.schema.js';
import type { ProviderClaims } from '../residents.oidc.js';
import { residentActor, type ResidentServices } from '../residents.context.js';
import { ensureProfile } from '../profile/profile.queries.js';

export type OidcSignInResult =
  | { kind: 'ok'; userId: string; locale: string; outcome: 'login' | 'link' | 'create' }
  | { kind: 'noEmail' }
  | { kind: 'emailTaken' }
  | { kind: 'inactive' };

/**
 * What is stored with the identity: subject, e-mail and name only; a tax number (РНОКПП) is kept
 * encrypted, with a keyed hash for later matching to the registry, never in clear.
 */
function storedClaims(s: Pick<ResidentServices, 'box' | 'keys'>, c: ProviderClaims) {
  return {
    sub: c.sub,
    email: c.email,
    email_verified: c.emailVerified,
    name: c.name,
    ...(c.rnokpp
      ? { rnokpp_hash: hmacHex(s.keys.lookup, `rnokpp:${c.rnokpp}`), rnokpp_sealed: s.box.seal(c.rnokpp) }
      : {}),
  };
}

/**
 * Signs in through an external identity: the known (issuer, subject) wins; otherwise a resident
 * whose address the provider has verified is linked; otherwise a new resident is created.
 * Linking to an account whose address was never verified wipes its password and sessions, so
 * whoever registered the address in advance cannot keep access (account pre-hijacking).
 */
export async function signInWithOidc(o: {
  services: Pick<ResidentServices, 'db' | 'box' | 'keys'>;
  issuer: string;
  claims: ProviderClaims;
  locale: string;
  meta: RequestMeta;
}): Promise<OidcSignInResult> {
  const { claims, issuer } = o;
  const stored = storedClaims(o.services, claims);
  const email = claims.email && emailForm.safeParse({ email: claims.email }).success ? claims.email : null;
  return o.services.db.tx({ hromadaId: null }, async (c): Promise<OidcSignInResult> => {
    const audit = (action: string, userId: string, fields: string[] = []) =>
      auditWriter(
        c,
        residentActor(userId),
        o.meta,
      )({
        action,
        operation: 'auth',
        entityType: 'user',
        entityId: userId,
        fields,
        reason: new URL(issuer).host,
      });
    const identity = await findIdentity(c, issuer, claims.sub);
    if (identity) {
      const user = await findUserById(c, identity.user_id);
      if (!user || user.kind !== 'resident' || !user.active) return { kind: 'inactive' };
      await updateIdentityClaims(c, identity.id, stored);
      await audit('resident.oidc_login', user.id);
      return { kind: 'ok', userId: user.id, locale: user.locale, outcome: 'login' };
    }
    if (!email) return { kind: 'noEmail' };
    const existing = await findUserByEmail(c, email);
    if (existing) {
      if (!claims.emailVerified || existing.kind !== 'resident' || !existing.active) return { kind: 'emailTaken' };
      const wipe = !existing.email_verified_at;
      if (wipe) {
        await setPassword(c, existing.id, null);
        await deleteSessionsOfUser(c, existing.id);
        await markEmailVerified(c, existing.id);
      }
      await insertIdentity(c, { userId: existing.id, issuer, subject: claims.sub, claims: stored });
      await ensureProfile(c, existing.id);
      await audit('resident.oidc_link', existing.id, [
        'user_identities',
        ...(wipe ? ['password_hash', 'email_verified_at'] : []),
      ]);
      return { kind: 'ok', userId: existing.id, locale: existing.locale, outcome: 'link' };
    }
    const userId = await insertResident(c, {
      email,
      displayName: claims.name ?? email.split('@')[0],
      passwordHash: null,
      locale: o.locale,
      verified: claims.emailVerified,
    });
    if (!userId) return { kind: 'emailTaken' };
    await insertIdentity(c, { userId, issuer, subject: claims.sub, claims: stored });
    await ensureProfile(c, userId);
    await audit('resident.oidc_create', userId, ['display_name', 'email', 'user_identities']);
    return { kind: 'ok', userId, locale: o.locale, outcome: 'create' };
  });
}

import { insertToken, retireTokens, tokenOpen, useToken, type Queryable } from './residents.queries.js';
import { randomToken, sha256Hex } from '../../platform/secrets.js';

export type TokenPurpose = 'verify_email' | 'reset_password';

/** Verification links live 24 hours, reset links 1 hour. */
export const TOKEN_TTL_MINUTES: Record<TokenPurpose, number> = { verify_email: 24 * 60, reset_password: 60 };

/** Issues a one-time token: 32 random bytes for the link, only its SHA-256 in the database. */
export async function issueToken(q: Queryable, userId: string, purpose: TokenPurpose): Promise<string> {
  const token = randomToken(32);
  await insertToken(q, { hash: sha256Hex(token), userId, purpose, minutes: TOKEN_TTL_MINUTES[purpose] });
  return token;
}

/**
 * Uses a token once: atomically marks it used when it is unused and unexpired, and retires every
 * other open token of the same purpose for that user. Returns the user id, or null.
 */
export async function consumeToken(q: Queryable, token: string, purpose: TokenPurpose): Promise<string | null> {
  const userId = await useToken(q, sha256Hex(token), purpose);
  if (userId) await retireTokens(q, userId, purpose);
  return userId;
}

/** Whether a token could be used now (for showing the reset form before it is submitted). */
export async function tokenUsable(q: Queryable, token: string, purpose: TokenPurpose): Promise<boolean> {
  return tokenOpen(q, sha256Hex(token), purpose);
}

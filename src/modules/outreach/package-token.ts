/**
 * The token that binds an offline package to its worker and trip: `<package id>.<HMAC>` over the package id, the trip,
 * the worker and the expiry, under a key derived from the server's master secret. A token changed in any part fails the
 * check; the package's row says whether it is still open (a newer package or the trip's end closes it).
 */
import crypto from 'node:crypto';
import { isUuid } from '../../platform/ids.js';

export interface PackageClaims {
  packageId: string;
  tripId: string;
  workerId: string;
  expiresAt: Date;
}

const mac = (key: Buffer, c: PackageClaims) =>
  crypto
    .createHmac('sha256', key)
    .update(`outreach-package\n${c.packageId}\n${c.tripId}\n${c.workerId}\n${c.expiresAt.toISOString()}`)
    .digest('base64url');

export const signPackage = (key: Buffer, c: PackageClaims) => `${c.packageId}.${mac(key, c)}`;

/** The package id a token names (null: not a token's shape); the signature is checked against the stored row. */
export function packageIdOf(token: string | undefined): string | null {
  const [id, sig, ...rest] = (token ?? '').split('.');
  return rest.length === 0 && isUuid(id) && /^[A-Za-z0-9_-]{43}$/.test(sig ?? '') ? id : null;
}

export function packageTokenValid(key: Buffer, token: string, c: PackageClaims): boolean {
  const expected = Buffer.from(signPackage(key, c));
  const given = Buffer.from(token);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/**
 * A sync refused as a whole (the device keeps every unsent operation): another worker's package (403), a token changed
 * or a package closed by a newer one or by the trip's end — a replay (409), an expired package (410).
 */
export class PackageRefusal extends Error {
  constructor(
    readonly status: 403 | 409 | 410,
    readonly messageKey: string,
  ) {
    super(messageKey);
  }
}

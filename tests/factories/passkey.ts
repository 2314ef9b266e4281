import crypto from 'node:crypto';
import type { TestApp } from '../helpers/app.js';
import { insertPasskey } from '../../src/modules/auth/passkeys.queries.js';

export interface PasskeyOptions {
  /** What the user called the key (`Ключ` by default). */
  name?: string;
  /** base64url, unique; generated when not given. */
  credentialId?: string;
}

/**
 * A passkey of a staff member, stored as the registration ceremony stores one (the auth module's
 * `insertPasskey`), with a public key nothing signs for: the second-factor page offers the passkey,
 * but no browser authenticator holds it (use Chromium's virtual authenticator to register a working
 * one through the pages). Returns the passkey's id.
 */
export async function passkey(t: TestApp, userId: string, o: PasskeyOptions = {}): Promise<string> {
  const id = await insertPasskey(t.services.db, {
    userId,
    credentialId: o.credentialId ?? crypto.randomBytes(16).toString('base64url'),
    publicKey: new Uint8Array([0]),
    counter: 0,
    transports: [],
    deviceType: 'singleDevice',
    backedUp: false,
    name: o.name ?? 'Ключ',
  });
  if (!id) throw new Error(`passkey: credential ${o.credentialId} is taken`);
  return id;
}

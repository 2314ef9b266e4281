import { hashPassword } from '../../src/platform/passwords.js';

const hashes = new Map<string, Promise<string>>();

/**
 * The Argon2id hash of a factory's password, computed once per test process: the factories give most
 * accounts the same test password, and hashing it anew (about 0.1 s of CPU each) bought nothing.
 */
export function passwordHash(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

import crypto from 'node:crypto';
import type { PoolClient } from 'pg';
import type { Services } from '../../services.js';
import { hmacHex } from '../../platform/secrets.js';
import { insertStatusCode, sealedStatusCode } from './decisions.queries.js';

/** Letters and digits that cannot be mistaken for each other when read from paper (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 10;

/** A new check code: 10 symbols (≈ 49 bits), printed as two groups of five, e.g. «7KQ2M-XH4RB». */
export function newStatusCode(): string {
  const out: string[] = [];
  while (out.length < LENGTH) {
    const b = crypto.randomBytes(1)[0];
    if (b < ALPHABET.length * 8) out.push(ALPHABET[b % ALPHABET.length]);
  }
  return `${out.slice(0, 5).join('')}-${out.slice(5).join('')}`;
}

/** Cyrillic letters typed for the Latin ones they look like (a Ukrainian keyboard layout left on). */
const LOOKALIKE: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
};

/** The code as typed → its canonical form (upper case, look-alikes mapped, spaces and dashes dropped); null when it cannot be one. */
export function normaliseStatusCode(typed: string): string | null {
  const s = Array.from(typed.toUpperCase())
    .map((ch) => LOOKALIKE[ch] ?? ch)
    .join('')
    .replace(/[\s-]/g, '');
  if (s.length !== LENGTH || Array.from(s).some((ch) => !ALPHABET.includes(ch))) return null;
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** The registration number as typed → «СП-РРРР-NNNNNN» (Latin «SP»/«CP» accepted, spaces ignored); null otherwise. */
export function normaliseRegistrationNumber(typed: string): string | null {
  const s = typed
    .toUpperCase()
    .replace(/\s/g, '')
    .replace(/^(SP|CP|СP|CП)/, 'СП');
  const m = /^СП-?(\d{4})-?(\d{6})$/.exec(s);
  return m ? `СП-${m[1]}-${m[2]}` : null;
}

/** Only this keyed hash is looked up (the code itself is kept sealed). */
export const statusCodeHash = (services: Pick<Services, 'keys'>, code: string) =>
  hmacHex(services.keys.lookup, `status-code:${code}`);

/**
 * The check code of a registered application (made on first use, then always the same): the
 * receipt prints it. Runs in the application's tenant transaction.
 */
export async function statusCodeOf(
  services: Pick<Services, 'keys' | 'box'>,
  c: PoolClient,
  a: { hromadaId: number; applicationId: string; registrationNumber: string },
): Promise<string> {
  const found = await sealedStatusCode(c, a.applicationId);
  if (found) return services.box.open(found);
  const code = newStatusCode();
  if (await insertStatusCode(c, { ...a, hash: statusCodeHash(services, code), sealed: services.box.seal(code) }))
    return code;
  // Printed at the same moment by someone else: theirs is the code.
  const again = await sealedStatusCode(c, a.applicationId);
  if (!again) throw new Error('status code vanished');
  return services.box.open(again);
}

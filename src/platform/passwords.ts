import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** ~49k most common passwords (bundled with @zxcvbn-ts/language-common) plus local ones. */
const COMMON = new Set<string>([
  ...dictionary.passwords,
  'turbota',
  'turbota123',
  'пароль',
  'пароль123',
  'йцукен',
  'йцукенг',
  'qwertyui',
  'українa',
  'україна',
  'ukraine123',
]);

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common';

/** Why a new password is not acceptable, or null when it is. */
export function passwordProblem(pw: string, context: string[] = []): PasswordProblem | null {
  if (pw.length < PASSWORD_MIN) return 'tooShort';
  if (pw.length > PASSWORD_MAX) return 'tooLong';
  const lower = pw.toLowerCase();
  if (COMMON.has(lower) || COMMON.has(lower.replace(/\d+$/, '')) || /^(.)\1+$/.test(pw)) return 'common';
  if (context.some((c) => c.length >= 3 && lower.includes(c.toLowerCase()))) return 'common';
  return null;
}

export const hashPassword = (pw: string) => hash(pw, OPTIONS);

export async function verifyPassword(stored: string | null, pw: string): Promise<boolean> {
  if (!stored || pw.length > PASSWORD_MAX) return false;
  try {
    return await verify(stored, pw);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
let dummy: Promise<string> | null = null;
export function dummyHash() {
  dummy ??= hashPassword('dummy-password-for-timing');
  return dummy;
}

import { describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import {
  groupSecret,
  hashRecoveryCode,
  isTotpFormat,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  totpStep,
  totpUri,
} from './second-factor.js';

const codeAt = (secret: string, step: number) => authenticator.clone({ epoch: step * 30_000 }).generate(secret);

describe('second factor helpers', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 2, 5, 12, 0, 10);
  const step = Math.floor(now / 30_000);

  it('accepts a code of the current step and one step either side, and says which step it was', () => {
    expect(totpStep(secret, codeAt(secret, step), now)).toBe(step);
    expect(totpStep(secret, codeAt(secret, step - 1), now)).toBe(step - 1);
    expect(totpStep(secret, codeAt(secret, step + 1), now)).toBe(step + 1);
  });

  it('refuses codes two steps away and anything that is not six digits', () => {
    expect(totpStep(secret, codeAt(secret, step - 2), now)).toBeNull();
    expect(totpStep(secret, codeAt(secret, step + 2), now)).toBeNull();
    expect(totpStep(secret, 'abcdef', now)).toBeNull();
    expect(isTotpFormat('12345')).toBe(false);
    expect(isTotpFormat('123456')).toBe(true);
  });

  it('makes ten distinct recovery codes that hash the same however they are typed', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
    const key = Buffer.alloc(32, 7);
    expect(hashRecoveryCode(key, codes[0])).toBe(
      hashRecoveryCode(key, ` ${codes[0].toLowerCase().replace('-', ' ')} `),
    );
    expect(hashRecoveryCode(key, codes[0])).not.toBe(hashRecoveryCode(key, codes[1]));
    expect(hashRecoveryCode(Buffer.alloc(32, 8), codes[0])).not.toBe(hashRecoveryCode(key, codes[0]));
    expect(normaliseRecoveryCode('ab-cd e')).toBe('ABCDE');
  });

  it('shows the secret in groups of four and builds an otpauth address with the issuer', () => {
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
    const uri = totpUri('worker', secret);
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(decodeURIComponent(uri)).toContain('issuer=Турбота');
  });
});

import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacHex, sha256Hex } from './secrets.js';

// Stored token, session and link hashes were written with `createHash`: the one-shot hash must give the same text.
describe('sha256Hex', () => {
  it('gives the standard digest (FIPS 180-2 vector «abc»)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes text as UTF-8, as createHash did', () => {
    const text = 'tb_токен Кравченко Ірина ґ';
    expect(sha256Hex(text)).toBe(crypto.createHash('sha256').update(text).digest('hex'));
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('hmacHex', () => {
  it('gives the standard HMAC-SHA-256 (RFC 4231, test case 2)', () => {
    expect(hmacHex(Buffer.from('Jefe'), 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

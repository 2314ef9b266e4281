import crypto from 'node:crypto';
import { authenticator } from 'otplib';
import bwipjs from 'bwip-js';
import { hmacHex } from '../../platform/secrets.js';

/** TOTP time-step length in seconds (RFC 6238 default, what authenticator apps use). */
export const TOTP_STEP_SECONDS = 30;
/** One step of clock drift either way is accepted. */
const totp = authenticator.clone({ window: 1 });

export const ISSUER = 'Турбота';
export const RECOVERY_CODE_COUNT = 10;
/** Unambiguous letters and digits (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export const newTotpSecret = () => totp.generateSecret(20);

export const isTotpFormat = (code: string) => /^\d{6}$/.test(code);

/**
 * The time-step a 6-digit code belongs to when it is valid for `secret` now
 * (within the window), or null. The caller refuses steps already used (replay).
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  if (!isTotpFormat(code)) return null;
  const delta = totp.clone({ epoch: now }).checkDelta(code, secret);
  if (delta === null) return null;
  return Math.floor(now / 1000 / TOTP_STEP_SECONDS) + delta;
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(account: string, secret: string) {
  return totp.keyuri(account, ISSUER, secret);
}

/** A PNG data URL of the QR code (the CSP allows data: images); white quiet zone for phone cameras. */
export async function qrDataUrl(text: string): Promise<string> {
  const png = await bwipjs.toBuffer({
    bcid: 'qrcode',
    text,
    scale: 4,
    backgroundcolor: 'FFFFFF',
    paddingwidth: 8,
    paddingheight: 8,
  });
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** The secret in groups of four characters, easier to type into an app by hand. */
export const groupSecret = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/** Ten one-time recovery codes like `ABCDE-FGHJK` (50 bits each). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    for (let j = 0; j < 10; j++) s += ALPHABET[crypto.randomInt(ALPHABET.length)];
    codes.push(`${s.slice(0, 5)}-${s.slice(5)}`);
  }
  return codes;
}

/** Case, spaces and dashes do not matter when a recovery code is typed. */
export const normaliseRecoveryCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

/** Recovery codes are stored only as keyed hashes. */
export const hashRecoveryCode = (key: Buffer, code: string) => hmacHex(key, `recovery:${normaliseRecoveryCode(code)}`);

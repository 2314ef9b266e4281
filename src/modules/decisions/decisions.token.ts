import crypto from 'node:crypto';

/** A fresh verification token: 128 random bits, url-safe (22 characters). */
export const newVerificationToken = () => crypto.randomBytes(16).toString('base64url');

/** Only this is stored for lookup (the token itself only sealed, to draw the QR code again). */
export const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** The shape of a token, checked before any lookup. */
export const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** The number of a decision: the application's registration number with «/Р». */
export const decisionNumber = (registrationNumber: string) => `${registrationNumber}/Р`;

const LATIN: Record<string, string> = {
  А: 'A',
  Б: 'B',
  В: 'V',
  Г: 'H',
  Ґ: 'G',
  Д: 'D',
  Е: 'E',
  Є: 'YE',
  Ж: 'ZH',
  З: 'Z',
  И: 'Y',
  І: 'I',
  Ї: 'YI',
  Й: 'Y',
  К: 'K',
  Л: 'L',
  М: 'M',
  Н: 'N',
  О: 'O',
  П: 'P',
  Р: 'R',
  С: 'S',
  Т: 'T',
  У: 'U',
  Ф: 'F',
  Х: 'KH',
  Ц: 'TS',
  Ч: 'CH',
  Ш: 'SH',
  Щ: 'SHCH',
  Ь: '',
  Ю: 'YU',
  Я: 'YA',
};

/**
 * Code 128 carries only ASCII/Latin-1: the registration number «СП-2026-000123» is encoded as
 * «SP-2026-000123» (Ukrainian national transliteration of its letters); the text under the bars
 * keeps the real number.
 */
export const barcodeText = (registrationNumber: string) =>
  Array.from(registrationNumber.toUpperCase())
    .map((ch) => LATIN[ch] ?? ch)
    .join('')
    .replace(/[^\x20-\x7e]/g, '');

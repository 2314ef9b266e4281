import type { Services } from '../../services.js';
import { hmacHex } from '../../platform/secrets.js';

export type IdentifierKind = 'rnokpp' | 'unzr' | 'document';

export interface SealedIdentifier {
  sealed: string;
  hash: string;
  mask: string;
}

/** Canonical form for hashing: no spaces or hyphens, upper case. */
export function normaliseIdentifier(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}

/** Keyed hash for exact lookup; the kind is part of the input so kinds never collide. */
export function identifierHash(services: Pick<Services, 'keys'>, kind: IdentifierKind, value: string): string {
  return hmacHex(services.keys.lookup, `${kind}:${normaliseIdentifier(value)}`);
}

/** Everything but the last 4 characters hidden: «••••••3776». */
export function maskIdentifier(value: string): string {
  const v = normaliseIdentifier(value);
  return '•'.repeat(Math.max(0, v.length - 4)) + v.slice(-4);
}

/** Encrypted value (AES-GCM, rotatable key id), keyed hash and mask of a sensitive identifier. */
export function sealIdentifier(
  services: Pick<Services, 'keys' | 'box'>,
  kind: IdentifierKind,
  value: string,
): SealedIdentifier {
  const display = kind === 'unzr' ? value.trim() : normaliseIdentifier(value);
  return {
    sealed: services.box.seal(display),
    hash: identifierHash(services, kind, value),
    mask: maskIdentifier(value),
  };
}

import crypto from 'node:crypto';
import { deriveKey } from './secrets.js';

/**
 * Authenticated encryption (AES-256-GCM) for secrets at rest. Values carry the
 * id of the key that sealed them (`k1:…`), so keys can be rotated: new values
 * use the current key, old ones stay readable while their key is configured.
 */
export class SecretBox {
  private readonly currentKey: Buffer;

  constructor(
    private keys: Map<string, Buffer>,
    private currentId: string,
  ) {
    const current = keys.get(currentId);
    if (!current) throw new Error('current key is not configured');
    this.currentKey = current;
  }

  seal(plain: string): string {
    const key = this.currentKey;
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${this.currentId}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`;
  }

  open(sealed: string): string {
    const sep = sealed.indexOf(':');
    const key = this.keys.get(sealed.slice(0, sep));
    if (sep < 1 || !key) throw new Error('unknown key id');
    const raw = Buffer.from(sealed.slice(sep + 1), 'base64url');
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  get currentKeyId(): string {
    return this.currentId;
  }

  needsRotation(sealed: string): boolean {
    return !sealed.startsWith(`${this.currentId}:`);
  }
}

/**
 * Keys from configuration: `ENCRYPTION_KEYS=k2:<base64 of 32 bytes>,k1:<…>` — the first is the
 * current key, the others stay readable until `npm run keys:rotate` has re-sealed every value.
 * Without it, one key (`k1`) is derived from the master secret.
 */
export function buildSecretBox(configured: string | undefined, master: Buffer): SecretBox {
  if (!configured) return new SecretBox(new Map([['k1', deriveKey(master, 'box:k1')]]), 'k1');
  const keys = new Map<string, Buffer>();
  let current = '';
  for (const part of configured
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const [id, b64] = part.split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    if (!/^[a-z0-9]{1,10}$/.test(id ?? '') || key.length !== 32)
      throw new Error('ENCRYPTION_KEYS: each entry is id:<base64 of 32 bytes>');
    keys.set(id, key);
    current ||= id;
  }
  return new SecretBox(keys, current);
}

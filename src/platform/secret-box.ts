import crypto from 'node:crypto';

/**
 * Authenticated encryption (AES-256-GCM) for secrets at rest. Values carry the
 * id of the key that sealed them (`k1:…`), so keys can be rotated: new values
 * use the current key, old ones stay readable while their key is configured.
 */
export class SecretBox {
  constructor(private keys: Map<string, Buffer>, private currentId: string) {
    if (!keys.has(currentId)) throw new Error('current key is not configured');
  }

  seal(plain: string): string {
    const key = this.keys.get(this.currentId)!;
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

  needsRotation(sealed: string): boolean {
    return !sealed.startsWith(`${this.currentId}:`);
  }
}

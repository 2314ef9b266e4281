import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Services } from '../../services.js';
import { isUuid } from '../../platform/ids.js';

/** Largest file a resident may give (per file). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type FileType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** The file's type from its first bytes (never from its name or the browser's claim); null for anything else. */
export function detectType(head: Buffer): FileType | null {
  if (head.length >= 5 && head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  return null;
}

export type Area = 'applications' | 'residents' | 'staff' | 'plans';

/** Where stored files live: DATA_DIR/uploads/<area>/, outside the web root. */
export const areaDir = (services: Pick<Services, 'config'>, area: Area) =>
  path.join(services.config.dataDir, 'uploads', area);

export function storedPath(services: Pick<Services, 'config'>, area: Area, key: string): string {
  if (!isUuid(key)) throw new Error('bad storage key');
  return path.join(areaDir(services, area), key);
}

/** Moves (or copies) a file into an area under a new random key; returns the key. */
export async function store(
  services: Pick<Services, 'config'>,
  area: Area,
  from: string,
  opts: { copy?: boolean } = {},
): Promise<string> {
  const key = crypto.randomUUID();
  await fs.promises.mkdir(areaDir(services, area), { recursive: true });
  const to = storedPath(services, area, key);
  if (opts.copy) await fs.promises.copyFile(from, to, fs.constants.COPYFILE_EXCL);
  else await fs.promises.rename(from, to);
  await fs.promises.chmod(to, 0o600);
  return key;
}

export function removeStored(services: Pick<Services, 'config'>, area: Area, key: string) {
  fs.rmSync(storedPath(services, area, key), { force: true });
}

/** The extension a stored file is served with: the one of the type its content was detected as. */
export const EXTENSION: Record<FileType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/**
 * The name a stored file is downloaded under: the base of the uploader's name (no extension, no
 * characters Windows or the header cannot carry) with the extension of its detected type, so a PDF
 * uploaded as `довідка.hta` is served as `довідка.pdf` and never opened as something else. The
 * uploader's full name is shown only as text on the page.
 */
export function downloadName(fileName: string, type: FileType): string {
  const ext = EXTENSION[type];
  if (!ext) throw new Error('unknown stored file type');
  const base = (fileName.split(/[\\/]/).pop() ?? '')
    .replace(/\.[^.]*$/, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"*:<>?|\\/]/g, '_')
    .replace(/[.\s]+$/, '')
    .replace(/^[.\s]+/, '')
    .slice(0, 150);
  return `${base || 'document'}.${ext}`;
}

/** Content-Disposition of a stored file: an attachment named by `downloadName` (ASCII fallback + RFC 5987 UTF-8 form). */
export function contentDisposition(fileName: string, type: FileType): string {
  const name = downloadName(fileName, type);
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** The visible name of an upload: its base name, no paths or control characters, at most 255 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return (
    base
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .trim()
      .slice(0, 255) || 'document'
  );
}

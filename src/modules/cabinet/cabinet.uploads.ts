import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { Services } from '../../services.js';
import { areaDir, cleanFileName, detectType, MAX_FILE_BYTES, type FileType } from './cabinet.files.js';

/** A file of the form, streamed to a temporary file; its type is what its first bytes say. */
export type Upload =
  | { ok: true; tmpPath: string; fileName: string; contentType: FileType; size: number; sha256: string }
  | { ok: false; problem: 'type' | 'size' | 'count'; fileName: string };

const uploads = new WeakMap<FastifyRequest, Map<string, Upload>>();

/** The files of this request's multipart form by field name (empty file inputs are absent). */
export const uploadsOf = (req: FastifyRequest): Map<string, Upload> => uploads.get(req) ?? new Map<string, Upload>();

/** Tells the request's cleanup that a temporary file was moved elsewhere. */
export function taken(req: FastifyRequest, field: string) {
  uploads.get(req)?.delete(field);
}

const MAX_FILES = 20;

/**
 * Options of a scope that sets up uploads for itself. `repeated`: a file input with `multiple`,
 * whose n-th file is kept as `<field>.<n>` (n = 0, 1, …); files past `max` are not stored, only
 * named with the problem 'count'. `fieldSize`: the largest text field in bytes (4 KB otherwise).
 */
export interface UploadOptions {
  repeated?: { field: string; max: number };
  fieldSize?: number;
  /** Whose files are kept (a signed-in resident's unless said): staff scopes pass their own check. */
  accept?: (req: FastifyRequest) => boolean;
}

/**
 * Multipart parsing for the cabinet only (own plugin scope). Fields go to `req.body` as plain
 * values so the app's CSRF check reads `_csrf`; only a signed-in resident's files are kept (or
 * those `accept` allows: the office's scans),
 * each streamed to DATA_DIR/uploads/tmp (never in memory, never in the web root) with its
 * hash and size, and removed after the response unless a use-case took it.
 */
export async function setUpCabinetUploads(app: FastifyInstance, services: Services, opts: UploadOptions = {}) {
  const dir = areaDir(services, 'applications').replace(/applications$/, 'tmp');
  async function onFile(this: FastifyRequest, part: MultipartFile) {
    if (!(opts.accept ? opts.accept(this) : this.actor?.kind === 'resident') || !part.filename) {
      part.file.resume();
      return;
    }
    const map = uploads.get(this) ?? new Map<string, Upload>();
    uploads.set(this, map);
    let key = part.fieldname;
    if (opts.repeated?.field === key) {
      const n = [...map.keys()].filter((k) => k.startsWith(`${part.fieldname}.`)).length;
      key = `${part.fieldname}.${n}`;
      if (n >= opts.repeated.max) {
        part.file.resume();
        map.set(key, { ok: false, problem: 'count', fileName: cleanFileName(part.filename) });
        return;
      }
    }
    await fs.promises.mkdir(dir, { recursive: true });
    const tmpPath = path.join(dir, `tmp-${crypto.randomUUID()}`);
    const hash = crypto.createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    await pipeline(
      part.file,
      async function* (src: AsyncIterable<Buffer>) {
        for await (const chunk of src) {
          hash.update(chunk);
          if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
          size += chunk.length;
          yield chunk;
        }
      },
      fs.createWriteStream(tmpPath, { mode: 0o600 }),
    );
    const fileName = cleanFileName(part.filename);
    if (size === 0) {
      fs.rmSync(tmpPath, { force: true });
      return;
    }
    if (part.file.truncated) {
      fs.rmSync(tmpPath, { force: true });
      map.set(key, { ok: false, problem: 'size', fileName });
      return;
    }
    const contentType = detectType(head);
    if (!contentType) {
      fs.rmSync(tmpPath, { force: true });
      map.set(key, { ok: false, problem: 'type', fileName });
      return;
    }
    const previous = map.get(key);
    if (previous?.ok) fs.rmSync(previous.tmpPath, { force: true });
    map.set(key, { ok: true, tmpPath, fileName, contentType, size, sha256: hash.digest('hex') });
  }
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    onFile,
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES, fields: 100, parts: 130, fieldSize: opts.fieldSize ?? 4096 },
  });
  app.addHook('onResponse', (req, _reply, done) => {
    for (const u of uploads.get(req)?.values() ?? []) if (u.ok) fs.rmSync(u.tmpPath, { force: true });
    done();
  });
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { Services } from '../../services.js';
import { can } from '../../platform/policy.js';
import { uploadDir, removeFile } from './import.storage.js';
import type { ReceivedFile } from './use-cases/upload-import-file.js';

/** Largest file accepted (a 50 MB export of another register fits). */
export const MAX_UPLOAD_BYTES = 60 * 1024 * 1024;

export type Received = ReceivedFile | { tooLarge: true } | undefined;
const received = new WeakMap<FastifyRequest, ReceivedFile | { tooLarge: true }>();

/** The file of this request's multipart form, once streamed to disk (hash and size computed on the way). */
export const receivedFile = (req: FastifyRequest): Received => received.get(req);

/**
 * Multipart parsing for this module only. Fields go to `req.body` as plain values, so the app's
 * CSRF check reads `_csrf` unchanged; the file is streamed to a temporary file under
 * DATA_DIR/uploads (never kept in memory) and removed after the response unless the upload took it.
 */
export async function setUpUploads(app: FastifyInstance, services: Services) {
  const dir = uploadDir(services);
  async function onFile(this: FastifyRequest, part: MultipartFile) {
    if (part.fieldname !== 'file' || received.has(this) || !can(this.actor, 'registry.import') || !part.filename) {
      part.file.resume();
      return;
    }
    await fs.promises.mkdir(dir, { recursive: true });
    const tmpPath = path.join(dir, `tmp-${crypto.randomUUID()}`);
    const hash = crypto.createHash('sha256');
    let size = 0;
    await pipeline(
      part.file,
      async function* (src: AsyncIterable<Buffer>) {
        for await (const chunk of src) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      fs.createWriteStream(tmpPath, { mode: 0o600 }),
    );
    if (part.file.truncated) {
      removeFile(tmpPath);
      received.set(this, { tooLarge: true });
      return;
    }
    received.set(this, { tmpPath, sha256: hash.digest('hex'), size });
  }
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    onFile,
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 12, fieldSize: 4096 },
  });
  app.addHook('onResponse', (req, _reply, done) => {
    const r = received.get(req);
    if (r && 'tmpPath' in r) removeFile(r.tmpPath);
    done();
  });
}

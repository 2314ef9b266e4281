import type { FastifyReply, FastifyRequest } from 'fastify';
import { prepared, type Db } from './db.js';
import { randomToken, sha256Hex } from './secrets.js';

export interface SessionRecord {
  idHash: string;
  userId: string;
  hromadaId: number | null;
  mfaPassed: boolean;
  data: Record<string, unknown>;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface SessionOptions {
  idleMinutes: number;
  absoluteHours: number;
  secure: boolean;
}

interface SessionRow {
  id_hash: string;
  user_id: string;
  hromada_id: number | null;
  mfa_passed: boolean;
  data: Record<string, unknown>;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

const toRecord = (r: SessionRow): SessionRecord => ({
  idHash: r.id_hash,
  userId: r.user_id,
  hromadaId: r.hromada_id,
  mfaPassed: r.mfa_passed,
  data: r.data,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
});

/**
 * Server-side sessions in PostgreSQL. The cookie carries a random token; the
 * table keeps only its SHA-256, so a leaked table cannot be replayed.
 * Idle timeout and absolute lifetime are enforced on every lookup.
 */
export class SessionStore {
  readonly cookieName: string;

  constructor(
    private db: Db,
    private opts: SessionOptions,
  ) {
    // __Host- cookies must be Secure; without TLS (local development) a plain name is used.
    this.cookieName = opts.secure ? '__Host-turbota' : 'turbota_sid';
  }

  async load(token: string | undefined): Promise<SessionRecord | null> {
    if (!token || token.length > 100) return null;
    const idHash = sha256Hex(token);
    // Every signed-in page asks for its session: the statement is prepared (its planning cost more than its run).
    const { rows } = await this.db.query<SessionRow>(
      prepared(
        `SELECT id_hash, user_id, hromada_id, mfa_passed, data, created_at, last_seen_at, expires_at
         FROM sessions WHERE id_hash = $1`,
        [idHash],
      ),
    );
    const row = rows[0];
    if (!row) return null;
    const now = Date.now();
    const idleLimit = row.last_seen_at.getTime() + this.opts.idleMinutes * 60_000;
    if (row.expires_at.getTime() <= now || idleLimit <= now) {
      await this.db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
      return null;
    }
    // Touch at most once a minute to keep writes low.
    if (now - row.last_seen_at.getTime() > 60_000) {
      await this.db.query('UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1', [idHash]);
    }
    return toRecord(row);
  }

  /** Creates a new session (always a new token: rotation at login). */
  async create(
    reply: FastifyReply,
    s: {
      userId: string;
      hromadaId: number | null;
      mfaPassed: boolean;
      data?: Record<string, unknown>;
      ip?: string;
      userAgent?: string;
    },
  ): Promise<SessionRecord> {
    const token = randomToken(32);
    const idHash = sha256Hex(token);
    const { rows } = await this.db.query<SessionRow>(
      `INSERT INTO sessions (id_hash, user_id, hromada_id, mfa_passed, data, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6), $7, $8)
       RETURNING id_hash, user_id, hromada_id, mfa_passed, data, created_at, last_seen_at, expires_at`,
      [
        idHash,
        s.userId,
        s.hromadaId,
        s.mfaPassed,
        s.data ?? {},
        this.opts.absoluteHours,
        s.ip ?? null,
        (s.userAgent ?? '').slice(0, 300),
      ],
    );
    reply.setCookie(this.cookieName, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.opts.secure,
    });
    return toRecord(rows[0]);
  }

  async update(
    idHash: string,
    patch: { hromadaId?: number | null; mfaPassed?: boolean; data?: Record<string, unknown> },
  ) {
    await this.db.query(
      `UPDATE sessions SET hromada_id = CASE WHEN $2 THEN $3::int ELSE hromada_id END,
         mfa_passed = coalesce($4, mfa_passed), data = coalesce($5, data) WHERE id_hash = $1`,
      [idHash, patch.hromadaId !== undefined, patch.hromadaId ?? null, patch.mfaPassed ?? null, patch.data ?? null],
    );
  }

  async destroy(reply: FastifyReply, idHash: string) {
    await this.db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
    this.clearCookie(reply);
  }

  clearCookie(reply: FastifyReply) {
    reply.clearCookie(this.cookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.opts.secure });
  }

  /** Ends every session of a user (logout everywhere, deactivation, role or password change). */
  async destroyAllForUser(userId: string) {
    await this.db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
  }

  tokenFrom(req: FastifyRequest): string | undefined {
    return req.cookies[this.cookieName];
  }
}

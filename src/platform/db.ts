import crypto from 'node:crypto';
import pg from 'pg';
import { countQueries, phase } from './timings.js';

export type Queryable = Pick<pg.PoolClient, 'query'>;

export interface TenantContext {
  hromadaId: number | null;
  userId?: string | null;
}

/** A tenant id or user id as it may appear inside a SQL literal: an integer or a UUID, nothing else. */
function tenantValue(v: number | string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  const text = String(v);
  if (/^(\d{1,10}|[0-9a-fA-F-]{36})$/.test(text)) return text;
  throw new Error('tenant context must be an integer hromada id and a UUID user id');
}

/**
 * A statement prepared once per connection and then only executed (no parsing and planning on
 * every call): for the hot paths whose text is fixed (API token lookup, exact registry lookups).
 * The name is derived from the text, so the same text always has the same name.
 */
export function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = preparedNames.get(text);
  if (!name) {
    name = `p_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    preparedNames.set(text, name);
  }
  return { name, text, values };
}
/** Names by text, hashed once: the texts are the code's own, a fixed few. */
const preparedNames = new Map<string, string>();

/** Statements a transaction of `Db.tx` sends together with its COMMIT. */
const statementsAtCommit = new WeakMap<object, string[]>();

/**
 * Queues a statement (complete, with its values as escaped literals) to run just before the
 * commit of the `Db.tx` transaction that `client` belongs to, in the same round trip. Answers
 * false when the client is not in such a transaction; the caller then runs it itself.
 */
export function queueAtCommit(client: Queryable, sql: string): boolean {
  const list = statementsAtCommit.get(client);
  if (!list) return false;
  list.push(sql);
  return true;
}

/**
 * Database access for the application. Every connection of the app pool runs
 * as the unprivileged application role, so row-level security applies; a
 * transaction opened with `tx()` carries the tenant in `app.hromada_id`.
 */
export class Db {
  readonly pool: pg.Pool;

  /**
   * @param appRole when set, each new connection switches to this role (used when the
   *   connection string is the owner's, as with the embedded database); leave it null
   *   when `connectionString` already logs in as the application role.
   */
  constructor(connectionString: string, appRole: string | null, max = 10) {
    // The role is a startup parameter: a connection that cannot take it fails instead of running as owner.
    this.pool = new pg.Pool({
      connectionString,
      max,
      application_name: 'turbota',
      ...(appRole ? { options: `-c role=${appRole}` } : {}),
    });
    this.pool.on('error', () => {});
  }

  /** A single statement outside a tenant (reference data, identity, sessions). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]) {
    return this.pool.query<R>(text, values);
  }

  /** A transaction in a tenant's context: RLS sees only that hromada's rows. */
  async tx<T>(ctx: TenantContext, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.transaction(
      `SELECT set_config('app.hromada_id', '${tenantValue(ctx.hromadaId)}', true), ` +
        `set_config('app.user_id', '${tenantValue(ctx.userId)}', true)`,
      (c) => fn(c),
    );
  }

  /**
   * A transaction whose opening statement (complete, values as escaped literals) sets the tenant
   * itself from the rows it reads, e.g. from an API token's row; it goes in the same round trip as
   * the BEGIN, and `fn` gets its rows.
   */
  async txOpenedWith<T>(opening: string, fn: (c: pg.PoolClient, rows: pg.QueryResultRow[]) => Promise<T>): Promise<T> {
    return this.transaction(opening, fn);
  }

  private async transaction<T>(
    opening: string,
    fn: (c: pg.PoolClient, rows: pg.QueryResultRow[]) => Promise<T>,
  ): Promise<T> {
    // The phases are recorded only when a benchmark switches timings on (issue 15).
    const client = await phase('connect', () => this.pool.connect());
    try {
      // One round trip: the simple protocol takes both statements.
      const results = (await phase('open', () =>
        client.query(`BEGIN; ${opening}`),
      )) as unknown as pg.QueryResult<pg.QueryResultRow>[];
      const atCommit: string[] = [];
      statementsAtCommit.set(client, atCommit);
      const uncount = countQueries(client);
      const result = await phase('work', () => fn(client, results[1].rows)).finally(uncount);
      // Statements queued for the commit go in the same round trip (an error aborts the commit).
      await phase('commit', () => client.query(atCommit.length ? `${atCommit.join(';\n')};\nCOMMIT` : 'COMMIT'));
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      statementsAtCommit.delete(client);
      client.release();
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  end() {
    return this.pool.end();
  }
}

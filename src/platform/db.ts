import crypto from 'node:crypto';
import type { Socket } from 'node:net';
import pg from 'pg';
import { countQueries, phase } from './timings.js';

export type Queryable = Pick<pg.PoolClient, 'query'>;

export interface TenantContext {
  hromadaId: number | null;
  userId?: string | null;
}

/** A tenant id or user id as the opening sets it: an integer or a UUID, nothing else (else the call fails). */
function tenantValue(v: number | string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  const text = String(v);
  if (/^(\d{1,10}|[0-9a-fA-F-]{36})$/.test(text)) return text;
  throw new Error('tenant context must be an integer hromada id and a UUID user id');
}

/**
 * A statement prepared once per connection and then only executed (no parsing and planning on
 * every call): for the hot paths whose text is fixed and whose plan is always the same index scan (API token lookup,
 * exact registry lookups, a person's access scope and card).
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

/** The socket a pg client writes to (none for a pool or a client not yet connected). */
function socketOf(client: Queryable): Socket | undefined {
  return (client as unknown as { connection?: { stream?: Socket } }).connection?.stream;
}

/**
 * Statements sent in one go (pipelined), written to the socket together: one write (and one wake-up of the backend)
 * instead of one per statement. `issue` starts each statement at once — a query function issues its statement before
 * its first `await` — and the answers come, and fail, in the order sent; a statement that needs an earlier one's
 * answer is not part of the group. Measured at 64 clients (exact lookups, 2026-12-05): the commit's statements
 * corked, 5 % more lookups a second and 0.02–0.04 ms less CPU per lookup in the server and in PostgreSQL; one at a
 * time no difference. A booking's reads, and its locks, checks and inserts, go as two such groups (decision 0041).
 */
export function together<T extends readonly unknown[]>(
  client: Queryable,
  issue: () => { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const stream = socketOf(client);
  stream?.cork();
  try {
    return Promise.all(issue());
  } finally {
    stream?.uncork();
  }
}

/** Statements a transaction of `Db.tx` sends together with its COMMIT. */
const statementsAtCommit = new WeakMap<object, pg.QueryConfig[]>();

/**
 * Queues a statement to run just before the commit of the `Db.tx` transaction that `client` belongs to, pipelined with
 * the COMMIT in the same round trip (a failure aborts the commit). Answers false when the client is not in such a
 * transaction; the caller then runs it itself.
 */
export function queueAtCommit(client: Queryable, statement: pg.QueryConfig): boolean {
  const list = statementsAtCommit.get(client);
  if (!list) return false;
  list.push(statement);
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
    // Pipelined (issue 15): a statement is sent without waiting for the answers to those before it, so a transaction's
    // opening and its first query share one round trip; the answers still come, and fail, in order.
    this.pool = new pg.Pool({
      connectionString,
      max,
      pipeline: true,
      application_name: 'turbota',
      ...(appRole ? { options: `-c role=${appRole}` } : {}),
    });
    this.pool.on('error', () => {});
  }

  /**
   * A single statement outside a tenant (reference data, identity, sessions): a text with its values, or a statement
   * made by `prepared` (planned once per connection).
   */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string | pg.QueryConfig, values?: unknown[]) {
    return typeof text === 'string' ? this.pool.query<R>(text, values) : this.pool.query<R>(text);
  }

  /**
   * A transaction in a tenant's context: RLS sees only that hromada's rows. The opening that sets the tenant is sent
   * with the first statement of `fn`, in the same round trip.
   */
  async tx<T>(ctx: TenantContext, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.transaction(
      prepared("SELECT set_config('app.hromada_id', $1, true), set_config('app.user_id', $2, true)", [
        tenantValue(ctx.hromadaId),
        tenantValue(ctx.userId),
      ]),
      (c) => fn(c),
    );
  }

  /**
   * A transaction whose opening statement sets the tenant itself from the rows it reads, e.g. from an API token's
   * row; it goes in the same round trip as the BEGIN, and `fn` gets its rows.
   */
  async txOpenedWith<T>(
    opening: pg.QueryConfig,
    fn: (c: pg.PoolClient, rows: pg.QueryResultRow[]) => Promise<T>,
  ): Promise<T> {
    return this.transaction(opening, async (c, opened) => fn(c, await opened));
  }

  /**
   * As `txOpenedWith`, but `fn` starts before the opening's rows have come: its first statement goes in the opening's
   * round trip (its rows are read under the tenant the opening set), and `fn` must check the opening's rows before it
   * answers (the API's reads by a token found valid a moment ago, decisions 0038 and 0039).
   */
  async txOpenedAhead<T>(
    opening: pg.QueryConfig,
    fn: (c: pg.PoolClient, opened: Promise<pg.QueryResultRow[]>) => Promise<T>,
  ): Promise<T> {
    return this.transaction(opening, fn);
  }

  private async transaction<T>(
    opening: pg.QueryConfig,
    fn: (c: pg.PoolClient, opened: Promise<pg.QueryResultRow[]>) => Promise<T>,
  ): Promise<T> {
    // The phases are recorded only when a benchmark switches timings on (issue 15).
    const client = await phase('connect', () => this.pool.connect());
    // The BEGIN and the opening (a prepared statement: parsed and planned once per connection) are written to the
    // socket together; not awaited: `fn`'s first statement is pipelined right behind them. A failed opening aborts
    // the transaction, so nothing of `fn` can commit.
    const stream = socketOf(client);
    stream?.cork();
    const opened: Promise<pg.QueryResultRow[]> = phase('open', () =>
      together(client, () => [client.query('BEGIN'), client.query<pg.QueryResultRow>(opening)]),
    ).then(([, result]) => result.rows);
    opened.catch(() => {});
    const atCommit: pg.QueryConfig[] = [];
    statementsAtCommit.set(client, atCommit);
    const uncount = countQueries(client);
    let work: Promise<T>;
    try {
      // `fn` runs until its first await with the socket still corked: its first statements go in the opening's write.
      work = phase('work', () => fn(client, opened)).finally(uncount);
    } finally {
      stream?.uncork();
    }
    // The connection goes back to the pool once: after the COMMIT is written, or when the call failed before it.
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      statementsAtCommit.delete(client);
      client.release();
    };
    try {
      const result = await work;
      await opened;
      // Statements queued for the commit go in the same round trip, pipelined; one that fails aborts the transaction
      // (PostgreSQL then answers the COMMIT with a rollback) and its error is the transaction's.
      const committed = phase('commit', () =>
        together(client, () => [
          ...atCommit.map((q) => client.query<pg.QueryResultRow>(q)),
          client.query<pg.QueryResultRow>('COMMIT'),
        ]),
      );
      // Once the COMMIT is written the transaction ends whatever the answer (an entry that failed makes PostgreSQL
      // answer it with a rollback), and nothing more of this call goes on the connection: it goes back to the pool now,
      // and the next transaction's statements are pipelined behind the COMMIT instead of waiting for its round trip.
      // The answer still waits for the COMMIT's own (durable before the answer, decision 0005).
      release();
      await committed;
      return result;
    } catch (err) {
      // The opening's own failure is the cause of whatever `fn` met after it.
      const failedOpening = (await opened.then(
        () => null,
        (e: unknown) => e,
      )) as Error | null;
      if (!released) await client.query('ROLLBACK').catch(() => {});
      throw failedOpening ?? err;
    } finally {
      release();
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

// The benchmarks' HTTP client, run as its own process (bench/load-client.ts starts it): its work
// (building requests, parsing answers) then runs beside the server instead of on the server's
// event loop, as a real client's would.
//
// It speaks HTTP/1.1 over kept-alive sockets itself (requests written as one string, answers framed by their
// Content-Length or chunked encoding) instead of going through node:http. The client shares the machine's two cores
// with the server and the database, so its own CPU is taken from what it measures: against one server, 20,000 POSTs
// from 64 connections, node:http's client used 0.060 ms of CPU per request, autocannon's 0.034, this one 0.014
// (2026-12-05). What it does not need is left out: no pipelining, no redirects, no compression, no TLS.
import net from 'node:net';

const HEADER_END = Buffer.from('\r\n\r\n');

/** A kept-alive connection that carries one request at a time. */
class Connection {
  constructor(host, port) {
    this.socket = net.connect(port, host);
    this.socket.setNoDelay(true);
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
    this.buffer = null;
    this.pending = null;
    this.closed = false;
    this.socket.on('data', (chunk) => this.#data(chunk));
    this.socket.on('error', (err) => this.#fail(err));
    this.socket.on('close', () => {
      this.closed = true;
      this.#fail(new Error('connection closed before the answer'));
    });
  }

  request(text) {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(text);
    });
  }

  #fail(err) {
    const p = this.pending;
    this.pending = null;
    p?.reject(err);
  }

  #data(chunk) {
    this.buffer = this.buffer ? Buffer.concat([this.buffer, chunk]) : chunk;
    const answer = parseAnswer(this.buffer);
    if (!answer) return;
    this.buffer = null;
    const p = this.pending;
    this.pending = null;
    if (answer.close) this.closed = true;
    p?.resolve(answer);
  }
}

/** A whole answer at the start of `buf`, or null while it is incomplete. */
function parseAnswer(buf) {
  const end = buf.indexOf(HEADER_END);
  if (end < 0) return null;
  const head = buf.toString('latin1', 0, end).toLowerCase();
  const status = Number(head.slice(9, 12));
  const header = (name) => {
    const at = head.indexOf(`\r\n${name}:`);
    if (at < 0) return null;
    const stop = head.indexOf('\r\n', at + 2);
    return head.slice(at + name.length + 3, stop < 0 ? undefined : stop).trim();
  };
  const close = header('connection') === 'close';
  const type = header('content-type') ?? '';
  const start = end + 4;
  if (status === 204 || status === 304) return { status, type, body: Buffer.alloc(0), close };
  if (header('transfer-encoding') === 'chunked') {
    const parts = [];
    let at = start;
    for (;;) {
      const lineEnd = buf.indexOf('\r\n', at);
      if (lineEnd < 0) return null;
      const size = parseInt(buf.toString('latin1', at, lineEnd), 16);
      if (buf.length < lineEnd + 2 + size + 2) return null;
      if (size === 0) return { status, type, body: Buffer.concat(parts), close };
      parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }
  const length = Number(header('content-length') ?? 0);
  if (buf.length < start + length) return null;
  return { status, type, body: buf.subarray(start, start + length), close };
}

/** Kept-alive connections to one server: a free one is reused, else a new one opened (as node:http's agent does). */
function connections(base) {
  const url = new URL(base);
  const host = url.hostname;
  const port = Number(url.port || 80);
  const prefix = url.pathname.replace(/\/$/, '');
  const free = [];
  return {
    prefix,
    hostHeader: url.host,
    async take() {
      while (free.length) {
        const c = free.pop();
        if (!c.closed) return c;
      }
      const c = new Connection(host, port);
      await c.ready;
      return c;
    },
    give(c) {
      if (c.closed) c.socket.destroy();
      else free.push(c);
    },
  };
}

const pools = new Map();

async function send(base, headers, item, anyStatus) {
  // A string is a GET; { url, body } a POST of JSON (identifiers travel in bodies, not URLs).
  const url = typeof item === 'string' ? item : item.url;
  const body = typeof item === 'string' ? null : JSON.stringify(item.body);
  let pool = pools.get(base);
  if (!pool) pools.set(base, (pool = connections(base)));
  let text = `${body === null ? 'GET' : 'POST'} ${pool.prefix}${url} HTTP/1.1\r\nhost: ${pool.hostHeader}\r\n`;
  for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
  text +=
    body === null
      ? '\r\n'
      : `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const t0 = performance.now();
  const conn = await pool.take();
  const res = await conn.request(text);
  pool.give(conn);
  const ms = performance.now() - t0;
  if (!anyStatus && res.status !== 200) throw new Error(`${url.split('?')[0]} → ${res.status}`);
  if (anyStatus) return { ms, ids: null, status: res.status };
  // A page (HTML) is read whole and has no ids; an API answer is parsed.
  const parsed = res.type.includes('json') ? JSON.parse(res.body.toString('utf8')) : {};
  return { ms, ids: Array.isArray(parsed.items) ? parsed.items.map((i) => i.id) : null };
}

// One after another, or `concurrency` clients at once, each taking the next request when its last is answered.
// With `warm`, each of the `concurrency` clients first sends that GET on its own connection (not timed), as a browser
// has its connection open from the page it booked on; then all send their requests at once on those connections.
process.on('message', async ({ id, base, headers, urls, concurrency = 1, anyStatus = false, warm = null }) => {
  try {
    if (warm) await Promise.all(Array.from({ length: concurrency }, () => send(base, headers, warm, true)));
    const ms = new Array(urls.length);
    const ids = new Array(urls.length);
    const statuses = new Array(urls.length);
    let next = 0;
    const t0 = performance.now();
    const worker = async () => {
      while (next < urls.length) {
        const k = next++;
        const r = await send(base, headers, urls[k], anyStatus);
        ms[k] = r.ms;
        ids[k] = r.ids;
        statuses[k] = r.status ?? 200;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    process.send({ id, ms, ids, statuses, wallMs: performance.now() - t0 });
  } catch (err) {
    process.send({ id, error: String(err) });
  }
});

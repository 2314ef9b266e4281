// The benchmarks' HTTP client, run as its own process (bench/load-client.ts starts it): its work
// (building requests, parsing answers) then runs beside the server instead of on the server's
// event loop, as a real client's would.
import http from 'node:http';

// Node's own HTTP client with kept-alive connections: about half the CPU of fetch per request, which matters when the
// client shares the machine's two cores with the server and the database.
// Free sockets are kept up to the same number, so that connections opened before a burst are all there for it.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024, maxFreeSockets: 1024 });

function send(base, headers, item, anyStatus) {
  // A string is a GET; { url, body } a POST of JSON (identifiers travel in bodies, not URLs).
  const url = typeof item === 'string' ? item : item.url;
  const body = typeof item === 'string' ? null : JSON.stringify(item.body);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      base + url,
      {
        agent,
        method: body === null ? 'GET' : 'POST',
        headers:
          body === null
            ? headers
            : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - t0;
          if (!anyStatus && res.statusCode !== 200)
            return reject(new Error(`${url.split('?')[0]} → ${res.statusCode}`));
          if (anyStatus) return resolve({ ms, ids: null, status: res.statusCode });
          // A page (HTML) is read whole and has no ids; an API answer is parsed.
          const json = (res.headers['content-type'] ?? '').includes('json');
          const parsed = json ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
          resolve({ ms, ids: Array.isArray(parsed.items) ? parsed.items.map((i) => i.id) : null });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
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

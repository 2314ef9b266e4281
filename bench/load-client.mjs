// The benchmarks' HTTP client, run as its own process (bench/load-client.ts starts it): its work
// (building requests, parsing answers) then runs beside the server instead of on the server's
// event loop, as a real client's would. Requests are sent one after another.
process.on('message', async ({ id, base, headers, urls }) => {
  try {
    const ms = [];
    const ids = [];
    for (const item of urls) {
      // A string is a GET; { url, body } a POST of JSON (identifiers travel in bodies, not URLs).
      const url = typeof item === 'string' ? item : item.url;
      const init =
        typeof item === 'string'
          ? { headers }
          : {
              method: 'POST',
              headers: { ...headers, 'content-type': 'application/json' },
              body: JSON.stringify(item.body),
            };
      const t0 = performance.now();
      const res = await fetch(base + url, init);
      // A page (HTML) is read whole and has no ids; an API answer is parsed.
      const json = (res.headers.get('content-type') ?? '').includes('json');
      const body = json ? await res.json() : (await res.arrayBuffer(), {});
      ms.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${url.split('?')[0]} → ${res.status}`);
      ids.push(Array.isArray(body.items) ? body.items.map((i) => i.id) : null);
    }
    process.send({ id, ms, ids });
  } catch (err) {
    process.send({ id, error: String(err) });
  }
});

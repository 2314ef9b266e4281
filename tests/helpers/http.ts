/** A small HTTP client with a cookie jar, speaking real HTTP to the test server. */
export interface Res {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- tests read the server's JSON as the shape they then assert on
  json<T = unknown>(): T;
}

/** The body as JSON, typed by the caller (`Res['json']`). */
const jsonOf =
  (text: string): Res['json'] =>
  () =>
    JSON.parse(text) as never;

export class HttpClient {
  readonly cookies = new Map<string, string>();
  lastCsrf: string | null = null;

  constructor(readonly baseUrl: string) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private store(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a) || /max-age=0\b/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string> } = {},
  ): Promise<Res> {
    const res = await fetch(this.baseUrl + path, {
      method,
      redirect: 'manual',
      headers: { ...(this.cookies.size ? { cookie: this.cookieHeader() } : {}), ...init.headers },
      body: init.body,
    });
    this.store(res);
    const text = await res.text();
    const m = text.match(/name="_csrf" value="([^"]+)"/);
    if (m) this.lastCsrf = m[1];
    return {
      status: res.status,
      headers: res.headers,
      text,
      location: res.headers.get('location'),
      json: jsonOf(text),
    };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, { headers });
  }

  /** Posts a form; the CSRF token of the last page seen is added unless `_csrf` is given (use null to omit). */
  async post(path: string, fields: Record<string, string | string[] | null> = {}) {
    if (!('_csrf' in fields) && !this.lastCsrf) await this.get('/');
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ _csrf: this.lastCsrf, ...fields })) {
      if (v === null) continue;
      for (const item of typeof v === 'string' ? [v] : v) params.append(k, item);
    }
    return this.request('POST', path, {
      body: params.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** Posts a multipart form (file uploads); the CSRF token of the last page seen is added unless `_csrf` is set. */
  async postMultipart(path: string, form: FormData, opts: { csrf?: boolean } = {}) {
    if (opts.csrf !== false && !form.has('_csrf')) {
      if (!this.lastCsrf) await this.get('/');
      form.set('_csrf', this.lastCsrf ?? '');
    }
    const res = await fetch(this.baseUrl + path, {
      method: 'POST',
      redirect: 'manual',
      body: form,
      headers: this.cookies.size ? { cookie: this.cookieHeader() } : {},
    });
    this.store(res);
    const text = await res.text();
    const m = text.match(/name="_csrf" value="([^"]+)"/);
    if (m) this.lastCsrf = m[1];
    return {
      status: res.status,
      headers: res.headers,
      text,
      location: res.headers.get('location'),
      json: jsonOf(text),
    };
  }

  /** Follows a redirect chain with GETs and returns the final response. */
  async follow(res: Res, max = 5): Promise<Res> {
    let r = res;
    for (let i = 0; i < max && r.location && r.status >= 300 && r.status < 400; i++) {
      r = await this.get(new URL(r.location, this.baseUrl).pathname + new URL(r.location, this.baseUrl).search);
    }
    return r;
  }
}

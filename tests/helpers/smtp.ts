import { SMTPServer } from 'smtp-server';

/** One message as the local SMTP server received it, decoded enough for tests. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
  raw: string;
}

export interface TestSmtp {
  port: number;
  /** For the app's SMTP_URL; ignoreTLS keeps nodemailer from trying STARTTLS against this plain server. */
  url: string;
  messages: ReceivedMail[];
  /** Resolves with the next (or an already received, not yet taken) message to `to`; rejects after the timeout. */
  waitForMail(to: string, timeoutMs?: number): Promise<ReceivedMail>;
  /** Messages to `to` received so far. */
  mailsTo(to: string): ReceivedMail[];
  close(): Promise<void>;
}

function decodeQuotedPrintable(s: string): Buffer {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) in headers. */
function decodeHeader(v: string): string {
  return v
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _cs: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
    );
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

function splitPart(raw: string): { headers: Record<string, string>; body: string } {
  const m = raw.match(/\r?\n\r?\n/);
  const at = m?.index ?? raw.length;
  return { headers: parseHeaders(raw.slice(0, at)), body: raw.slice(at + (m?.[0].length ?? 0)) };
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = type.match(/boundary="?([^";]+)"?/i)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body
      .split(`--${boundary}`)
      .slice(1)
      .filter((p) => !p.startsWith('--'));
    const decoded = parts.map((p) => splitPart(p.replace(/^\r?\n/, '')));
    const plain = decoded.find((p) => /^text\/plain/i.test(p.headers['content-type'] ?? 'text/plain')) ?? decoded[0];
    return plain ? decodeBody(plain.headers, plain.body) : '';
  }
  const cte = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (cte === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (cte === 'quoted-printable') return decodeQuotedPrintable(body).toString('utf8');
  return body;
}

export function parseMail(raw: string, envelopeFrom: string, envelopeTo: string[]): ReceivedMail {
  const { headers, body } = splitPart(raw);
  return {
    from: envelopeFrom,
    to: envelopeTo,
    subject: decodeHeader(headers.subject ?? ''),
    text: decodeBody(headers, body).replace(/\r\n/g, '\n'),
    headers,
    raw,
  };
}

/** A real SMTP server on 127.0.0.1 (random port) that keeps every message it receives. */
export async function startTestSmtp(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const taken = new Set<ReceivedMail>();
  const waiters: { to: string; resolve: (m: ReceivedMail) => void }[] = [];
  const isFor = (m: ReceivedMail, to: string) => m.to.some((a) => a.toLowerCase() === to.toLowerCase());

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const mail = parseMail(
          Buffer.concat(chunks).toString('utf8'),
          from,
          session.envelope.rcptTo.map((r) => r.address),
        );
        messages.push(mail);
        const i = waiters.findIndex((w) => isFor(mail, w.to));
        if (i >= 0) {
          taken.add(mail);
          waiters.splice(i, 1)[0].resolve(mail);
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;

  return {
    port,
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    messages,
    mailsTo: (to) => messages.filter((m) => isFor(m, to)),
    waitForMail(to, timeoutMs = 10_000) {
      const ready = messages.find((m) => isFor(m, to) && !taken.has(m));
      if (ready) {
        taken.add(ready);
        return Promise.resolve(ready);
      }
      return new Promise((resolve, reject) => {
        const waiter = {
          to,
          resolve: (m: ReceivedMail) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no e-mail to ${to} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

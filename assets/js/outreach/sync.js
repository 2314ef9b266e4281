// The sync of the device's log: one operation per request, in the order they were made. Each is marked «sent»
// before it goes, and «done» with the server's answer once answered, so a sync cut off (no connection, the tab
// closed) resumes from the first unanswered operation; the server applies an operation id once, so sending one again
// creates nothing twice.

/** A stop of the whole sync (session gone, package refused, no connection): the unsent operations stay. */
export class SyncStopped extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/** The message of an error answer: `{message}` from the outreach handlers or `{error: {message}}` from the framework. */
export async function errorMessage(res, fallback) {
  try {
    const body = await res.json();
    return body?.message ?? body?.error?.message ?? fallback;
  } catch {
    return fallback;
  }
}

/** A fresh CSRF token of the signed-in user (the shell's may be old: the shell can come from the offline cache). */
export async function freshCsrf(url, texts) {
  let res;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new SyncStopped(texts.offline, 0);
  }
  if (!res.ok) throw new SyncStopped(await errorMessage(res, texts.failed), res.status);
  return (await res.json()).token;
}

/** A JSON call made with the package's token and the session's CSRF token (never cached); rejects without a network. */
const postWithPackage = (url, { csrf, token }, body) =>
  fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    cache: 'no-store',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-csrf-token': csrf,
      'x-outreach-package': token,
    },
    body: JSON.stringify(body),
  });

/**
 * Sends every unanswered operation. `onProgress(done, total, rec)` after each answer. Resolves with the count sent;
 * throws SyncStopped when the whole sync has to stop.
 */
export async function syncOps({ vault, urls, texts, onProgress }) {
  const token = await vault.read('token');
  const todo = (await vault.ops()).filter((r) => r.state !== 'done');
  let csrf = await freshCsrf(urls.csrf, texts);
  let sent = 0;
  onProgress(0, todo.length, null);
  for (const rec of todo) {
    await vault.markSent(rec.seq);
    let res;
    for (let attempt = 0; ; attempt++) {
      try {
        res = await postWithPackage(urls.sync, { csrf, token }, { op: rec.op });
      } catch {
        throw new SyncStopped(texts.connectionLost, 0);
      }
      // Too many requests: wait as the server asks (a few times), then send the same operation again.
      if (res.status === 429 && attempt < 5) {
        const wait = Math.min(Number(res.headers.get('retry-after')) || 10, 60);
        await new Promise((resolve) => setTimeout(resolve, wait * 1000));
        continue;
      }
      // A CSRF token refused once (e.g. the session was renewed meanwhile): take a fresh one and send again.
      if (res.status === 403 && attempt === 0) {
        const copy = res.clone();
        const body = await copy.json().catch(() => null);
        if (body?.error?.code === 'csrf') {
          csrf = await freshCsrf(urls.csrf, texts);
          continue;
        }
      }
      break;
    }
    if (res.status !== 200) throw new SyncStopped(await errorMessage(res, texts.failed), res.status);
    const answer = await res.json();
    const { seq, state: _state, ...record } = rec;
    await vault.putOp(seq, 'done', { ...record, answer });
    sent++;
    onProgress(sent, todo.length, { ...rec, state: 'done', answer });
  }
  return sent;
}

/**
 * Asks what became of the conflicts the syncs were answered with. A resolved one is kept on its operation with the
 * resident as they are now (`answer.resolved`), so the device shows the resolution's values and bases its next change
 * on that version. Resolves with the count newly learned; throws SyncStopped as the sync does.
 */
export async function learnConflicts({ vault, urls, texts }) {
  const waiting = (await vault.ops()).filter((r) => r.answer?.status === 'conflict' && !r.answer.resolved);
  if (!waiting.length) return 0;
  const token = await vault.read('token');
  const csrf = await freshCsrf(urls.csrf, texts);
  let res;
  try {
    res = await postWithPackage(
      urls.conflictOutcomes,
      { csrf, token },
      { ids: waiting.slice(0, 500).map((r) => r.answer.conflictId) },
    );
  } catch {
    throw new SyncStopped(texts.connectionLost, 0);
  }
  if (res.status !== 200) throw new SyncStopped(await errorMessage(res, texts.failed), res.status);
  const { conflicts } = await res.json();
  let learned = 0;
  for (const k of conflicts) {
    if (k.status !== 'resolved') continue;
    const rec = waiting.find((r) => r.answer.conflictId === k.id);
    if (!rec) continue;
    const { seq, state, ...record } = rec;
    await vault.putOp(seq, state, { ...record, answer: { ...record.answer, resolved: { person: k.person } } });
    learned++;
  }
  return learned;
}

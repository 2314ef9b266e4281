// The workstation's store on the device: IndexedDB holding everything personal encrypted with AES-GCM-256 under a
// random data key; the data key is kept only wrapped (AES-GCM) by a key derived from the worker's password with
// PBKDF2-SHA-256 and the package's salt. In clear: the package id, trip id, worker id, expiry, salt and wrapped key.
//
// One database per trip (`turbota-outreach-<trip id>`) with three stores:
//   meta — the clear meta under the key 'meta';
//   data — encrypted records by name ('package', 'token');
//   ops  — the log of operations (auto-increment `seq` = the order they were made), each `{ seq, state, iv, ct }`
//          with `state` 'pending' (never sent), 'sent' (sent, answer not received) or 'done' (answered).

const DB_PREFIX = 'turbota-outreach-';
export const PBKDF2_ITERATIONS = 310_000;
const enc = new TextEncoder();
const dec = new TextDecoder();

/** Thrown when the password does not unwrap the data key. */
export class WrongPassword extends Error {}

const request = (r) =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

/** Resolves when a read-write transaction is committed to disk (so «Збережено» is only said after this). */
const committed = (tx) =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });

export const b64 = {
  encode(bytes) {
    const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    let s = '';
    for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode(...u8.subarray(i, i + 0x8000));
    return btoa(s);
  },
  decode(text) {
    const s = atob(text);
    const u8 = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) u8[i] = s.charCodeAt(i);
    return u8;
  },
};

function openDb(name) {
  const r = indexedDB.open(name, 1);
  r.onupgradeneeded = () => {
    const db = r.result;
    db.createObjectStore('meta');
    db.createObjectStore('data');
    db.createObjectStore('ops', { keyPath: 'seq', autoIncrement: true });
  };
  return request(r).then((db) => {
    // A wipe from another tab (or a sweep) is not held up by this one: it lets go, its next step fails and says so.
    db.onversionchange = () => db.close();
    return db;
  });
}

/** The password-derived key that wraps and unwraps the data key. */
async function wrappingKey(password, saltB64) {
  const material = await crypto.subtle.importKey('raw', enc.encode(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: b64.decode(saltB64), iterations: PBKDF2_ITERATIONS },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

async function seal(key, value) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, enc.encode(JSON.stringify(value)));
  return { iv, ct };
}

async function open(key, box) {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: box.iv }, key, box.ct);
  return JSON.parse(dec.decode(plain));
}

/** A trip's store on this device. `key` (the data key) is set once unlocked and only ever kept in memory. */
export class Vault {
  constructor(tripId) {
    this.name = DB_PREFIX + tripId;
    this.db = null;
    this.key = null;
  }

  async connect() {
    this.db ??= await openDb(this.name);
    return this;
  }

  /** The clear meta, or null when nothing of this trip is on the device. */
  async meta() {
    await this.connect();
    return (await request(this.db.transaction('meta').objectStore('meta').get('meta'))) ?? null;
  }

  /**
   * Stores a freshly downloaded package: a new random data key wrapped by the password's key, the package and its
   * token encrypted. Replaces whatever of this trip was stored (the caller makes sure nothing unsynced is lost).
   */
  async create(password, token, pkg) {
    await this.connect();
    const wrapper = await wrappingKey(password, pkg.salt);
    const dataKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
    const wrapIv = crypto.getRandomValues(new Uint8Array(12));
    const wrapped = await crypto.subtle.wrapKey('raw', dataKey, wrapper, { name: 'AES-GCM', iv: wrapIv });
    const meta = {
      format: 1,
      packageId: pkg.id,
      tripId: pkg.tripId,
      workerId: pkg.workerId,
      expiresAt: pkg.expiresAt,
      salt: pkg.salt,
      wrapIv,
      wrappedKey: wrapped,
    };
    this.key = await this.unwrap(meta, password);
    const sealedPackage = await seal(this.key, pkg);
    const sealedToken = await seal(this.key, token);
    const tx = this.db.transaction(['meta', 'data', 'ops'], 'readwrite', { durability: 'strict' });
    tx.objectStore('ops').clear();
    tx.objectStore('data').put(sealedPackage, 'package');
    tx.objectStore('data').put(sealedToken, 'token');
    tx.objectStore('meta').put(meta, 'meta');
    await committed(tx);
  }

  async unwrap(meta, password) {
    const wrapper = await wrappingKey(password, meta.salt);
    try {
      return await crypto.subtle.unwrapKey(
        'raw',
        meta.wrappedKey,
        wrapper,
        { name: 'AES-GCM', iv: meta.wrapIv },
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      );
    } catch {
      throw new WrongPassword();
    }
  }

  /** Unlocks the stored data with the password (WrongPassword when it does not unwrap the key). */
  async unlock(password) {
    const meta = await this.meta();
    this.key = await this.unwrap(meta, password);
  }

  /** Forgets the data key (the idle lock): the stored data stays, and opens again with the password. */
  lock() {
    this.key = null;
  }

  async read(name) {
    const box = await request(this.db.transaction('data').objectStore('data').get(name));
    return box ? open(this.key, box) : null;
  }

  /** Appends an operation to the log, encrypted; resolves once it is on disk. Answers its `seq`. */
  async addOp(record) {
    const box = await seal(this.key, record);
    const tx = this.db.transaction('ops', 'readwrite', { durability: 'strict' });
    const seq = request(tx.objectStore('ops').add({ state: 'pending', ...box }));
    await committed(tx);
    return seq;
  }

  /** Rewrites an operation (its content and/or state); resolves once it is on disk. */
  async putOp(seq, state, record) {
    const box = await seal(this.key, record);
    const tx = this.db.transaction('ops', 'readwrite', { durability: 'strict' });
    tx.objectStore('ops').put({ seq, state, ...box });
    await committed(tx);
  }

  /** Marks an operation as sent (before sending it: an interrupted sync sends it again, the server answers once). */
  async markSent(seq) {
    const tx = this.db.transaction('ops', 'readwrite', { durability: 'strict' });
    const store = tx.objectStore('ops');
    const row = await request(store.get(seq));
    if (row && row.state === 'pending') store.put({ ...row, state: 'sent' });
    await committed(tx);
  }

  /** Every operation, decrypted, in the order they were made: `{ seq, state, ...record }`. */
  async ops() {
    const rows = await request(this.db.transaction('ops').objectStore('ops').getAll());
    const out = [];
    for (const row of rows) out.push({ seq: row.seq, state: row.state, ...(await open(this.key, row)) });
    return out;
  }

  /** How many operations are not yet answered by the server (readable while locked: states are in clear). */
  async unsyncedCount() {
    await this.connect();
    const rows = await request(this.db.transaction('ops').objectStore('ops').getAll());
    return rows.filter((r) => r.state !== 'done').length;
  }

  /** Deletes this trip's database from the device. */
  async wipe() {
    this.db?.close();
    this.db = null;
    this.key = null;
    await request(indexedDB.deleteDatabase(this.name));
  }
}

/**
 * Removes the stored data of every trip whose package has expired or that belongs to another worker than the one
 * signed in. Answers the ids of the trips wiped, by reason (to say so).
 */
export async function sweep(workerId, now = Date.now()) {
  const wiped = { expired: [], otherWorker: [] };
  const all = indexedDB.databases ? await indexedDB.databases() : [];
  for (const { name } of all) {
    if (!name?.startsWith(DB_PREFIX)) continue;
    const v = new Vault(name.slice(DB_PREFIX.length));
    const meta = await v.meta().catch(() => null);
    if (!meta) {
      v.db?.close();
    } else if (meta.workerId !== workerId) {
      await v.wipe();
      wiped.otherWorker.push(meta.tripId);
    } else if (Date.parse(meta.expiresAt) <= now) {
      await v.wipe();
      wiped.expired.push(meta.tripId);
    } else v.db?.close();
  }
  return wiped;
}

/** The trips whose data is kept on this device and not expired (their ids, from the stores' clear meta). */
export async function tripsOnDevice(now = Date.now()) {
  const ids = [];
  const all = indexedDB.databases ? await indexedDB.databases() : [];
  for (const { name } of all) {
    if (!name?.startsWith(DB_PREFIX)) continue;
    const v = new Vault(name.slice(DB_PREFIX.length));
    const meta = await v.meta().catch(() => null);
    v.db?.close();
    if (meta && Date.parse(meta.expiresAt) > now) ids.push(meta.tripId);
  }
  return ids;
}

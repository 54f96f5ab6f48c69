// Every write goes first to an IndexedDB outbox with the record's UUID, then to the server's
// /sync in batches, with retry and backoff. Nothing is lost if the tab closes offline; resending
// never duplicates (the server's PUT is idempotent by id). An entry the server refuses for good
// (a 4xx other than 401/429, e.g. a time in the future from a wrong phone clock) is not dropped:
// it moves to the "refused" store and the home screen shows it with the server's reason.
import { call, me, motherPath } from "./api";
import { lang } from "./i18n";
import { signal } from "./state";
import type { SyncResult } from "./wire";

export interface OutboxItem {
  kind: string;
  id: string;
  body: unknown;
}

// `lang`: the language the server wrote `detail` in (the app's when it was refused).
export interface Refused extends OutboxItem { status: number; detail: string; field?: string; lang?: string }

export const pending = signal(0);
export const refused = signal<Refused[]>([]);
export const online = signal(navigator.onLine);

const DB = "tia";
const STORE = "outbox";
const REFUSED = "refused";

// One connection for the app's life (an open per transaction leaked one each time). Closed when
// another tab upgrades the database, and opened again on the next use.
let connection: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  connection ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB, 2);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: "id" });
      if (!db.objectStoreNames.contains(REFUSED)) db.createObjectStore(REFUSED, { keyPath: "id" });
    };
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => {
        db.close();
        connection = null;
      };
      resolve(db);
    };
    req.onerror = () => {
      connection = null;
      reject(req.error);
    };
  });
  return connection;
}

async function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>, store = STORE): Promise<T> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const t = db.transaction(store, mode);
    const req = fn(t.objectStore(store));
    t.oncomplete = () => resolve(req.result);
    t.onerror = () => reject(t.error);
  });
}

// Moves one entry between the stores in one transaction, so it is never in neither.
async function move(id: string, from: string, to: string, make: (v: any) => unknown): Promise<void> {
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    const t = db.transaction([from, to], "readwrite");
    const get = t.objectStore(from).get(id);
    get.onsuccess = () => {
      if (get.result) {
        t.objectStore(to).put(make(get.result));
        t.objectStore(from).delete(id);
      }
    };
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error);
  });
}

async function refreshCount(): Promise<void> {
  pending.set(await tx("readonly", (s) => s.count()));
  refused.set(await tx<Refused[]>("readonly", (s) => s.getAll(), REFUSED));
}

// She read why it was refused: put it back to send again (after fixing the phone's clock), or drop it.
export async function retryRefused(id: string): Promise<void> {
  await move(id, REFUSED, STORE, ({ kind, id: rid, body }: Refused) => ({ kind, id: rid, body }));
  await refreshCount();
  void flush();
}
export async function discardRefused(id: string): Promise<void> {
  await tx("readwrite", (s) => s.delete(id), REFUSED);
  await refreshCount();
}

// After her account is erased: nothing of hers stays on this phone (the signed-in user, entries
// waiting to be sent or refused, her reminder and notification settings); her language and
// display settings stay.
export async function forgetThisPhone(): Promise<void> {
  for (const k of Object.keys(localStorage)) if (k !== "tia.lang" && k !== "tia.prefs") localStorage.removeItem(k);
  if (connection) (await connection.catch(() => null))?.close();
  connection = null;
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(DB);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
  pending.set(0);
  refused.set([]);
  me.set(null);
}

// What still waits to be sent (home counts it at once).
export async function queuedItems(): Promise<OutboxItem[]> {
  return tx<OutboxItem[]>("readonly", (s) => s.getAll());
}

export async function enqueue(item: OutboxItem): Promise<void> {
  await tx("readwrite", (s) => s.put(item));
  await refreshCount();
  void flush();
}

export type { SyncResult };

// How the outbox reaches the server and waits: the app's, or a test's.
export interface OutboxEnv {
  send(items: OutboxItem[]): Promise<{ results: SyncResult[] }>;
  later(fn: () => void, ms: number): void;  // one pending retry at a time
}

let retryTimer: ReturnType<typeof setTimeout> | undefined;
let env: OutboxEnv = {
  send: (items) => call("POST", motherPath("/sync"), { items, sent_at: new Date().toISOString() }),
  later: (fn, ms) => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(fn, ms);
  },
};
export function setOutboxEnv(e: Partial<OutboxEnv>): void {
  env = { ...env, ...e };
}

export const kFirstBackoffMs = 1000;
export const kMaxBackoffMs = 60000;
let flushing = false;
let backoffMs = kFirstBackoffMs;

// Waits before the next attempt, twice as long each time up to a minute; a success resets it.
function retryLater(): void {
  env.later(() => void flush(), backoffMs);
  backoffMs = Math.min(backoffMs * 2, kMaxBackoffMs);
}

// A refusal for good: a 4xx other than 401 (signed out) and 429 (slow down), which pass.
function refusedForGood(status: number): boolean {
  return status >= 400 && status < 500 && status !== 401 && status !== 429;
}

export async function flush(): Promise<void> {
  if (flushing || !me.get()) return;
  flushing = true;
  let again = false;  // more to send right away (a full batch, or entries added meanwhile)
  try {
    const items = await tx<OutboxItem[]>("readonly", (s) => s.getAll());
    if (items.length === 0) return;
    const batch = items.slice(0, 500);
    const r = await env.send(batch);
    // Sent (2xx): out of the outbox. Refused for good: kept, with why. Anything else (a 5xx of a
    // struggling server, 429, 401) stays to be sent again after the backoff, never at once.
    let struggling = false;
    for (const res of r.results) {
      if (res.status < 300) {
        await tx("readwrite", (s) => s.delete(res.id));
      } else if (refusedForGood(res.status)) {
        await move(res.id, STORE, REFUSED, (item: OutboxItem) => ({
          ...item, status: res.status, detail: res.error?.detail ?? "", field: res.error?.field, lang: lang.get() }));
      } else {
        struggling = true;
      }
    }
    online.set(true);
    if (struggling) {
      retryLater();
    } else {
      backoffMs = kFirstBackoffMs;
      again = true;
    }
  } catch {
    online.set(navigator.onLine);
    retryLater();
  } finally {
    flushing = false;
    await refreshCount();
  }
  if (again && pending.get() > 0 && online.get()) void flush();
}

export function startOutbox(): void {
  window.addEventListener("online", () => {
    online.set(true);
    backoffMs = kFirstBackoffMs;
    void flush();
  });
  window.addEventListener("offline", () => online.set(false));
  void refreshCount().then(flush);
}

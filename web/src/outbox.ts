// Every write goes first to an IndexedDB outbox with the record's UUID, then to the server's
// /sync in batches, with retry and backoff. Nothing is lost if the tab closes offline; resending
// never duplicates (the server's PUT is idempotent by id).
import { call, me, motherPath } from "./api";
import { signal } from "./state";

export interface OutboxItem {
  kind: string;
  id: string;
  body: unknown;
}

export const pending = signal(0);
export const online = signal(navigator.onLine);

const DB = "tia";
const STORE = "outbox";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "id" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const req = fn(t.objectStore(STORE));
    t.oncomplete = () => resolve(req.result);
    t.onerror = () => reject(t.error);
  });
}

async function refreshCount(): Promise<void> {
  pending.set(await tx("readonly", (s) => s.count()));
}

export async function enqueue(item: OutboxItem): Promise<void> {
  await tx("readwrite", (s) => s.put(item));
  await refreshCount();
  void flush();
}

let flushing = false;
let backoffMs = 1000;
let retryTimer: number | undefined;

export async function flush(): Promise<void> {
  if (flushing || !me.get()) return;
  flushing = true;
  try {
    const items = await tx<OutboxItem[]>("readonly", (s) => s.getAll());
    if (items.length === 0) return;
    const batch = items.slice(0, 500);
    const r = await call<{ results: { id: string; status: number }[] }>("POST", motherPath("/sync"), {
      items: batch,
      sent_at: new Date().toISOString(),
    });
    // Sent (2xx) or refused for good (4xx other than 401/429): out of the outbox.
    for (const res of r.results) {
      if (res.status < 300 || (res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 429)) {
        await tx("readwrite", (s) => s.delete(res.id));
      }
    }
    backoffMs = 1000;
    online.set(true);
  } catch {
    online.set(navigator.onLine);
    clearTimeout(retryTimer);
    retryTimer = window.setTimeout(() => void flush(), backoffMs);
    backoffMs = Math.min(backoffMs * 2, 60000);
  } finally {
    flushing = false;
    await refreshCount();
  }
  if (pending.get() > 0 && online.get()) void flush();
}

export function startOutbox(): void {
  window.addEventListener("online", () => {
    online.set(true);
    backoffMs = 1000;
    void flush();
  });
  window.addEventListener("offline", () => online.set(false));
  void refreshCount().then(flush);
}

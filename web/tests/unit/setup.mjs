// What the app's modules expect of a browser, for node:test: an IndexedDB (fake-indexeddb, an
// in-memory implementation of the standard), localStorage, navigator.onLine, crypto, window events.
// Imported before the bundles under test (build/web-unit/, made by `npm run test:unit`).
import "fake-indexeddb/auto";
import { webcrypto } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

class MemoryStorage {
  #m = new Map();
  getItem(k) { return this.#m.has(k) ? this.#m.get(k) : null; }
  setItem(k, v) { this.#m.set(k, String(v)); }
  removeItem(k) { this.#m.delete(k); }
  clear() { this.#m.clear(); }
}
globalThis.localStorage ??= new MemoryStorage();
if (!globalThis.navigator) Object.defineProperty(globalThis, "navigator", { value: { onLine: true } });
if (!globalThis.crypto) Object.defineProperty(globalThis, "crypto", { value: webcrypto });
globalThis.window ??= Object.assign(new EventTarget(), { setTimeout, clearTimeout });

export const unitDir = join(resolve(dirname(fileURLToPath(import.meta.url)), "../../.."), "build/web-unit");

// Waits until `ready()` holds (IndexedDB answers on later ticks), at most `ms`.
export async function until(ready, ms = 2000) {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 2));
  }
}

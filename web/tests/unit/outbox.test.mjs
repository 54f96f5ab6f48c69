// The outbox (web/src/outbox.ts): what reaches the server, when it is tried again, and that it
// keeps one IndexedDB connection. The server is the test's `send`; time is the test's `later`.
import assert from "node:assert/strict";
import { test } from "node:test";
import { join } from "node:path";
import { unitDir, until } from "./setup.mjs";

let opens = 0;
const realOpen = indexedDB.open.bind(indexedDB);
indexedDB.open = (...args) => { opens++; return realOpen(...args); };

const { me } = await import(join(unitDir, "api.mjs"));
const outbox = await import(join(unitDir, "outbox.mjs"));
const { enqueue, flush, pending, refused, setOutboxEnv, kFirstBackoffMs, kMaxBackoffMs } = outbox;
me.set({ id: "m1", email: "m@x", display_name: "M", role: "mother" });

// A server the test answers: each send waits for the test's `answer` for its items.
let sends = [];
let waits = [];
let answer = (items) => ({ results: items.map((i) => ({ id: i.id, status: 201 })) });
setOutboxEnv({
  send: async (items) => { sends.push(items.map((i) => i.id)); return answer(items); },
  later: (fn, ms) => waits.push({ fn, ms }),
});
const item = (id) => ({ kind: "nappy", id, body: { wet: true } });
async function settle() {  // flushes and counts have finished
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 5));
}

test("a sent entry leaves the outbox", async () => {
  sends = []; waits = [];
  await enqueue(item("a1"));
  await until(() => pending.get() === 0);
  assert.deepEqual(sends, [["a1"]]);
  assert.equal(waits.length, 0);
});

test("a 5xx for an entry keeps it and waits, twice as long each time up to a minute, never at once", async () => {
  sends = []; waits = [];
  answer = (items) => ({ results: items.map((i) => ({ id: i.id, status: 503, error: { detail: "busy" } })) });
  await enqueue(item("b1"));
  await until(() => waits.length === 1);
  await settle();
  assert.equal(sends.length, 1, "sent once, then waits: no tight loop against a struggling server");
  assert.equal(pending.get(), 1);
  const delays = [waits[0].ms];
  for (let i = 0; i < 8; i++) {
    const w = waits.shift();
    w.fn();
    await until(() => waits.length === 1);
    delays.push(waits[0].ms);
  }
  await settle();
  assert.equal(sends.length, 9);
  assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  assert.equal(kFirstBackoffMs, 1000);
  assert.equal(kMaxBackoffMs, 60000);
  // The server recovers: the entry goes, and the next trouble starts from the first wait again.
  answer = (items) => ({ results: items.map((i) => ({ id: i.id, status: 200 })) });
  waits.shift().fn();
  await until(() => pending.get() === 0);
  answer = () => { throw new TypeError("Failed to fetch"); };
  waits = [];
  await enqueue(item("b2"));
  await until(() => waits.length === 1);
  assert.equal(waits[0].ms, 1000);
  answer = (items) => ({ results: items.map((i) => ({ id: i.id, status: 201 })) });
  waits.shift().fn();
  await until(() => pending.get() === 0);
});

test("a refusal for good is kept with the server's reason; 429 and 401 are tried again later", async () => {
  sends = []; waits = [];
  answer = (items) => ({ results: items.map((i) => i.id === "c1"
    ? { id: i.id, status: 400, error: { detail: "must not be in the future", field: "/occurred_at" } }
    : { id: i.id, status: 429 }) });
  await enqueue(item("c1"));
  await until(() => refused.get().length === 1);
  assert.equal(refused.get()[0].detail, "must not be in the future");
  assert.equal(refused.get()[0].field, "/occurred_at");
  sends = []; waits = [];
  await enqueue(item("c2"));
  await until(() => waits.length === 1);
  await settle();
  assert.equal(sends.length, 1);
  assert.equal(pending.get(), 1);
  answer = (items) => ({ results: items.map((i) => ({ id: i.id, status: 201 })) });
  waits.shift().fn();
  await until(() => pending.get() === 0);
});

test("every transaction shares one IndexedDB connection", async () => {
  for (let i = 0; i < 10; i++) await enqueue(item(`d${i}`));
  await until(() => pending.get() === 0);
  await flush();
  assert.equal(opens, 1);
});

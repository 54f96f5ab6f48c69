// The feed timer (web/src/timer.ts): sides, pauses, totals, what it sends, and that a running feed
// is kept in localStorage so a reload never loses it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { join } from "node:path";
import { unitDir } from "./setup.mjs";

const t = await import(join(unitDir, "timer.mjs"));
const S = 1000, M = 60 * S;
const T0 = Date.UTC(2026, 11, 7, 2, 0, 0);

test("a feed with a pause and a switch: totals leave the pause out and it is kept across a reload", () => {
  t.start("left", T0);
  t.togglePause(T0 + 5 * M);
  assert.equal(t.isPaused(t.feed.get()), true);
  t.togglePause(T0 + 7 * M);
  t.switchSide(T0 + 12 * M);
  assert.equal(t.activeSide(t.feed.get()), "right");
  assert.deepEqual(t.totals(t.feed.get(), T0 + 20 * M), { left: 10 * M, right: 8 * M });
  const kept = JSON.parse(localStorage.getItem("tia.feed"));
  assert.equal(kept.segments.length, 2);
  assert.equal(kept.id, t.feed.get().id);
  t.addBottle({ milk: "expressed_breast_milk", ml: 30, at: T0 + 21 * M });
  const done = t.finish(T0 + 20 * M);
  assert.equal(localStorage.getItem("tia.feed"), null);
  assert.equal(t.feed.get(), null);
  const segs = done.body.segments;
  assert.deepEqual(segs.map((s) => [s.type, s.side ?? s.milk]),
                   [["breast", "left"], ["breast", "right"], ["bottle", "expressed_breast_milk"]]);
  assert.equal(segs[0].pauses.length, 1);
  assert.equal(segs[2].volume_ml, 30);
  assert.equal(done.body.occurred_at, segs[0].start);
});

test("a closed segment under a second is a mis-tap and dropped; the open one counts at least a second", () => {
  t.start("left", T0);
  t.switchSide(T0 + 500);
  const done = t.finish(T0 + 10 * M);
  assert.deepEqual(done.body.segments.map((s) => s.side), ["right"]);
  t.start("right", T0);
  const tapped = t.finish(T0 + 200);  // finished at once: the open segment is kept as one second
  assert.equal(new Date(tapped.body.segments[0].end) - new Date(tapped.body.segments[0].start), S);
  t.start("left", T0);
  t.discard();
  assert.equal(t.feed.get(), null);
  assert.equal(localStorage.getItem("tia.feed"), null);
});

test("a past feed: first side then the other, whole seconds, the bottle last, in her unit", () => {
  const f = t.pastFeed(T0 + 1234, "right", { left: 5, right: 10 }, { milk: "formula", oz: 2 });
  const segs = f.body.segments;
  assert.deepEqual(segs.map((s) => s.side ?? s.milk), ["right", "left", "formula"]);
  assert.equal(segs[2].volume_oz, 2);
  assert.equal(segs[2].volume_ml, undefined);
  assert.equal(new Date(segs[1].end) - new Date(segs[0].start), 15 * M);
  assert.equal(t.pastFeed(T0, "left", { left: 0, right: 0 }), null);
});

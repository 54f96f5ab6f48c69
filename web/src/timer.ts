// The feed timer: one feed as one session of per-side segments with pauses. Kept in
// localStorage on every change, so a reload or a closed tab never loses a running feed.
import { isoLocal } from "./api";
import { signal } from "./state";

export type Side = "left" | "right";
interface Pause { start: number; end?: number }
interface Segment { side: Side; start: number; end?: number; pauses: Pause[] }
export type Milk = "expressed_breast_milk" | "donor_milk" | "formula";
export interface Bottle { milk: Milk; ml?: number; oz?: number; at: number }
export interface Feed { id: string; segments: Segment[]; bottles?: Bottle[] }

const KEY = "tia.feed";
export const feed = signal<Feed | null>(load());

function load(): Feed | null {
  const raw = localStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as Feed) : null;
}

function save(f: Feed | null): void {
  if (f) localStorage.setItem(KEY, JSON.stringify(f));
  else localStorage.removeItem(KEY);
  feed.set(f);
}

function current(f: Feed): Segment | undefined {
  const s = f.segments[f.segments.length - 1];
  return s && s.end === undefined ? s : undefined;
}

export function isPaused(f: Feed): boolean {
  const s = current(f);
  return !!s && s.pauses.length > 0 && s.pauses[s.pauses.length - 1].end === undefined;
}

export function activeSide(f: Feed): Side | undefined {
  return current(f)?.side;
}

export function start(side: Side, now = Date.now()): void {
  const f = feed.get() ?? { id: crypto.randomUUID(), segments: [] };
  const s = current(f);
  if (s) {
    if (isPaused(f)) s.pauses[s.pauses.length - 1].end = now;
    s.end = now;
  }
  f.segments.push({ side, start: now, pauses: [] });
  save({ ...f });
}

export function switchSide(now = Date.now()): void {
  const f = feed.get();
  const side = f && activeSide(f);
  if (side) start(side === "left" ? "right" : "left", now);
}

export function togglePause(now = Date.now()): void {
  const f = feed.get();
  const s = f && current(f);
  if (!f || !s) return;
  if (isPaused(f)) s.pauses[s.pauses.length - 1].end = now;
  else s.pauses.push({ start: now });
  save({ ...f });
}

// A bottle top-up given during this feed (kept in her unit; the server converts oz to mL).
export function addBottle(b: Bottle): void {
  const f = feed.get();
  if (!f) return;
  save({ ...f, bottles: [...(f.bottles ?? []), b] });
}

// Milliseconds at the breast per side, pauses excluded.
export function totals(f: Feed, now = Date.now()): Record<Side, number> {
  const out: Record<Side, number> = { left: 0, right: 0 };
  for (const s of f.segments) {
    const end = s.end ?? now;
    let ms = end - s.start;
    for (const p of s.pauses) ms -= (p.end ?? end) - p.start;
    out[s.side] += Math.max(0, ms);
  }
  return out;
}

// Stops the feed and returns the record body for PUT /feeds/{id}; clears the timer.
export function finish(now = Date.now()): { id: string; body: unknown } | null {
  const f = feed.get();
  if (!f || f.segments.length === 0) return null;
  const s = current(f);
  if (s) {
    if (isPaused(f)) s.pauses[s.pauses.length - 1].end = now;
    s.end = Math.max(now, s.start + 1000);
  }
  // The server keeps whole seconds: a segment or pause shorter than a second is a mis-tap.
  const segments = f.segments.filter((seg) => seg.end! - seg.start >= 1000);
  for (const seg of segments) seg.pauses = seg.pauses.filter((p) => p.end! - p.start >= 1000);
  save(null);
  if (segments.length === 0) return null;  // a bottle alone is logged as a past feed
  const breast = segments.map((seg) => ({
    at: seg.start,
    json: {
      type: "breast",
      side: seg.side,
      start: isoLocal(seg.start),
      end: isoLocal(seg.end!),
      pauses: seg.pauses.map((p) => ({ start: isoLocal(p.start), end: isoLocal(p.end!) })),
    } as Record<string, unknown>,
  }));
  const bottles = (f.bottles ?? []).map((b) => ({ at: Math.max(b.at, segments[0].start), json: bottleJson(b, Math.max(b.at, segments[0].start)) }));
  const all = [...breast, ...bottles].sort((a, b) => a.at - b.at);
  return { id: f.id, body: { occurred_at: isoLocal(segments[0].start), segments: all.map((x) => x.json) } };
}

export function discard(): void {
  save(null);
}

export function bottleJson(b: Bottle, at: number): Record<string, unknown> {
  const out: Record<string, unknown> = { type: "bottle", milk: b.milk, start: isoLocal(at) };
  if (b.oz !== undefined) out.volume_oz = b.oz;
  else out.volume_ml = b.ml;
  return out;
}

// A feed she did not time: started at `start`, `first` side for leftMin/rightMin minutes, then
// the other, then any bottle. Seconds dropped, as the server keeps whole seconds.
export function pastFeed(start: number, first: Side, minutes: Record<Side, number>, bottle?: Omit<Bottle, "at">): { id: string; body: unknown } | null {
  const segs: Record<string, unknown>[] = [];
  let t = Math.floor(start / 1000) * 1000;
  const begin = t;
  for (const side of first === "left" ? (["left", "right"] as Side[]) : (["right", "left"] as Side[])) {
    const ms = Math.round(minutes[side] * 60000);
    if (ms <= 0) continue;
    segs.push({ type: "breast", side, start: isoLocal(t), end: isoLocal(t + ms), pauses: [] });
    t += ms;
  }
  if (bottle) segs.push(bottleJson({ ...bottle, at: t }, t));
  if (segs.length === 0) return null;
  return { id: crypto.randomUUID(), body: { occurred_at: isoLocal(begin), segments: segs } };
}

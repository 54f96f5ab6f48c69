// The feed timer: one feed as one session of per-side segments with pauses. Kept in
// localStorage on every change, so a reload or a closed tab never loses a running feed.
import { isoLocal } from "./api";
import { signal } from "./state";

export type Side = "left" | "right";
interface Pause { start: number; end?: number }
interface Segment { side: Side; start: number; end?: number; pauses: Pause[] }
export interface Feed { id: string; segments: Segment[] }

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
  if (segments.length === 0) return null;
  const body = {
    occurred_at: isoLocal(segments[0].start),
    segments: segments.map((seg) => ({
      type: "breast",
      side: seg.side,
      start: isoLocal(seg.start),
      end: isoLocal(seg.end!),
      pauses: seg.pauses.map((p) => ({ start: isoLocal(p.start), end: isoLocal(p.end!) })),
    })),
  };
  return { id: f.id, body };
}

export function discard(): void {
  save(null);
}

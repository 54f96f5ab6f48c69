// Live updates: the server's event stream (/api/v1/events) says which consultation or booking
// changed (`type`); the screen refetches it. Events carry ids only. When the stream drops, EventSource reconnects; each
// time the stream opens the screen refetches (an event sent while it was not connected, or
// between the screen's first fetch and the stream's start, is not lost), and again when the app
// comes back to the foreground.
import { useEffect } from "preact/hooks";

export interface LiveEvent { type: string; id: string; change: string }

export function useLive(onEvent: (e: LiveEvent | null) => void, deps: unknown[] = []) {
  useEffect(() => {
    const source = new EventSource("/api/v1/events", { withCredentials: true });
    source.addEventListener("open", () => onEvent(null));
    const relay = (m: Event) => {
      try {
        onEvent(JSON.parse((m as MessageEvent).data) as LiveEvent);
      } catch { /* a malformed event changes nothing */ }
    };
    source.addEventListener("consultation", relay);
    source.addEventListener("booking", relay);
    const visible = () => { if (document.visibilityState === "visible") onEvent(null); };
    document.addEventListener("visibilitychange", visible);
    return () => {
      source.close();
      document.removeEventListener("visibilitychange", visible);
    };
  }, deps);
}

// A photo of a thread, fetched with the session and shown from memory (the server sends photos
// only as attachments, never to be opened from a URL).
export async function photoUrl(url: string): Promise<string> {
  const r = await fetch(url, { credentials: "same-origin" });
  if (!r.ok) throw new Error(String(r.status));
  return URL.createObjectURL(await r.blob());
}

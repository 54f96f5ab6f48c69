// Screens have URLs (/feed, /check, /history, ...): a reload stays on the screen and the phone's
// back button goes back a screen instead of leaving the app. One entry per screen in the browser's
// history; `leave()` ends a task (a saved feed, a finished check) by going back where she came from.
import { signal } from "./state";

const PATHS: Record<string, string> = {
  home: "/", feed: "/feed", pump: "/pump", nappy: "/nappy", care: "/care", checkin: "/checkin", symptoms: "/check",
  booking: "/booking", "booking-today": "/booking/today", appointments: "/appointments",
  consult: "/consult", "consult-new": "/consult/new", library: "/read", programme: "/programme", classes: "/classes", history: "/history", log: "/log", baby: "/baby", summary: "/summary", settings: "/settings",
};
const SCREENS: Record<string, string> = Object.fromEntries(Object.entries(PATHS).map(([s, p]) => [p, s]));

// The screen a URL shows ("consult:<check id>" for a question about a check, "thread:<id>" for a
// conversation, "read:<slug>" for a library page read in the app); home otherwise.
export function screenOf(pathname: string, search = ""): string {
  const asked = new URLSearchParams(search).get("screen");  // the manifest's shortcuts: /?screen=feed
  if (asked && PATHS[asked]) return asked;
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  const consult = /^\/consult\/([0-9a-f-]{36})$/.exec(path);
  if (consult) return `consult:${consult[1]}`;
  const thread = /^\/consult\/thread\/([0-9a-f-]{36})$/.exec(path);
  if (thread) return `thread:${thread[1]}`;
  const read = /^\/read\/([a-z0-9-]{3,80})$/.exec(path);
  if (read) return `read:${read[1]}`;
  const service = /^\/booking\/service\/([0-9a-f-]{36})$/.exec(path);
  if (service) return `booking:${service[1]}`;
  return SCREENS[path] ?? "home";
}

export function pathOf(screen: string): string {
  if (screen.startsWith("consult:")) return `/consult/${screen.slice(8)}`;
  if (screen.startsWith("thread:")) return `/consult/thread/${screen.slice(7)}`;
  if (screen.startsWith("read:")) return `/read/${screen.slice(5)}`;
  if (screen.startsWith("booking:")) return `/booking/service/${screen.slice(8)}`;
  return PATHS[screen] ?? "/";
}

export const screen = signal(screenOf(location.pathname, location.search));

// The invitation code of a shared link (/?invite=CODE), read before the URL is tidied to the screen's.
export const invitedCode = new URLSearchParams(location.search).get("invite") ?? "";

// Opens `to`: a new history entry, or in place of this one with `replace`.
// Each entry remembers the screen it was opened from (`from`), so a screen's own way back can
// return there through the history instead of adding an entry.
export function navigate(to: string, { replace = false } = {}): void {
  const depth = (history.state?.depth ?? 0) + (replace ? 0 : 1);
  const from = replace ? history.state?.from : screen.get();
  if (replace) history.replaceState({ depth, from }, "", pathOf(to));
  else if (to !== screen.get()) history.pushState({ depth, from }, "", pathOf(to));
  screen.set(to);
}

// Goes to `target`: back through the history when that is where she came from, else forward.
export function backTo(target: string): void {
  if ((history.state?.depth ?? 0) > 0 && history.state?.from === target) history.back();
  else navigate(target);
}

// Ends the screen's task: back to the screen she came from, or home when she opened this one first.
export function leave(): void {
  if ((history.state?.depth ?? 0) > 0) history.back();
  else navigate("home", { replace: true });
}

export function startRouting(): void {
  // The first entry: the URL as it is (a shortcut's ?screen= becomes the screen's own path).
  history.replaceState({ depth: history.state?.depth ?? 0 }, "", pathOf(screen.get()));
  window.addEventListener("popstate", () => screen.set(screenOf(location.pathname)));
}

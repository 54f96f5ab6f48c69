// Notifications when the app is closed (Web Push): she turns them on once; the browser asks for
// permission, subscribes with the server's key, and the server keeps the subscription. Which
// subscription this browser made is remembered here, so she can turn it off again.
import { call } from "./api";
import { signal } from "./state";

const KEY = "tia.push-subscription";

export type PushState = "unsupported" | "blocked" | "off" | "on";

function supported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

function current(): PushState {
  if (!supported()) return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  return localStorage.getItem(KEY) && Notification.permission === "granted" ? "on" : "off";
}

export const pushState = signal<PushState>(current());

// Turns notifications on. Throws what went wrong in words the screen shows ("push_blocked", "push_failed").
export async function enablePush(): Promise<void> {
  if (!supported()) throw new Error("push_unsupported");
  const permission = await Notification.requestPermission();
  if (permission !== "granted") {
    pushState.set(current());
    throw new Error(permission === "denied" ? "push_blocked" : "push_not_allowed");
  }
  const { key } = await call<{ key: string }>("GET", "/api/v1/push/key");
  const registration = await navigator.serviceWorker.ready;
  let sub: PushSubscription;
  try {
    sub = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key /* base64url, as the Push API takes it */ });
  } catch {
    throw new Error("push_failed");  // no push service reachable (some browsers, private windows)
  }
  const id = localStorage.getItem(KEY) ?? crypto.randomUUID();
  await call("PUT", `/api/v1/push/subscriptions/${id}`, sub.toJSON());
  localStorage.setItem(KEY, id);
  pushState.set("on");
}

export async function disablePush(): Promise<void> {
  const id = localStorage.getItem(KEY);
  if (id) await call("DELETE", `/api/v1/push/subscriptions/${id}`).catch(() => {});
  localStorage.removeItem(KEY);
  const registration = await navigator.serviceWorker?.getRegistration();
  await (await registration?.pushManager.getSubscription())?.unsubscribe();
  pushState.set(current());
}
